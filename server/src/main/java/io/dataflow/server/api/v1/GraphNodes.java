package io.dataflow.server.api.v1;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.spi.TaskType;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.server.api.dataflow.InputDeclarations;
import io.dataflow.server.api.dataflow.JsonFields;
import io.dataflow.server.api.dataflow.StepConfigReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A graph's {@code nodes}, read field by field: each id unique and usable as a task name, each type known, at most
 * one trigger, whose {@code config} declares the workflow's inputs. A task node may set its own {@code retries} and
 * {@code timeout} as Cloudflare's Workflows write a step's ({@link StepConfigReader}); the trigger, which runs no
 * task, may not.
 */
final class GraphNodes {

    static final int MAX_NODES = 500;
    private static final int MAX_LABEL = 200;
    private static final Set<String> FIELDS = Set.of("id", "nodeId", "label", "position", "config", "retries",
            "timeout");
    private static final Set<String> POSITION_FIELDS = Set.of("x", "y");
    private static final Set<String> TRIGGER_CONFIG_FIELDS = Set.of("inputs");

    /**
     * A node with a usable id.
     *
     * @param pointer where the node is in the document, such as {@code /nodes/2}
     * @param type the node's task type; null for the trigger, and for a node whose type is unknown (a problem)
     * @param retry the task's own retry policy, or null to leave it to the settings
     * @param timeout the task's own limit of one attempt, or null to leave it to the settings
     */
    record Entry(GraphNode node, String pointer, TaskType type, RetryPolicy retry, Duration timeout) {

        String id() {
            return node.id();
        }

        boolean trigger() {
            return node.isTriggerNode();
        }
    }

    private final List<GraphNode> nodes = new ArrayList<>();
    private final Map<String, Entry> byId = new LinkedHashMap<>();
    private Entry trigger;
    private List<InputDecl> declaredInputs = List.of();

    private GraphNodes() {
    }

    /** The document's optional {@code nodes}, with a problem for each thing wrong. */
    static GraphNodes read(ObjectNode doc, JsonFields fields, TaskTypeRegistry registry) {
        GraphNodes read = new GraphNodes();
        List<JsonNode> nodes = fields.array(doc, "nodes", "", false);
        if (nodes == null) {
            return read;
        }
        if (nodes.size() > MAX_NODES) {
            fields.problem("/nodes", "must have at most " + MAX_NODES + " nodes, got " + nodes.size());
            return read;
        }
        for (int i = 0; i < nodes.size(); i++) {
            read.add(nodes.get(i), Pointers.append("/nodes", i), fields, registry);
        }
        return read;
    }

    private void add(JsonNode raw, String at, JsonFields fields, TaskTypeRegistry registry) {
        ObjectNode node = fields.object(raw, at, true);
        if (node == null) {
            return;
        }
        fields.rejectUnknown(node, at, FIELDS);
        String id = fields.text(node, "id", at, true);
        String nodeId = fields.text(node, "nodeId", at, true);
        String label = fields.text(node, "label", at, false);
        if (label != null && label.length() > MAX_LABEL) {
            fields.problem(at + "/label", "must be at most " + MAX_LABEL + " characters");
        }
        GraphNode.Position position = position(node, at, fields);
        ObjectNode config = fields.object(node.get("config"), at + "/config", false);
        JsonNode retries = given(node, "retries");
        JsonNode timeout = given(node, "timeout");
        GraphNode graphNode = new GraphNode(id, nodeId, label, position, config == null ? Json.object() : config,
                retries, timeout);
        nodes.add(graphNode);
        if (id != null && !DefinitionCompiler.isValidName(id)) {
            fields.problem(at + "/id", "a node id must start with a letter or '_' and contain only letters, digits"
                    + " and '_' (at most 100), since templates name the node by it; got '" + id + "'");
        }
        TaskType type = nodeId == null || graphNode.isTriggerNode() ? null : type(nodeId, at, fields, registry);
        RetryPolicy retry = null;
        Duration limit = null;
        if (graphNode.isTriggerNode()) {
            trigger(graphNode, at, fields);
        } else {
            retry = StepConfigReader.retries(retries, at + "/retries", fields);
            limit = StepConfigReader.timeout(timeout, at + "/timeout", fields);
        }
        if (id != null) {
            Entry previous = byId.putIfAbsent(id, new Entry(graphNode, at, type, retry, limit));
            if (previous != null) {
                fields.problem(at + "/id", "node id '" + id + "' is used twice; " + previous.pointer() + " has it too");
            }
        }
    }

    private static TaskType type(String nodeId, String at, JsonFields fields, TaskTypeRegistry registry) {
        Optional<TaskType> type = registry.find(nodeId);
        if (type.isEmpty()) {
            fields.problem(at + "/nodeId", "unknown node type '" + nodeId + "'; use " + GraphNode.TRIGGER
                    + " or a task type: " + String.join(", ", registry.names()));
        }
        return type.orElse(null);
    }

    private void trigger(GraphNode node, String at, JsonFields fields) {
        if (trigger != null) {
            fields.problem(at + "/nodeId", "a graph has at most one " + GraphNode.TRIGGER + " node; "
                    + trigger.pointer() + " is one already");
            return;
        }
        trigger = new Entry(node, at, null, null, null);
        if (node.retries() != null) {
            fields.problem(at + "/retries", "the trigger runs no task, so it takes no retries; give them on task"
                    + " nodes");
        }
        if (node.timeout() != null) {
            fields.problem(at + "/timeout", "the trigger runs no task, so it takes no timeout; give it on task nodes");
        }
        fields.rejectUnknown(node.config(), at + "/config", TRIGGER_CONFIG_FIELDS);
        declaredInputs = InputDeclarations.read(node.config(), at + "/config", fields);
    }

    /** The member's value, or null when it is missing or JSON null. */
    private static JsonNode given(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static GraphNode.Position position(ObjectNode node, String at, JsonFields fields) {
        ObjectNode position = fields.object(node.get("position"), at + "/position", false);
        if (position == null) {
            return null;
        }
        fields.rejectUnknown(position, at + "/position", POSITION_FIELDS);
        Number x = coordinate(position, "x", at + "/position", fields);
        Number y = coordinate(position, "y", at + "/position", fields);
        return x == null || y == null ? null : new GraphNode.Position(x, y);
    }

    private static Number coordinate(ObjectNode position, String field, String at, JsonFields fields) {
        JsonNode value = position.get(field);
        if (value == null || value.isNull()) {
            fields.problem(at + "/" + field, "is required");
            return null;
        }
        if (!value.isNumber()) {
            fields.problem(at + "/" + field, "must be a number, got " + JsonFields.kind(value));
            return null;
        }
        return value.numberValue();
    }

    /** Every node read, in document order, as given. */
    List<GraphNode> nodes() {
        return nodes;
    }

    /** Every node with a usable id, in document order. */
    Collection<Entry> entries() {
        return byId.values();
    }

    Optional<Entry> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The trigger node, if there is one. */
    Optional<Entry> trigger() {
        return Optional.ofNullable(trigger);
    }

    /** The inputs the trigger's config declares, in order; empty without a trigger. */
    List<InputDecl> declaredInputs() {
        return declaredInputs;
    }

    /** The ids of the nodes, for messages. */
    String ids() {
        return String.join(", ", byId.keySet());
    }
}
