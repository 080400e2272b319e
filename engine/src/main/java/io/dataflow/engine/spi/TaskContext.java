package io.dataflow.engine.spi;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a running task may know about where it runs.
 *
 * @param organizationId the organization that owns the execution
 * @param executionId the execution
 * @param taskName the task's name in the workflow
 * @param attempt the attempt number, starting at 1
 * @param json the engine's JSON mapper, for building output
 */
public record TaskContext(String organizationId, String executionId, String taskName, int attempt, JsonMapper json) {
}
