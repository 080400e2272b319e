package io.dataflow.engine.model;

import java.time.Instant;

/**
 * One finished try of a task run: COMPLETED, FAILED, or LOST when its worker stopped holding the lease.
 */
public record TaskAttempt(int attempt, AttemptStatus status, String worker, String error, Instant startedAt,
        Instant finishedAt) {
}
