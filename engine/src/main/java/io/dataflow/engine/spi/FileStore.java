package io.dataflow.engine.spi;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Files that tasks output and read: a {@code file} port's value is a reference
 * {@code {"file_id", "name", "content_type", "size", "url"}} to a file stored here, which every node can read.
 */
public interface FileStore {

    /**
     * Stores a file that a task of the execution produced.
     *
     * @return the file port value referring to it
     * @throws TaskFailure permanent when the content is larger than the configured limit
     */
    ObjectNode save(String organizationId, String executionId, String name, String contentType, byte[] content)
            throws TaskFailure;

    /**
     * Reads a file given as a {@code file} port value (the reference object, or a file id as text).
     *
     * @throws TaskFailure permanent when the value is not a file of this organization
     */
    StoredFile read(String organizationId, JsonNode file) throws TaskFailure;

    /** A stored file with its content. */
    record StoredFile(String id, String name, String contentType, byte[] content) {
    }

    /** No file store: each call fails. */
    FileStore NONE = new FileStore() {
        @Override
        public ObjectNode save(String organizationId, String executionId, String name, String contentType,
                byte[] content) throws TaskFailure {
            throw TaskFailure.permanent("files are not available here");
        }

        @Override
        public StoredFile read(String organizationId, JsonNode file) throws TaskFailure {
            throw TaskFailure.permanent("files are not available here");
        }
    };
}
