package io.dataflow.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node of a seed 002 graph, as the client sent it or as {@link GraphView} draws it, to be shown back.
 *
 * @param id unique in the graph; a task node's id is its task's name, which templates use
 * @param nodeId the node's type: a task type's name, or {@value #TRIGGER}
 * @param label a caption, or null
 * @param position where the node sits on the canvas, or null
 * @param config a task node's input values, templates allowed; the trigger's declared {@code inputs}. Never null
 * @param retries a task node's retry policy as Cloudflare's Workflows write a step's ({@code {limit, delay,
 *     backoff}}), as given; null when not given
 * @param timeout a task node's limit of one attempt as Cloudflare's Workflows write it (milliseconds or a duration
 *     such as {@code "5 minutes"}), as given; null when not given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphNode(String id, String nodeId, String label, Position position, ObjectNode config,
        JsonNode retries, JsonNode timeout) {

    /** A node that leaves its retries and timeout to the settings. */
    public GraphNode(String id, String nodeId, String label, Position position, ObjectNode config) {
        this(id, nodeId, label, position, config, null, null);
    }

    /** The node type of the trigger: not a task, its outputs are the inputs an execution is started with. */
    public static final String TRIGGER = "trigger.manual";

    /** A place on the canvas; the numbers are kept as they were given (whole or not). */
    public record Position(Number x, Number y) {
    }

    boolean isTriggerNode() {
        return TRIGGER.equals(nodeId);
    }
}
