package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.OutboundHttp;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.spi.TaskType;
import tools.jackson.databind.node.ObjectNode;

/** Runs a task type the way a worker would, for the task type tests. */
public final class TaskRuns {

    static final TaskContext CONTEXT = new TaskContext("org-1", "ex-1", "task", 1, Json.MAPPER);

    private TaskRuns() {
    }

    static ObjectNode run(TaskType type, ObjectNode input) throws Exception {
        return type.execute(CONTEXT, input);
    }

    /** A context whose tasks call out through {@code http}. */
    static TaskContext contextWith(OutboundHttp http) {
        return new TaskContext("org-1", "ex-1", "task", 1, Json.MAPPER,
                new TaskServices(http, TaskServices.NONE.credentials(), TaskServices.NONE.files(),
                        TaskServices.NONE.sockets()));
    }

    /** Runs the type and returns the failure it must report. */
    static TaskFailure failure(TaskType type, ObjectNode input) {
        return failure(type, CONTEXT, input);
    }

    /** Runs the type in the context and returns the failure it must report. */
    public static TaskFailure failure(TaskType type, TaskContext context, ObjectNode input) {
        try {
            type.execute(context, input);
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
