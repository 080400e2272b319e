package io.dataflow.server.api.accounts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataflow.engine.model.Definition;
import io.dataflow.server.api.v1.GraphDocument;
import io.dataflow.server.api.v1.GraphView;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The graph of a version's pinned definition in Cloudflare's outer shape ({@code {version, workflow: {class_name,
 * functions, nodes}}}), drawn by {@link GraphView}: a node per task (its name, its type, its input values as
 * {@code config}) and a trigger node when the definition declares inputs, and {@code edges} for the inputs that are
 * one reference to another node's output. Cloudflare's node kinds ({@code step_do}, {@code step_sleep}...) describe
 * a script's code, which this server's workflows have none of; {@code functions} stays empty for the same reason.
 */
record VersionGraph(int version, Workflow workflow) {

    /** The shape's version, as Cloudflare numbers it. */
    static final int VERSION = 1;

    record Workflow(
            @JsonProperty("class_name") String className,
            Map<String, Object> functions,
            List<Node> nodes,
            List<Edge> edges) {
    }

    /** A task, or the trigger declaring the inputs. */
    record Node(String id, String name, String type, ObjectNode config) {
    }

    /** An output of one node feeding an input of another. */
    record Edge(
            String source,
            @JsonProperty("source_port") String sourcePort,
            String target,
            @JsonProperty("target_port") String targetPort) {
    }

    static VersionGraph of(String className, Definition definition) {
        GraphDocument drawn = GraphView.of(definition);
        List<Node> nodes = drawn.nodes().stream()
                .map(node -> new Node(node.id(), node.label(), node.nodeId(), node.config())).toList();
        List<Edge> edges = drawn.connections().stream()
                .map(c -> new Edge(c.sourceNodeId(), c.sourcePort(), c.targetNodeId(), c.targetPort())).toList();
        return new VersionGraph(VERSION, new Workflow(className, Map.of(), nodes, edges));
    }
}
