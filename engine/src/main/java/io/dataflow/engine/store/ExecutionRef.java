package io.dataflow.engine.store;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.StepDefaults;
import java.sql.SQLException;

/**
 * What the engine needs to know about an execution while it moves one of its tasks: where it belongs, whom to tell,
 * which run of it (1, then one more per restart) the task belongs to, and the defaults its steps run with.
 */
public record ExecutionRef(String id, String organizationId, String workflowId, int workflowVersion,
        String webhookUrl, String triggerSource, int run, StepDefaults stepDefaults) {

    public ExecutionRef {
        stepDefaults = stepDefaults == null ? StepDefaults.ENGINE : stepDefaults;
    }

    /** The first run of an execution with the engine's defaults. */
    public ExecutionRef(String id, String organizationId, String workflowId, int workflowVersion, String webhookUrl,
            String triggerSource) {
        this(id, organizationId, workflowId, workflowVersion, webhookUrl, triggerSource, 1, StepDefaults.ENGINE);
    }

    /**
     * Reads the execution columns of a row: {@code execution_id, organization_id, workflow_id, workflow_version,
     * webhook_url, trigger_source, run_number, step_defaults}.
     */
    static ExecutionRef read(Sql.Row r) throws SQLException {
        return new ExecutionRef(r.string("execution_id"), r.string("organization_id"), r.string("workflow_id"),
                r.integer("workflow_version"), r.string("webhook_url"), r.string("trigger_source"),
                r.integer("run_number"), r.enumValue("step_defaults", StepDefaults.class));
    }

    public static ExecutionRef of(Execution e) {
        return new ExecutionRef(e.id(), e.organizationId(), e.workflowId(), e.workflowVersion(), e.webhookUrl(),
                e.triggerSource(), e.run(), e.stepDefaults());
    }

    /** The same execution in its run {@code run}. */
    ExecutionRef inRun(int run) {
        return new ExecutionRef(id, organizationId, workflowId, workflowVersion, webhookUrl, triggerSource, run,
                stepDefaults);
    }

    /** The id of this run's task run of {@code step}. */
    public String taskRun(String step) {
        return Ids.taskRun(id, run, step);
    }
}
