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
 * @param config new values for input ports of {@code fromNode}, by port name, as a node's config gives them, or null
 *     to run it as the original's version has it
 */
record RerunBody(String fromNode, ObjectNode triggerInputs, ObjectNode config) {

    static final String FROM_NODE = "/fromNode";
    static final String INPUTS = "/triggerInputs";
    static final String CONFIG = "/config";
    private static final Set<String> FIELDS = Set.of("fromNode", "triggerInputs", "config");

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
        ObjectNode config = fields.object(doc.get("config"), CONFIG, false);
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new RerunBody(fromNode, inputs, config);
    }
}
