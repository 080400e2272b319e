package io.dataflow.server.api.v1;

import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The body of {@code POST /api/v1/workflows/:id/share}: {@code {"userId": "usr-..."}}. */
final class ShareBody {

    static final int MAX_ID = 40;

    private ShareBody() {
    }

    /** @throws InvalidDefinitionException naming what is wrong */
    static String read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        String userId = null;
        if (doc != null) {
            fields.rejectUnknown(doc, "", Set.of("userId"));
            userId = fields.text(doc, "userId", "", true);
            if (userId != null && userId.length() > MAX_ID) {
                fields.problem("/userId", "is not a user id (at most " + MAX_ID + " characters)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return userId;
    }
}
