package io.dataflow.engine.store;

import io.dataflow.engine.spi.FileStore;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the store knows about a file, without its content.
 *
 * @param executionId the execution whose task produced it; null for an upload
 * @param sha256 the hex SHA-256 of the content
 */
public record StoredFileInfo(String id, String organizationId, String executionId, String name, String contentType,
        long size, String sha256, Instant createdAt) {

    /** The {@code file} port value referring to this file. */
    public ObjectNode reference() {
        return FileStore.reference(id, name, contentType, size);
    }
}
