package io.dataflow.engine.spi;

import io.dataflow.engine.model.Json;
import java.util.Optional;
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

    /**
     * The reference to a file given as a {@code file} port value (the reference object, or a file id as text), read
     * from the store rather than trusted from the value; empty when it is not a file of this organization. This
     * default reads the content; a store that can look up a file without it should.
     */
    default Optional<ObjectNode> find(String organizationId, JsonNode file) {
        try {
            StoredFile stored = read(organizationId, file);
            return Optional.of(reference(stored.id(), stored.name(), stored.contentType(), stored.content().length));
        } catch (TaskFailure e) {
            return Optional.empty();
        }
    }

    /** The {@code file} port value referring to a stored file; its {@code url} is where the API serves it. */
    static ObjectNode reference(String id, String name, String contentType, long size) {
        ObjectNode reference = Json.object();
        reference.put("file_id", id);
        reference.put("name", name);
        reference.put("content_type", contentType);
        reference.put("size", size);
        reference.put("url", url(id));
        return reference;
    }

    /** Where the API serves a stored file, relative to the server. */
    static String url(String id) {
        return "/files/" + id;
    }

    /**
     * The file id a {@code file} port value names: the text itself, or the reference object's {@code file_id};
     * empty for any other value.
     */
    static Optional<String> idOf(JsonNode file) {
        if (file == null) {
            return Optional.empty();
        }
        JsonNode id = file.isObject() ? file.get("file_id") : file;
        return id != null && id.isString() && !id.asString().isBlank() ? Optional.of(id.asString()) : Optional.empty();
    }

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
