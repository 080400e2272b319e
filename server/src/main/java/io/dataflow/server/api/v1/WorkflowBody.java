package io.dataflow.server.api.v1;

import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST} and {@code PUT /api/v1/workflows[/:id]}, read strictly: every problem at once, each at
 * its JSON pointer. What is left out is null (on {@code PUT}: left as it is).
 *
 * @param graph the nodes, connections and settings read into a definition, or null when the body has none of them
 * @param config the workflow's free-form {@code config} object, kept with the graph, or null
 */
record WorkflowBody(String name, String description, WorkflowStatus status, List<String> tags, Boolean isPublic,
        Boolean isTemplate, ObjectNode config, GraphDocument graph) {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 10_000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;
    private static final Set<String> GRAPH_FIELDS = Set.of("nodes", "connections", "settings");
    private static final Set<String> FIELDS = Set.of("name", "description", "status", "nodes", "connections",
            "config", "settings", "tags", "isPublic", "isTemplate");

    /**
     * @param current the graph members ({@code nodes}, {@code connections}, {@code settings}) of the workflow being
     *     changed, which those the body leaves out keep; null when creating one: then {@code name} is required and
     *     {@code status} allowed
     * @throws InvalidDefinitionException with every problem of the body
     */
    static WorkflowBody read(JsonNode body, ObjectNode current, GraphDocumentReader graphs) {
        boolean creating = current == null;
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        if (doc == null) {
            throw new InvalidDefinitionException(problems);
        }
        fields.rejectUnknown(doc, "", FIELDS);
        String name = fields.text(doc, "name", "", creating || doc.has("name"));
        if (name != null && name.length() > MAX_NAME) {
            fields.problem("/name", "must be at most " + MAX_NAME + " characters");
        }
        String description = fields.text(doc, "description", "", false);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            fields.problem("/description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
        WorkflowStatus status = creating ? status(doc, fields) : null;
        if (!creating && doc.has("status")) {
            fields.problem("/status", "cannot be changed here; use PUT /api/v1/workflows/{id}/status, or deploy");
        }
        List<String> tags = tags(doc, fields);
        Boolean isPublic = fields.bool(doc, "isPublic", "");
        Boolean isTemplate = fields.bool(doc, "isTemplate", "");
        ObjectNode config = fields.object(doc.get("config"), "/config", false);
        GraphDocument graph = null;
        if (creating || config != null || GRAPH_FIELDS.stream().anyMatch(doc::has)) {
            ObjectNode graphFields = creating ? Json.object() : current.deepCopy();
            GRAPH_FIELDS.stream().filter(doc::has).forEach(field -> graphFields.set(field, doc.get(field)));
            try {
                graph = graphs.read(graphFields);
            } catch (InvalidDefinitionException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new WorkflowBody(name == null ? null : name.strip(), description, status, tags, isPublic, isTemplate,
                config, graph);
    }

    private static WorkflowStatus status(ObjectNode doc, JsonFields fields) {
        String word = fields.text(doc, "status", "", false);
        if (word == null) {
            return null;
        }
        return WorkflowStatus.ofWord(word).orElseGet(() -> {
            fields.problem("/status", "unknown status '" + word + "'; use one of " + WorkflowViews.STATUS_WORDS);
            return null;
        });
    }

    private static List<String> tags(ObjectNode doc, JsonFields fields) {
        List<JsonNode> items = fields.array(doc, "tags", "", false);
        if (items == null) {
            return null;
        }
        if (items.size() > MAX_TAGS) {
            fields.problem("/tags", "must hold at most " + MAX_TAGS + " tags");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode tag = items.get(i);
            String at = "/tags/" + i;
            if (!tag.isString() || tag.stringValue().isBlank() || tag.stringValue().length() > MAX_TAG) {
                fields.problem(at, "must be text of 1 to " + MAX_TAG + " characters, got " + JsonFields.kind(tag));
            } else {
                tags.add(tag.stringValue().strip());
            }
        }
        return List.copyOf(tags);
    }

    /** The graph source to store with a new version: nodes, connections and settings as given, and config. */
    ObjectNode source(ObjectNode currentConfig) {
        ObjectNode source = (ObjectNode) Json.MAPPER.valueToTree(graph);
        ObjectNode kept = config != null ? config : currentConfig;
        if (kept != null) {
            source.set("config", kept);
        }
        return source;
    }
}
