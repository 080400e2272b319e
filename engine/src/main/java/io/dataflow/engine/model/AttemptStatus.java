package io.dataflow.engine.model;

/**
 * How one finished try of a task run ended: COMPLETED, FAILED, or LOST when its worker stopped holding the lease.
 */
public enum AttemptStatus {
    COMPLETED, FAILED, LOST
}
