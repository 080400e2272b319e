package io.dataflow.engine.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What someone can ask of an execution while it runs, or after, and the statuses in which each makes sense. */
public enum ExecutionAction {
    /** Running tasks finish, nothing new starts, waits keep their deadlines: PAUSING, then PAUSED. */
    PAUSE(EnumSet.of(ExecutionStatus.QUEUED, ExecutionStatus.RUNNING, ExecutionStatus.WAITING)),
    /** A paused (or pausing) execution goes on where it stopped. */
    RESUME(EnumSet.of(ExecutionStatus.PAUSING, ExecutionStatus.PAUSED)),
    /** Running attempts are told to stop, their late results dropped, the rest cancelled: TERMINATED. */
    TERMINATE(ExecutionStatus.UNFINISHED),
    /** Runs again from the start, same id, version and inputs; the earlier run stays readable. */
    RESTART(EnumSet.allOf(ExecutionStatus.class));

    private final Set<ExecutionStatus> allowedFrom;

    ExecutionAction(Set<ExecutionStatus> allowedFrom) {
        this.allowedFrom = Collections.unmodifiableSet(EnumSet.copyOf(allowedFrom));
    }

    /** The statuses an execution may be in for this action. */
    public Set<ExecutionStatus> allowedFrom() {
        return allowedFrom;
    }

    /** The action's word in paths and requests: {@code pause}, {@code resume}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action a word names, ignoring case; empty for any other word. */
    public static Optional<ExecutionAction> of(String word) {
        for (ExecutionAction action : values()) {
            if (action.word().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
