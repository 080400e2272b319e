package io.dataflow.engine.model;

import java.time.Instant;
import java.util.Set;

/**
 * Which of a binding's executions a listing shows, and in which order.
 *
 * @param statuses only executions in these statuses; every status when empty
 * @param createdFrom only executions created at or after this time, or null
 * @param createdTo only executions created at or before this time, or null
 * @param oldestFirst oldest first instead of newest first
 */
public record NamedExecutionFilter(Set<ExecutionStatus> statuses, Instant createdFrom, Instant createdTo,
        boolean oldestFirst) {

    /** Every execution, newest first. */
    public static final NamedExecutionFilter ALL = new NamedExecutionFilter(Set.of(), null, null, false);

    public NamedExecutionFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }
}
