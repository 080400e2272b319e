package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Base of the task types that output their one input unchanged. */
abstract class PassThrough extends DeclaredTaskType {

    PassThrough(String name, String description, Port input, Port output) {
        super(name, description, List.of(input), List.of(output), Json.object().put(input.name(), "Hello, world!"));
    }

    /** Computes its output from its input alone. */
    @Override
    public final boolean pure() {
        return true;
    }

    @Override
    public final ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure {
        // A copy, so the output never shares mutable nodes with the stored input.
        JsonNode value = InputValues.value(input, inputs().getFirst()).deepCopy();
        return Json.object().set(outputs().getFirst().name(), value);
    }
}
