package io.dataflow.engine.model;

/**
 * The engine's task run statuses. PENDING waits for dependencies; READY may be claimed once its ready time has
 * passed (a retry waits as READY with a later time); RUNNING is leased to a worker.
 */
public enum TaskStatus {
    PENDING, READY, RUNNING, WAITING, COMPLETED, FAILED, SKIPPED, CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == SKIPPED || this == CANCELLED;
    }
}
