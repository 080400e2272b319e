package io.dataflow.engine.model;

/** Where a bulk job stands: waiting for a node, being carried out, done, or given up. */
public enum BulkJobStatus {
    /** Accepted; no node has taken it yet. */
    QUEUED,
    /** A node is carrying it out, a page at a time (or did, and another takes over once its lease expires). */
    RUNNING,
    /** Every selected execution was reached. */
    COMPLETED,
    /** Given up after repeated errors; the pages done before stay done. */
    FAILED;

    /** Whether the job is over. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED;
    }
}
