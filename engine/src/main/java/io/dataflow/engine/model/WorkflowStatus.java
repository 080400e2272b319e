package io.dataflow.engine.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A workflow's lifecycle. New executions start only while it is {@link #DRAFT} or {@link #ACTIVE}; pausing or
 * archiving a workflow does not touch the executions already under way.
 */
public enum WorkflowStatus {
    /** Being built; runs its current version when executed. */
    DRAFT,
    /** Deployed, or set active: runs its deployed version when it has one. */
    ACTIVE,
    /** Takes no new executions until made active again. */
    PAUSED,
    /** Retired: takes no executions and cannot be deployed; can only go back to draft. */
    ARCHIVED;

    /** The statuses in which new executions may start. */
    public static final Set<WorkflowStatus> EXECUTABLE = Set.of(DRAFT, ACTIVE);

    /** The word the APIs use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WorkflowStatus> ofWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
    }

    /** Whether new executions may start. */
    public boolean executable() {
        return EXECUTABLE.contains(this);
    }

    /** The statuses this one may change to (setting the status it already has is always allowed, as a no-op). */
    public Set<WorkflowStatus> next() {
        return switch (this) {
            case DRAFT -> Set.of(ACTIVE, ARCHIVED);
            case ACTIVE -> Set.of(DRAFT, PAUSED, ARCHIVED);
            case PAUSED -> Set.of(ACTIVE, DRAFT, ARCHIVED);
            case ARCHIVED -> Set.of(DRAFT);
        };
    }

    public boolean canBecome(WorkflowStatus next) {
        return next == this || next().contains(next);
    }
}
