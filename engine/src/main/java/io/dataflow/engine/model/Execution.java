package io.dataflow.engine.model;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * One run of a pinned workflow version.
 *
 * @param error null unless failed: {@code {"message": ..., "task": ...}}
 * @param triggerSource which API started it ({@code api.dataflow}, ...), also how its webhooks are worded
 */
public record Execution(String id, String organizationId, String workflowId, int workflowVersion,
        ExecutionStatus status, JsonNode inputs, JsonNode outputs, JsonNode error, String webhookUrl,
        String triggerSource, Instant createdAt, Instant startedAt, Instant completedAt) {
}
