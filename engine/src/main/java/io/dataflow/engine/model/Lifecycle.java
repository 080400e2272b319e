package io.dataflow.engine.model;

import java.util.Set;

/** What came of asking a workflow to change its lifecycle status, deploy or undeploy. */
public sealed interface Lifecycle {

    /** No workflow the caller may read has the id. */
    record NoWorkflow() implements Lifecycle {
    }

    /**
     * Not allowed from the workflow's status.
     *
     * @param allowed for a status change, the statuses the workflow may change to; for deploy and undeploy, the
     *     statuses they are allowed from
     */
    record NotAllowed(WorkflowStatus status, Set<WorkflowStatus> allowed) implements Lifecycle {
    }

    /** Done: the workflow as it is now. */
    record Changed(Workflow workflow) implements Lifecycle {
    }
}
