package io.dataflow.engine.model;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One run of a pinned workflow version.
 *
 * @param error null unless failed: {@code {"message": ..., "task": ...}}
 * @param triggerSource which API started it ({@code api.dataflow}, ...), also how its webhooks are worded
 * @param run 1, then one more each time it is restarted
 * @param rerunOf the execution it reruns from a step, or null
 * @param stepDefaults what its steps run with when neither they nor the workflow set a retry policy or timeout
 */
public record Execution(String id, String organizationId, String workflowId, int workflowVersion,
        ExecutionStatus status, JsonNode inputs, JsonNode outputs, JsonNode error, String webhookUrl,
        String triggerSource, Instant createdAt, Instant startedAt, Instant completedAt, int run, String rerunOf,
        StepDefaults stepDefaults) {

    public Execution {
        stepDefaults = stepDefaults == null ? StepDefaults.ENGINE : stepDefaults;
    }

    /** An execution with the engine's defaults. */
    public Execution(String id, String organizationId, String workflowId, int workflowVersion,
            ExecutionStatus status, JsonNode inputs, JsonNode outputs, JsonNode error, String webhookUrl,
            String triggerSource, Instant createdAt, Instant startedAt, Instant completedAt, int run, String rerunOf) {
        this(id, organizationId, workflowId, workflowVersion, status, inputs, outputs, error, webhookUrl,
                triggerSource, createdAt, startedAt, completedAt, run, rerunOf, StepDefaults.ENGINE);
    }

    /** A first run that reruns nothing, with the engine's defaults. */
    public Execution(String id, String organizationId, String workflowId, int workflowVersion,
            ExecutionStatus status, JsonNode inputs, JsonNode outputs, JsonNode error, String webhookUrl,
            String triggerSource, Instant createdAt, Instant startedAt, Instant completedAt) {
        this(id, organizationId, workflowId, workflowVersion, status, inputs, outputs, error, webhookUrl,
                triggerSource, createdAt, startedAt, completedAt, 1, null);
    }
}
