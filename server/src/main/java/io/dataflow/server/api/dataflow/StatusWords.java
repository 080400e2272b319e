package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code /workflows} API's status words (seeds 000 and 001) for the engine's statuses. */
final class StatusWords {

    private StatusWords() {
    }

    static String of(ExecutionStatus status) {
        return switch (status) {
            case QUEUED -> "PENDING";
            case RUNNING -> "RUNNING";
            case WAITING -> "WAITING";
            case PAUSING -> "PAUSING";
            case PAUSED -> "PAUSED";
            case COMPLETED -> "COMPLETED";
            case FAILED -> "FAILED";
            case TERMINATED -> "TERMINATED";
        };
    }

    /** The words of several statuses, in the engine's order: {@code RUNNING, WAITING}. */
    static String of(Set<ExecutionStatus> statuses) {
        return statuses.stream().sorted().map(StatusWords::of).distinct().collect(Collectors.joining(", "));
    }

    static String of(TaskStatus status) {
        return switch (status) {
            case PENDING, READY -> "PENDING";
            case RUNNING -> "RUNNING";
            case WAITING -> "WAITING";
            case COMPLETED -> "COMPLETED";
            case FAILED -> "FAILED";
            case SKIPPED -> "SKIPPED";
            case CANCELLED -> "CANCELLED";
        };
    }

    /**
     * The engine statuses a filter word stands for, or empty for a word this API does not use. Each word names one
     * status; CANCELLED, the word before executions were terminated, still stands for TERMINATED.
     */
    static Optional<Set<ExecutionStatus>> parseFilter(String word) {
        Set<ExecutionStatus> matching = EnumSet.noneOf(ExecutionStatus.class);
        String w = word.trim().toUpperCase(Locale.ROOT);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (of(status).equals(w)) {
                matching.add(status);
            }
        }
        if (w.equals("CANCELLED") || w.equals("CANCELED")) {
            matching.add(ExecutionStatus.TERMINATED);
        }
        return matching.isEmpty() ? Optional.empty() : Optional.of(matching);
    }

    static final String FILTER_WORDS = "PENDING, RUNNING, WAITING, PAUSING, PAUSED, COMPLETED, FAILED, TERMINATED";
}
