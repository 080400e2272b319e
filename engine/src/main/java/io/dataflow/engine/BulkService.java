package io.dataflow.engine;

import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.store.BulkJobStore;
import java.util.Optional;

/**
 * Bulk operations: one action (terminate, pause, resume, restart) asked of the executions of a workflow that a
 * filter selects, accepted at once and carried out in the background by {@link io.dataflow.engine.run.BulkJobRunner}
 * on whichever node takes it. Each execution is acted on as {@link ExecutionService#act} would, and executions the
 * action does not fit are skipped, not failed.
 */
public final class BulkService {

    private final BulkJobStore jobs;

    BulkService(BulkJobStore jobs) {
        this.jobs = jobs;
    }

    /**
     * Accepts a job, or finds the one the same request made before: the job with this {@code idempotencyKey}
     * (whatever its state), or, without a key, an unfinished job with the same action and filter.
     *
     * @param idempotencyKey the client's key for this request, or null
     * @see BulkJobStore#create
     */
    public BulkJobStore.Creation create(String organizationId, String workflowId, ExecutionAction action,
            BulkFilter filter, String idempotencyKey) {
        return jobs.create(new BulkJobStore.NewJob(organizationId, workflowId, action, filter, idempotencyKey));
    }

    public Optional<BulkJob> find(String organizationId, String workflowId, String jobId) {
        return jobs.find(organizationId, workflowId, jobId);
    }

    /** The workflow's jobs, newest first. */
    public Page<BulkJob> list(String organizationId, String workflowId, String cursor, int limit) {
        return jobs.list(organizationId, workflowId, cursor, limit);
    }
}
