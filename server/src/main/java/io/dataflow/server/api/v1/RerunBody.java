package io.dataflow.server.api.v1;

import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /api/v1/executions/:id/rerun}.
 *
 * @param fromNode the id of the node to run again, with every node downstream of it
 * @param triggerInputs new trigger inputs, or null to reuse the original execution's
 */
record RerunBody(String fromNode, ObjectNode triggerInputs) {

    static final String FROM_NODE = "/fromNode";
    static final String INPUTS = "/triggerInputs";
    private static final Set<String> FIELDS = Set.of("fromNode", "triggerInputs");

    /** @throws InvalidDefinitionException with every problem of the body */
    static RerunBody read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        if (doc == null) {
            throw new InvalidDefinitionException(problems);
        }
        fields.rejectUnknown(doc, "", FIELDS);
        String fromNode = fields.text(doc, "fromNode", "", true);
        ObjectNode inputs = fields.object(doc.get("triggerInputs"), INPUTS, false);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new RerunBody(fromNode, inputs);
    }
}
