package io.dataflow.engine;

import io.dataflow.engine.model.BindingNames;
import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.BulkScope;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.store.BulkJobStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk operations: one action (terminate, pause, resume, restart) asked of the executions of a workflow that a
 * filter selects, accepted at once and carried out in the background by {@link io.dataflow.engine.run.BulkJobRunner}
 * on whichever node takes it. Each execution is acted on as {@link ExecutionService#act} would, and executions the
 * action does not fit are skipped, not failed.
 *
 * <p>A binding's executions ({@link BulkScope.OfBinding}) are terminated the same way, by name or all of them
 * (seed 003's batch terminate); each is acted on in its own workflow, whichever workflow the binding binds now.
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

    /**
     * Terminates every unfinished execution of the binding that there is now (those in {@code statuses}, when
     * given), in a background job; executions started after it was accepted are left alone. One such job of a
     * binding runs at a time: asking while one is unfinished finds that one, whatever its statuses.
     *
     * @param statuses unfinished statuses to select; empty for every unfinished one
     * @return the job accepted, the unfinished one found, or {@link BulkJobStore.NoScope} when the binding is not a
     *     live one of the organization
     * @throws IllegalArgumentException for a status that is not an unfinished one
     */
    public BulkJobStore.Creation terminateAll(String organizationId, String bindingId, Set<ExecutionStatus> statuses) {
        if (!ExecutionStatus.UNFINISHED.containsAll(statuses)) {
            throw new IllegalArgumentException("only unfinished executions can be terminated, not " + statuses);
        }
        BulkFilter filter = new BulkFilter(statuses.isEmpty() ? ExecutionStatus.UNFINISHED : statuses, null, null,
                null);
        return jobs.create(new BulkJobStore.NewJob(organizationId, new BulkScope.OfBinding(bindingId),
                ExecutionAction.TERMINATE, filter, null, true));
    }

    /**
     * Terminates the binding's executions of these names that are unfinished when the job reaches them, in a
     * background job; names that are no execution of the binding are counted as not found, finished ones are left
     * as they are. Asking for the same names while that job is unfinished finds it.
     *
     * @param names 1 to {@link BulkFilter#MAX_IDS} execution names; repeats count once
     * @return the job accepted, the unfinished one found, or {@link BulkJobStore.NoScope} when the binding is not a
     *     live one of the organization
     * @throws IllegalArgumentException for no names, too many, or one that no execution can have
     */
    public BulkJobStore.Creation terminate(String organizationId, String bindingId, List<String> names) {
        for (String name : names) {
            BindingNames.executionProblem(name).ifPresent(problem -> {
                throw new IllegalArgumentException("an execution's name " + problem);
            });
        }
        BulkFilter filter = new BulkFilter(ExecutionStatus.UNFINISHED, null, null, names);
        return jobs.create(new BulkJobStore.NewJob(organizationId, new BulkScope.OfBinding(bindingId),
                ExecutionAction.TERMINATE, filter, null, false));
    }

    /** The binding's newest {@link #terminateAll} job, finished or not; empty when none was asked. */
    public Optional<BulkJob> latestTerminateAll(String organizationId, String bindingId) {
        return jobs.latestOneAtATime(organizationId, new BulkScope.OfBinding(bindingId), ExecutionAction.TERMINATE);
    }
}
