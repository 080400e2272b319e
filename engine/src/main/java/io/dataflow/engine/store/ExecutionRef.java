package io.dataflow.engine.store;

/**
 * What the engine needs to know about an execution while it moves one of its tasks: where it belongs and whom
 * to tell.
 */
public record ExecutionRef(String id, String organizationId, String workflowId, int workflowVersion,
        String webhookUrl, String triggerSource) {

    public static ExecutionRef of(io.dataflow.engine.model.Execution e) {
        return new ExecutionRef(e.id(), e.organizationId(), e.workflowId(), e.workflowVersion(), e.webhookUrl(),
                e.triggerSource());
    }
}
