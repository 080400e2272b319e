package io.dataflow.server.api.v1;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.server.api.dataflow.DataflowApiException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 002's status words for executions and their nodes: the engine's statuses in lower case, except that a node
 * that is ready but not started yet is {@code pending} like one still waiting for its inputs.
 */
final class ExecutionWords {

    /** The execution status words, in the engine's order. */
    static final String EXECUTION_WORDS = Arrays.stream(ExecutionStatus.values()).map(ExecutionWords::of)
            .collect(Collectors.joining(", "));

    private ExecutionWords() {
    }

    static String of(ExecutionStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    static String of(TaskStatus status) {
        return status == TaskStatus.READY ? "pending" : status.name().toLowerCase(Locale.ROOT);
    }

    /** The words of several statuses, in the engine's order: {@code running, waiting}. */
    static String of(Set<ExecutionStatus> statuses) {
        return statuses.stream().sorted().map(ExecutionWords::of).collect(Collectors.joining(", "));
    }

    /**
     * The statuses of a {@code status} filter: one word or several, comma-separated; none for null or blank.
     *
     * @throws DataflowApiException 400 naming {@code status} for a word that is no status
     */
    static Set<ExecutionStatus> filter(String value) {
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        if (value == null || value.isBlank()) {
            return statuses;
        }
        for (String word : value.split(",", -1)) {
            String w = word.trim();
            ExecutionStatus status = Arrays.stream(ExecutionStatus.values()).filter(s -> of(s).equals(w)).findFirst()
                    .orElseThrow(() -> DataflowApiException.badParameter("status", "has unknown status '" + w
                            + "'; use one or more of " + EXECUTION_WORDS + ", comma-separated"));
            statuses.add(status);
        }
        return statuses;
    }
}
