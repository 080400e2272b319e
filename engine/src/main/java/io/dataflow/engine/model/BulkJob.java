package io.dataflow.engine.model;

import java.time.Instant;

/**
 * An action asked of the executions of a workflow (or of a binding) that a filter selects, carried out in the
 * background.
 *
 * @param scope whose executions it acts on
 * @param expected how many executions the filter selected when the job was accepted; what it finds as it goes may
 *     differ, since executions change meanwhile
 * @param progress what it did so far
 * @param error the last error a page of it met (a FAILED job was given up for it); null when none did
 * @param idempotencyKey the key it was asked with, or null
 */
public record BulkJob(String id, String organizationId, BulkScope scope, ExecutionAction action, BulkFilter filter,
        BulkJobStatus status, int expected, Progress progress, String error, String idempotencyKey, Instant createdAt,
        Instant updatedAt, Instant completedAt) {

    /**
     * The job's counts so far.
     *
     * @param matched executions the filter selected when the job reached them
     * @param applied of those, the ones the action was applied to
     * @param skipped of those, the ones whose status did not allow the action then (a terminate of one that had
     *     finished); not an error
     * @param notFound ids named in the filter that are no execution of the workflow (names that are no execution
     *     of the binding)
     */
    public record Progress(int matched, int applied, int skipped, int notFound) {
    }
}
