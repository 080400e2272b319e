package io.dataflow.engine.model;

/**
 * A definition with no task was asked to run (a start, a rerun, a restart) or to be deployed. An execution of it
 * would get no task run, and only a task run's end settles an execution, so it would stay queued for ever: the
 * engine refuses it before anything is stored. Saving such a definition is allowed (an empty draft, a graph of only
 * a trigger); running it is not.
 */
public class NothingToRunException extends RuntimeException {

    private final String workflowId;
    private final boolean givenWithStart;

    /**
     * @param workflowId the workflow whose definition it is
     * @param givenWithStart whether the definition is one sent with the start to run instead of the workflow's own,
     *     rather than a version of the workflow
     */
    public NothingToRunException(String workflowId, boolean givenWithStart) {
        super((givenWithStart ? "the definition given to run instead of workflow " + workflowId + "'s"
                : "workflow " + workflowId) + " has no tasks to run: add one");
        this.workflowId = workflowId;
        this.givenWithStart = givenWithStart;
    }

    public String workflowId() {
        return workflowId;
    }

    /** Whether the definition is one sent with the start, rather than a version of the workflow. */
    public boolean givenWithStart() {
        return givenWithStart;
    }
}
