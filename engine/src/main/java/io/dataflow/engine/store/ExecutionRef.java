package io.dataflow.engine.store;

/**
 * What the engine needs to know about an execution while it moves one of its tasks: where it belongs and whom
 * to tell.
 */
public record ExecutionRef(String id, String organizationId, String workflowId, int workflowVersion,
        String webhookUrl, String triggerSource) {

    /**
     * Reads the execution columns of a row: {@code execution_id, organization_id, workflow_id, workflow_version,
     * webhook_url, trigger_source}.
     */
    static ExecutionRef read(Sql.Row r) throws java.sql.SQLException {
        return new ExecutionRef(r.string("execution_id"), r.string("organization_id"), r.string("workflow_id"),
                r.integer("workflow_version"), r.string("webhook_url"), r.string("trigger_source"));
    }

    public static ExecutionRef of(io.dataflow.engine.model.Execution e) {
        return new ExecutionRef(e.id(), e.organizationId(), e.workflowId(), e.workflowVersion(), e.webhookUrl(),
                e.triggerSource());
    }
}
