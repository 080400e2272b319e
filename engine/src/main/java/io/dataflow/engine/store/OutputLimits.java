package io.dataflow.engine.store;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * How big a stored result may be, counted as the UTF-8 bytes of its JSON text ({@link StoredJson#bytes}). Without a
 * cap, one task returning {@code [1..10000000]} made an execution whose every read built a 158 MB answer. Large
 * results belong in files (task types that produce files store them with the {@link io.dataflow.engine.spi.FileStore}
 * and output only a reference).
 *
 * <ul>
 *   <li>A task's output over the cap fails the task (permanently: the same input gives the same result).
 *   <li>An execution's outputs over the cap fail the execution.
 *   <li>A task's resolved input over the cap is stored cut down, its largest fields replaced by a marker. It is kept
 *       only for display: the task itself got the whole input, and a retry resolves it again from the execution, so
 *       failing the task for it would refuse work that is fine (a task reading several large upstream outputs to
 *       count them, say).
 *   <li>Error messages are cut to {@link #MAX_ERROR_CHARS} characters.
 * </ul>
 *
 * @param maxBytes the most bytes of JSON one task output, one execution's outputs, or one task's stored input may have
 */
public record OutputLimits(long maxBytes) {

    /** The default cap: 1 MiB, as Cloudflare Workflows' steps. */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    public static final OutputLimits DEFAULT = new OutputLimits(DEFAULT_MAX_BYTES);
    /** The server setting that changes the cap; named in the errors, so whoever reads one knows what to change. */
    public static final String SETTING = "DATAFLOW_MAX_OUTPUT_BYTES";
    /** The smallest cap accepted: room for an error's or a marker's text. */
    public static final long MIN_BYTES = 1024;
    /** The longest error message stored; a longer one is cut, with a note of its length. */
    public static final int MAX_ERROR_CHARS = 16 * 1024;

    public OutputLimits {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException(SETTING + " must be at least " + MIN_BYTES + " bytes, got " + maxBytes);
        }
    }

    /**
     * A task's output as it will be stored.
     *
     * @throws TaskFailure a permanent one naming the size, the cap and the setting, when it is over the cap
     */
    public StoredJson taskOutput(JsonNode output) throws TaskFailure {
        StoredJson stored = StoredJson.of(output);
        if (stored != null && stored.bytes() > maxBytes) {
            throw TaskFailure.permanent("the task's output is " + stored.bytes() + " bytes of JSON, more than the "
                    + maxBytes + " bytes a task's output may have (" + SETTING + "); large results belong in files");
        }
        return stored;
    }

    /**
     * An execution's outputs as they will be stored.
     *
     * @throws TaskTransitions.SettleException naming the size, the cap and the setting, when they are over the cap
     */
    StoredJson executionOutputs(JsonNode outputs) throws TaskTransitions.SettleException {
        StoredJson stored = StoredJson.of(outputs);
        if (stored != null && stored.bytes() > maxBytes) {
            throw new TaskTransitions.SettleException("the workflow's outputs are " + stored.bytes()
                    + " bytes of JSON, more than the " + maxBytes + " bytes an execution's outputs may have ("
                    + SETTING + ")");
        }
        return stored;
    }

    /**
     * A task's resolved input as it is stored for display: whole when it fits, otherwise with its largest fields,
     * one by one, replaced by {@code "[truncated: N bytes]"} until it fits (or, should even that not do, replaced
     * whole by such a marker).
     */
    public StoredJson shownInput(JsonNode input) {
        StoredJson stored = StoredJson.of(input);
        if (stored == null || stored.bytes() <= maxBytes) {
            return stored;
        }
        if (stored.node() instanceof ObjectNode object) {
            StoredJson cut = StoredJson.of(withoutLargestFields(object, stored.bytes()));
            if (cut.bytes() <= maxBytes) {
                return cut;
            }
        }
        return StoredJson.of(marker(stored.bytes()));
    }

    /** Slow path, for inputs over the cap only: measures each field and replaces the largest until it fits. */
    private ObjectNode withoutLargestFields(ObjectNode object, long totalBytes) {
        List<Map.Entry<String, Long>> sizes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            sizes.add(Map.entry(field.getKey(), StoredJson.of(field.getValue()).bytes()));
        }
        sizes.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        ObjectNode cut = Json.object();
        cut.setAll(object);
        long total = totalBytes;
        for (Map.Entry<String, Long> field : sizes) {
            StringNode marker = marker(field.getValue());
            long saved = field.getValue() - StoredJson.of(marker).bytes();
            if (total <= maxBytes || saved <= 0) {
                break; // fits, or the fields left are smaller than a marker
            }
            cut.set(field.getKey(), marker);
            total -= saved;
        }
        return cut;
    }

    private static StringNode marker(long bytes) {
        return StringNode.valueOf("[truncated: " + bytes + " bytes]");
    }

    /** An error message as stored: cut to {@link #MAX_ERROR_CHARS} characters. */
    static String errorMessage(String message) {
        return StoredText.truncate(message, MAX_ERROR_CHARS);
    }
}
