package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.ExecutionStatus;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Cloudflare's words for an instance's status, one for each of the engine's execution statuses: {@code queued},
 * {@code running}, {@code waiting}, {@code waitingForPause} (pausing), {@code paused}, {@code complete},
 * {@code errored} (failed) and {@code terminated}.
 */
public final class InstanceStatusWords {

    private static final Map<ExecutionStatus, String> WORDS = new EnumMap<>(ExecutionStatus.class);
    private static final Map<String, ExecutionStatus> STATUSES = new LinkedHashMap<>();

    static {
        put(ExecutionStatus.QUEUED, "queued");
        put(ExecutionStatus.RUNNING, "running");
        put(ExecutionStatus.WAITING, "waiting");
        put(ExecutionStatus.PAUSING, "waitingForPause");
        put(ExecutionStatus.PAUSED, "paused");
        put(ExecutionStatus.COMPLETED, "complete");
        put(ExecutionStatus.FAILED, "errored");
        put(ExecutionStatus.TERMINATED, "terminated");
    }

    private InstanceStatusWords() {
    }

    private static void put(ExecutionStatus status, String word) {
        WORDS.put(status, word);
        STATUSES.put(word, status);
    }

    /** The word of a status. */
    public static String word(ExecutionStatus status) {
        return WORDS.get(status);
    }

    /** The status a word names, exactly as spelt (Cloudflare's words are case-sensitive); empty for another. */
    public static Optional<ExecutionStatus> status(String word) {
        return Optional.ofNullable(word == null ? null : STATUSES.get(word));
    }

    /** Every word, in the engine's order, for messages. */
    public static String all() {
        return String.join(", ", STATUSES.keySet());
    }
}
