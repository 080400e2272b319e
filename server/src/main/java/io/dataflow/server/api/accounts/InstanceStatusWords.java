package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.ExecutionStatus;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Cloudflare's words for an instance's status, one per engine {@link ExecutionStatus}: {@code queued, running,
 * waiting, waitingForPause, paused, complete, errored, terminated}. The only place this dialect maps them, both ways.
 */
public final class InstanceStatusWords {

    private InstanceStatusWords() {
    }

    /** Cloudflare's word for the engine's status. */
    public static String word(ExecutionStatus status) {
        return switch (status) {
            case QUEUED -> "queued";
            case RUNNING -> "running";
            case WAITING -> "waiting";
            case PAUSING -> "waitingForPause";
            case PAUSED -> "paused";
            case COMPLETED -> "complete";
            case FAILED -> "errored";
            case TERMINATED -> "terminated";
        };
    }

    /**
     * The engine's status Cloudflare's word means, exactly as written (Cloudflare's words are case-sensitive), or
     * empty for a word that is none.
     */
    public static Optional<ExecutionStatus> status(String word) {
        return Arrays.stream(ExecutionStatus.values()).filter(status -> word(status).equals(word)).findFirst();
    }

    /** Every word, in the engine's order, for messages. */
    public static String all() {
        return Arrays.stream(ExecutionStatus.values()).map(InstanceStatusWords::word)
                .collect(Collectors.joining(", "));
    }
}
