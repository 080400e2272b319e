package io.dataflow.engine.store;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskRun;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A run of an execution before it was restarted, as it stood then: its status, outputs or error, times, task runs
 * with their attempts, and the events sent to it.
 */
public record EarlierRun(int run, ExecutionStatus status, JsonNode error, JsonNode outputs, Instant startedAt,
        Instant completedAt, Instant restartedAt, List<TaskRun> tasks, List<EventStore.Event> events) {
}
