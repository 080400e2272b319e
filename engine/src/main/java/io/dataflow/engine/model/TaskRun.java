package io.dataflow.engine.model;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One task of one execution, with its attempts.
 *
 * @param input the resolved input of the latest attempt, once it started
 * @param attempt the number of attempts started so far
 */
public record TaskRun(String id, String executionId, int position, String name, String type, TaskStatus status,
        int attempt, int maxAttempts, JsonNode input, JsonNode output, JsonNode error, Instant createdAt,
        Instant startedAt, Instant completedAt, List<TaskAttempt> attempts) {
}
