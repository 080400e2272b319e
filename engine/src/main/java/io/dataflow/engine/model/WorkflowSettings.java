package io.dataflow.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * Workflow-wide defaults for its tasks, each null when the workflow sets none of its own: a task that sets none
 * either then runs with the {@link StepDefaults} its execution was started with. Nulls are left out of the stored
 * JSON; definitions stored before they could be null always set both (the engine's defaults when the workflow gave
 * none), and read back so.
 *
 * @param retry the retry policy of tasks that set none, or null
 * @param taskTimeout the limit for one attempt of a task that sets none, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowSettings(RetryPolicy retry, Duration taskTimeout) {

    /** A workflow that sets no defaults of its own. */
    public static final WorkflowSettings NONE = new WorkflowSettings(null, null);

    /**
     * How {@code task} runs in an execution started with {@code defaults}: the task's own retry policy and timeout,
     * else the workflow's, else the execution's defaults; each on its own.
     */
    public StepSettings forTask(TaskDef task, StepDefaults defaults) {
        RetryPolicy policy = task.retry() != null ? task.retry() : retry != null ? retry : defaults.retry();
        Duration timeout = task.timeout() != null ? task.timeout() : taskTimeout != null ? taskTimeout
                : defaults.timeout();
        return new StepSettings(policy, timeout);
    }
}
