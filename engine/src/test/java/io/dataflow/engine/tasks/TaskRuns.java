package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskType;
import tools.jackson.databind.node.ObjectNode;

/** Runs a task type the way a worker would, for the task type tests. */
final class TaskRuns {

    static final TaskContext CONTEXT = new TaskContext("org-1", "ex-1", "task", 1, Json.MAPPER);

    private TaskRuns() {
    }

    static ObjectNode run(TaskType type, ObjectNode input) throws Exception {
        return type.execute(CONTEXT, input);
    }

    /** Runs the type and returns the failure it must report. */
    static TaskFailure failure(TaskType type, ObjectNode input) {
        try {
            type.execute(CONTEXT, input);
        } catch (TaskFailure failure) {
            return failure;
        } catch (Exception other) {
            throw new AssertionError("expected a TaskFailure, got " + other, other);
        }
        throw new AssertionError("expected a TaskFailure, but " + type.name() + " succeeded");
    }

    static ObjectNode input(String text) {
        return Json.object().put("text", text);
    }
}
