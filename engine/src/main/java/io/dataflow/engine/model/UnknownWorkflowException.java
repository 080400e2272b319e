package io.dataflow.engine.model;

/** A request names a workflow that the caller may not read or that is not a live workflow of the organization. */
public class UnknownWorkflowException extends RuntimeException {

    private final String workflowId;

    public UnknownWorkflowException(String workflowId) {
        super("there is no workflow '" + workflowId + "'");
        this.workflowId = workflowId;
    }

    public String workflowId() {
        return workflowId;
    }
}
