package io.dataflow.engine.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** The engine's execution statuses; each API dialect maps them to its own words. */
public enum ExecutionStatus {
    QUEUED, RUNNING, WAITING, PAUSING, PAUSED, COMPLETED, FAILED, TERMINATED;

    /** Every status of an execution that is not over: it may still run, wait, or be resumed. */
    public static final Set<ExecutionStatus> UNFINISHED = Collections.unmodifiableSet(
            EnumSet.of(QUEUED, RUNNING, WAITING, PAUSING, PAUSED));

    /** The statuses of an execution asked to pause: nothing new of it starts until it resumes. */
    public static final Set<ExecutionStatus> PAUSING_OR_PAUSED = Collections.unmodifiableSet(EnumSet.of(PAUSING, PAUSED));

    /** Whether the execution is over: nothing more will run. */
    public boolean isTerminal() {
        return !UNFINISHED.contains(this);
    }
}
