package io.dataflow.engine.model;

/** The engine's execution statuses; each API dialect maps them to its own words. */
public enum ExecutionStatus {
    QUEUED, RUNNING, WAITING, PAUSING, PAUSED, COMPLETED, FAILED, TERMINATED;

    /** Whether the execution is over: nothing more will run. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == TERMINATED;
    }
}
