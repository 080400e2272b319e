package io.dataflow.server.api.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.model.Definition;
import java.util.List;

/**
 * A workflow graph in seed 002's shape and the engine definition it means. Written as JSON, it is the
 * {@code nodes}, {@code connections} and {@code settings} that {@link GraphDocumentReader} reads.
 *
 * @param definition what the graph runs as; not written
 * @param nodes the nodes as given (a missing {@code config} as {@code {}})
 * @param connections the connections as given
 * @param settings the settings as given, or null when none were
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphDocument(@JsonIgnore Definition definition, List<GraphNode> nodes,
        List<GraphConnection> connections, GraphSettings settings) {

    public GraphDocument {
        nodes = List.copyOf(nodes);
        connections = List.copyOf(connections);
    }
}
