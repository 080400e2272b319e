package io.dataflow.engine.model;

/** What asking an {@link ExecutionAction} of one execution did. */
public sealed interface ActionResult {

    /** There is no such execution in the organization's workflow. */
    record NoExecution() implements ActionResult {
    }

    /** The execution's status does not allow the action; nothing changed. */
    record NotAllowed(ExecutionStatus current, ExecutionAction action) implements ActionResult {
    }

    /**
     * The action was applied.
     *
     * @param status the execution's status after it
     * @param run the execution's run number after it (one more after a restart)
     */
    record Applied(ExecutionStatus status, int run) implements ActionResult {
    }
}
