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
 * The body of {@code POST /api/v1/organizations}: {@code {"name", "admin": {"name", "email"}}}, the organization
 * and its first user, who becomes its administrator. Every problem is reported at once.
 *
 * @param adminEmail optional
 */
record OrganizationBody(String name, String adminName, String adminEmail) {

    static OrganizationBody read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode root = fields.object(body, "", true);
        if (root == null) {
            throw DataflowApiException.invalid(problems);
        }
        fields.rejectUnknown(root, "", Set.of("name", "admin"));
        String name = PersonFields.name(fields, root, "");
        ObjectNode admin = fields.object(root.get("admin"), "/admin", true);
        String adminName = null;
        String adminEmail = null;
        if (admin != null) {
            fields.rejectUnknown(admin, "/admin", Set.of("name", "email"));
            adminName = PersonFields.name(fields, admin, "/admin");
            adminEmail = PersonFields.email(fields, admin, "/admin");
        }
        if (!problems.isEmpty()) {
            throw DataflowApiException.invalid(problems);
        }
        return new OrganizationBody(name, adminName, adminEmail);
    }
}
