package io.dataflow.server.api.v1;

import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /api/v1/users}: {@code {"name", "email", "instanceAdmin"}}. Every problem is reported at
 * once.
 *
 * @param email optional; unique among the organization's users
 * @param instanceAdmin whether the user may create organizations; false when left out
 */
record UserBody(String name, String email, boolean instanceAdmin) {

    static UserBody read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode root = fields.object(body, "", true);
        if (root == null) {
            throw DataflowApiException.invalid(problems);
        }
        fields.rejectUnknown(root, "", Set.of("name", "email", "instanceAdmin"));
        String name = PersonFields.name(fields, root, "");
        String email = PersonFields.email(fields, root, "");
        Boolean instanceAdmin = fields.bool(root, "instanceAdmin", "");
        if (!problems.isEmpty()) {
            throw DataflowApiException.invalid(problems);
        }
        return new UserBody(name, email, instanceAdmin != null && instanceAdmin);
    }
}
