package io.dataflow.engine.model;

/** The workflow takes no new executions in its status ({@link WorkflowStatus#executable()}). */
public class WorkflowNotExecutableException extends RuntimeException {

    private final WorkflowStatus status;

    public WorkflowNotExecutableException(String workflowId, WorkflowStatus status) {
        super("workflow " + workflowId + " is " + status.word() + " and takes no executions; set it to draft or"
                + " active first");
        this.status = status;
    }

    public WorkflowStatus status() {
        return status;
    }
}
