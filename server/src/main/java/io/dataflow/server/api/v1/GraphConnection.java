package io.dataflow.server.api.v1;

/**
 * One connection of a seed 002 graph: an output port of one node feeds an input port of another.
 *
 * <p>The port names are the task types' ({@code GET /task-types}); a trigger's output ports are its inputs' names.
 * {@value #WHOLE_OUTPUT} as the source port stands for the whole output object and {@value #WHOLE_INPUT} as the
 * target port for the whole input object, unless the node's type has a port of that name, which wins.
 */
public record GraphConnection(String sourceNodeId, String sourcePort, String targetNodeId, String targetPort) {

    /** The source port that stands for a node's whole output. */
    public static final String WHOLE_OUTPUT = "output";

    /** The target port that stands for a node's whole input. */
    public static final String WHOLE_INPUT = "input";
}
