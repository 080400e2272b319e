package io.dataflow.server.api.v1;

import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The body of {@code PUT /api/v1/workflows/:id/status}: {@code {"status": "active"}}. */
final class StatusBody {

    private StatusBody() {
    }

    /** @throws InvalidDefinitionException naming what is wrong */
    static WorkflowStatus read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        String word = null;
        if (doc != null) {
            fields.rejectUnknown(doc, "", Set.of("status"));
            word = fields.text(doc, "status", "", true);
        }
        WorkflowStatus status = word == null ? null : WorkflowStatus.ofWord(word).orElse(null);
        if (word != null && status == null) {
            fields.problem("/status", "unknown status '" + word + "'; use one of " + WorkflowViews.STATUS_WORDS);
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return status;
    }
}
