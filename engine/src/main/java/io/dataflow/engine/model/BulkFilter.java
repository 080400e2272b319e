package io.dataflow.engine.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which executions of a workflow (or of a binding, {@link BulkScope}) a bulk job acts on: those with one of
 * {@code statuses}, created in the given window, and (when {@code ids} is given) among those ids. Criteria left out
 * select everything; at least one must be given, so that "every execution" is never asked by accident. Statuses and
 * times are checked when the job reaches an execution, not when it was accepted.
 *
 * @param statuses the statuses selected; empty for any
 * @param createdBefore only executions created strictly before this time; null for no bound
 * @param createdAfter only executions created strictly after this time; null for no bound
 * @param ids only these executions, kept sorted and without repeats; null for any. For a job of a workflow they are
 *     execution ids; for a job of a binding, the executions' names within the binding
 */
public record BulkFilter(Set<ExecutionStatus> statuses, Instant createdBefore, Instant createdAfter, List<String> ids) {

    /** The most ids one job may name. */
    public static final int MAX_IDS = 10_000;

    public BulkFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        ids = ids == null ? null : List.copyOf(new TreeSet<>(ids));
        if (ids != null && ids.isEmpty()) {
            throw new IllegalArgumentException("ids, when given, must name at least one execution");
        }
        if (ids != null && ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("ids may name at most " + MAX_IDS + " executions, got " + ids.size());
        }
        if (statuses.isEmpty() && createdBefore == null && createdAfter == null && ids == null) {
            throw new IllegalArgumentException("a filter needs at least one of status, created_before, created_after"
                    + " and ids");
        }
        if (createdBefore != null && createdAfter != null && !createdAfter.isBefore(createdBefore)) {
            throw new IllegalArgumentException("created_after must be before created_before");
        }
    }

    /** Whether an execution with this status and creation time passes the filter's status and time criteria. */
    public boolean matches(ExecutionStatus status, Instant createdAt) {
        return (statuses.isEmpty() || statuses.contains(status))
                && (createdBefore == null || createdAt.isBefore(createdBefore))
                && (createdAfter == null || createdAt.isAfter(createdAfter));
    }
}
