package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.FileStore;
import io.dataflow.engine.spi.TaskFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Test-only {@link FileStore} in a map, keyed by file id, one organization's files only readable by it. */
final class InMemoryFiles implements FileStore {

    private record Entry(String organizationId, StoredFile file) {
    }

    private final Map<String, Entry> files = new ConcurrentHashMap<>();

    @Override
    public ObjectNode save(String organizationId, String executionId, String name, String contentType,
            byte[] content) {
        String id = "file-" + (files.size() + 1);
        files.put(id, new Entry(organizationId, new StoredFile(id, name, contentType, content.clone())));
        return Json.object().put("file_id", id).put("name", name).put("content_type", contentType)
                .put("size", content.length).put("url", "/files/" + id);
    }

    @Override
    public StoredFile read(String organizationId, JsonNode file) throws TaskFailure {
        String id = file.isString() ? file.stringValue() : file.path("file_id").asString("");
        Entry entry = files.get(id);
        if (entry == null || !entry.organizationId().equals(organizationId)) {
            throw TaskFailure.permanent("there is no file '" + id + "'");
        }
        return entry.file();
    }

    /** The stored file of a reference a task output. */
    StoredFile get(JsonNode reference) throws TaskFailure {
        return read(AiTaskRuns.ORGANIZATION, reference);
    }
}
