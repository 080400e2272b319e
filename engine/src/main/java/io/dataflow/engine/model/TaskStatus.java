package io.dataflow.engine.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The engine's task run statuses. PENDING waits for dependencies; READY may be claimed once its ready time has
 * passed (a retry waits as READY with a later time); RUNNING is leased to a worker.
 */
public enum TaskStatus {
    PENDING, READY, RUNNING, WAITING, COMPLETED, FAILED, SKIPPED, CANCELLED;

    /** Every status of a task run that is not over. */
    public static final Set<TaskStatus> UNFINISHED = Collections.unmodifiableSet(
            EnumSet.of(PENDING, READY, RUNNING, WAITING));

    public boolean isTerminal() {
        return !UNFINISHED.contains(this);
    }
}
