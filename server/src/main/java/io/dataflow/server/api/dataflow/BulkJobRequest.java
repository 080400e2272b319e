package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request for a bulk job, {@code {"action": "terminate", "filter": {"status": [...], "created_before": "...",
 * "created_after": "...", "ids": [...]}}}, read with every problem at its field's pointer.
 */
record BulkJobRequest(ExecutionAction action, BulkFilter filter) {

    /**
     * The longest execution id there can be: the size of {@code executions.id} (ids are about 30 characters). A
     * longer one was once taken and then stopped the job at every page, its {@code after_id} too long to store.
     */
    static final int MAX_ID_LENGTH = 40;

    static final String ACTIONS = Arrays.stream(ExecutionAction.values()).map(ExecutionAction::word)
            .collect(Collectors.joining(", "));

    /** The request in the body, or a 400 listing every problem of it. */
    static BulkJobRequest read(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        JsonFields fields = new JsonFields(problems);
        ObjectNode doc = fields.object(body, "", true);
        if (doc == null) {
            throw DataflowApiException.invalid(problems);
        }
        fields.rejectUnknown(doc, "", Set.of("action", "filter"));
        String word = fields.text(doc, "action", "", true);
        ExecutionAction action = word == null ? null : ExecutionAction.of(word).orElse(null);
        if (word != null && action == null) {
            fields.problem("/action", "must be one of " + ACTIONS + ", got '" + word + "'");
        }
        BulkFilter filter = filter(fields.object(doc.get("filter"), "/filter", true), fields, problems);
        if (!problems.isEmpty()) {
            throw DataflowApiException.invalid(problems);
        }
        return new BulkJobRequest(action, filter);
    }

    private static BulkFilter filter(ObjectNode filter, JsonFields fields, List<Problem> problems) {
        if (filter == null) {
            return null;
        }
        fields.rejectUnknown(filter, "/filter", Set.of("status", "created_before", "created_after", "ids"));
        Set<ExecutionStatus> statuses = statuses(filter.get("status"), fields);
        Instant before = time(fields.text(filter, "created_before", "/filter", false), "/filter/created_before",
                fields);
        Instant after = time(fields.text(filter, "created_after", "/filter", false), "/filter/created_after", fields);
        List<String> ids = ids(fields.array(filter, "ids", "/filter", false), fields);
        if (statuses.isEmpty() && before == null && after == null && ids == null && !has(filter, "status")
                && !has(filter, "created_before") && !has(filter, "created_after") && !has(filter, "ids")) {
            fields.problem("/filter", "must have at least one of status, created_before, created_after and ids; to"
                    + " act on every execution, name every status");
            return null;
        }
        if (before != null && after != null && !after.isBefore(before)) {
            fields.problem("/filter/created_after", "must be before created_before");
            return null;
        }
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return new BulkFilter(statuses, before, after, ids);
        } catch (IllegalArgumentException e) {
            fields.problem("/filter", e.getMessage()); // the checks above should have found it first
            return null;
        }
    }

    private static boolean has(ObjectNode object, String field) {
        return object.has(field) && !object.get(field).isNull();
    }

    /** The statuses of a list of words (or one word, or words separated by commas). */
    private static Set<ExecutionStatus> statuses(JsonNode node, JsonFields fields) {
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        if (node == null || node.isNull()) {
            return statuses;
        }
        List<String> words = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        if (node.isString()) {
            for (String word : node.stringValue().split(",")) {
                words.add(word);
                pointers.add("/filter/status");
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isString()) {
                    fields.problem("/filter/status/" + i, "must be a status word, got " + JsonFields.kind(node.get(i)));
                    continue;
                }
                words.add(node.get(i).stringValue());
                pointers.add("/filter/status/" + i);
            }
        } else {
            fields.problem("/filter/status", "must be a list of status words, got " + JsonFields.kind(node));
            return statuses;
        }
        if (words.isEmpty() && node.isArray() && node.isEmpty()) {
            fields.problem("/filter/status", "must name at least one status: " + StatusWords.FILTER_WORDS);
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            Optional<Set<ExecutionStatus>> status = StatusWords.parseFilter(word);
            if (status.isPresent()) {
                statuses.addAll(status.get());
            } else {
                fields.problem(pointers.get(i), "has unknown status '" + shorten(word.trim()) + "'; use "
                        + StatusWords.FILTER_WORDS);
            }
        }
        return statuses;
    }

    /** An RFC 3339 time with its offset, or a problem and null. */
    private static Instant time(String text, String pointer, JsonFields fields) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            fields.problem(pointer, "must be an RFC 3339 time with its offset, such as 2030-01-31T09:00:00Z, got '"
                    + shorten(text) + "'");
            return null;
        }
    }

    private static List<String> ids(List<JsonNode> nodes, JsonFields fields) {
        if (nodes == null) {
            return null;
        }
        if (nodes.isEmpty()) {
            fields.problem("/filter/ids", "must name at least one execution");
            return null;
        }
        if (nodes.size() > BulkFilter.MAX_IDS) {
            fields.problem("/filter/ids", "may name at most " + BulkFilter.MAX_IDS + " executions per job, got "
                    + nodes.size() + "; ask for several jobs");
            return null;
        }
        List<String> ids = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            if (!node.isString() || node.stringValue().isBlank()) {
                fields.problem("/filter/ids/" + i, "must be an execution id, got " + JsonFields.kind(node));
            } else if (node.stringValue().length() > MAX_ID_LENGTH) {
                fields.problem("/filter/ids/" + i, "must be an execution id of at most " + MAX_ID_LENGTH
                        + " characters, got " + node.stringValue().length());
            } else {
                ids.add(node.stringValue().trim());
            }
        }
        return ids;
    }

    private static String shorten(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
