package io.dataflow.engine.model;

import java.time.Duration;

/**
 * Workflow-wide defaults for its tasks.
 *
 * @param retry the retry policy of tasks that set none
 * @param taskTimeout the limit for one attempt of a task that sets none
 */
public record WorkflowSettings(RetryPolicy retry, Duration taskTimeout) {

    public static final WorkflowSettings DEFAULT = new WorkflowSettings(RetryPolicy.DEFAULT, Duration.ofMinutes(5));
}
