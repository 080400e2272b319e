package io.dataflow.engine.store;

import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bulk job's filter as it is stored: JSON with the engine's status names, times in ISO-8601 UTC and the ids
 * sorted, so that the same filter is always the same text and hashes the same.
 */
final class BulkFilterJson {

    private BulkFilterJson() {
    }

    static String write(BulkFilter filter) {
        ObjectNode json = Json.object();
        if (!filter.statuses().isEmpty()) {
            ArrayNode statuses = json.putArray("status");
            filter.statuses().stream().sorted().forEach(status -> statuses.add(status.name()));
        }
        if (filter.createdBefore() != null) {
            json.put("created_before", filter.createdBefore().toString());
        }
        if (filter.createdAfter() != null) {
            json.put("created_after", filter.createdAfter().toString());
        }
        if (filter.ids() != null) {
            ArrayNode ids = json.putArray("ids");
            filter.ids().forEach(ids::add);
        }
        return Json.write(json);
    }

    static BulkFilter read(String text) {
        JsonNode json = Json.parse(text);
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        json.path("status").forEach(status -> statuses.add(ExecutionStatus.valueOf(status.asString())));
        List<String> ids = null;
        if (json.has("ids")) {
            ids = new ArrayList<>();
            for (JsonNode id : json.get("ids")) {
                ids.add(id.asString());
            }
        }
        return new BulkFilter(statuses, instant(json, "created_before"), instant(json, "created_after"), ids);
    }

    /** A short hash of the action and the filter: equal for the same request asked twice. */
    static String key(ExecutionAction action, BulkFilter filter) {
        return sha256(action.name() + " " + write(filter));
    }

    /**
     * A short hash of the action alone, for jobs that run one at a time per action: never equal to a
     * {@link #key}, whose text always holds a filter's JSON object.
     */
    static String oneAtATimeKey(ExecutionAction action) {
        return sha256(action.name() + " one at a time");
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Instant instant(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : Instant.parse(value.asString());
    }
}
