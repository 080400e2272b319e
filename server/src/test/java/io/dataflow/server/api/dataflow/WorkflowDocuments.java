package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.spi.TaskTypeRegistry;
import tools.jackson.databind.JsonNode;

/** The {@code /workflows} dialect's reading of a document, for tests of other packages that start from one. */
public final class WorkflowDocuments {

    private WorkflowDocuments() {
    }

    /** The definition a seed 000 or 001 document means; throws with its problems when it is invalid. */
    public static Definition definition(TaskTypeRegistry registry, JsonNode document) {
        return new WorkflowDocumentReader(registry).read(document).definition();
    }
}
