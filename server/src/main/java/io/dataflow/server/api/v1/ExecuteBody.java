package io.dataflow.server.api.v1;

import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /api/v1/workflows/:id/execute}; an empty body runs the workflow with no trigger inputs.
 *
 * @param definition a graph to run instead of the workflow's own, for this execution only, or null
 * @param triggerInputs the trigger node's outputs: the execution's inputs
 */
record ExecuteBody(GraphDocument definition, ObjectNode triggerInputs) {

    /** Where the inputs are in the body, for the inputs' problems. */
    static final String INPUTS = "/triggerInputs";
    private static final Set<String> FIELDS = Set.of("definition", "triggerInputs");

    /** @throws InvalidDefinitionException with every problem of the body */
    static ExecuteBody read(JsonNode body, GraphDocumentReader graphs) {
        if (body == null || body.isMissingNode()) {
            return new ExecuteBody(null, Json.object());
        }
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        if (doc == null) {
            throw new InvalidDefinitionException(problems);
        }
        fields.rejectUnknown(doc, "", FIELDS);
        ObjectNode inputs = fields.object(doc.get("triggerInputs"), INPUTS, false);
        ObjectNode definition = fields.object(doc.get("definition"), "/definition", false);
        GraphDocument graph = null;
        if (definition != null) {
            try {
                graph = graphs.read(definition);
            } catch (InvalidDefinitionException e) {
                e.problems().forEach(p -> problems.add(p.under("/definition")));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new ExecuteBody(graph, inputs == null ? Json.object() : inputs);
    }
}
