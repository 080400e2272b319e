package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.ExecutionStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * The status words of a bulk job's filter: each execution status by its own name, with PENDING for QUEUED (the word
 * the {@code /workflows} API shows) and CANCELLED kept as another word for TERMINATED. Unlike the list filter's
 * words, each names exactly one status, so "terminate RUNNING" never reaches a WAITING execution by surprise.
 */
final class BulkStatusWords {

    static final String WORDS = "PENDING, RUNNING, WAITING, PAUSING, PAUSED, COMPLETED, FAILED, TERMINATED"
            + " (or CANCELLED)";

    private BulkStatusWords() {
    }

    /** The status a word names, ignoring case; empty for any other word. */
    static Optional<ExecutionStatus> parse(String word) {
        String w = word.trim().toUpperCase(Locale.ROOT);
        return switch (w) {
            case "PENDING", "QUEUED" -> Optional.of(ExecutionStatus.QUEUED);
            case "CANCELLED", "CANCELED" -> Optional.of(ExecutionStatus.TERMINATED);
            default -> {
                for (ExecutionStatus status : ExecutionStatus.values()) {
                    if (status.name().equals(w)) {
                        yield Optional.of(status);
                    }
                }
                yield Optional.empty();
            }
        };
    }

    static String of(ExecutionStatus status) {
        return status == ExecutionStatus.QUEUED ? "PENDING" : status.name();
    }
}
