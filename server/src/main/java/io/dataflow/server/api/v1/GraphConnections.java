package io.dataflow.server.api.v1;

import io.dataflow.engine.model.Pointers;
import io.dataflow.server.api.dataflow.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A graph's {@code connections}, read field by field: four names each, nothing else. */
final class GraphConnections {

    /** Enough for every node of the largest graph to have several inputs connected. */
    static final int MAX_CONNECTIONS = 2_000;
    private static final Set<String> FIELDS = Set.of("sourceNodeId", "sourcePort", "targetNodeId", "targetPort");

    /**
     * A connection with its four names.
     *
     * @param pointer where it is in the document, such as {@code /connections/0}
     */
    record Entry(GraphConnection connection, String pointer) {
    }

    private GraphConnections() {
    }

    /** The document's optional {@code connections} that have their four names; a problem for each that has not. */
    static List<Entry> read(ObjectNode doc, JsonFields fields) {
        List<Entry> read = new ArrayList<>();
        List<JsonNode> connections = fields.array(doc, "connections", "", false);
        if (connections == null) {
            return read;
        }
        if (connections.size() > MAX_CONNECTIONS) {
            fields.problem("/connections", "must have at most " + MAX_CONNECTIONS + " connections, got "
                    + connections.size());
            return read;
        }
        for (int i = 0; i < connections.size(); i++) {
            String at = Pointers.append("/connections", i);
            ObjectNode connection = fields.object(connections.get(i), at, true);
            if (connection == null) {
                continue;
            }
            fields.rejectUnknown(connection, at, FIELDS);
            String sourceNode = fields.text(connection, "sourceNodeId", at, true);
            String sourcePort = fields.text(connection, "sourcePort", at, true);
            String targetNode = fields.text(connection, "targetNodeId", at, true);
            String targetPort = fields.text(connection, "targetPort", at, true);
            if (sourceNode != null && sourcePort != null && targetNode != null && targetPort != null) {
                read.add(new Entry(new GraphConnection(sourceNode, sourcePort, targetNode, targetPort), at));
            }
        }
        return read;
    }
}
