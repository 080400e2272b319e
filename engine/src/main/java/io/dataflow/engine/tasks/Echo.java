package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskType;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Echo}: outputs its input unchanged, whatever its type. Both ports are named {@code text} so that Echo
 * sits anywhere in a chain of text tasks; the type is {@code any} so it passes numbers and objects too.
 */
public final class Echo implements TaskType {

    private static final Port VALUE = Port.required("text", PortType.ANY, "The value to pass on");
    private static final Port RESULT = Port.output("text", PortType.ANY, "The same value");

    @Override
    public String name() {
        return "Echo";
    }

    @Override
    public String description() {
        return "Passes its input on unchanged, whatever its type.";
    }

    @Override
    public List<Port> inputs() {
        return List.of(VALUE);
    }

    @Override
    public List<Port> outputs() {
        return List.of(RESULT);
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure {
        // A copy, so the output never shares mutable nodes with the stored input.
        return Json.object().set(RESULT.name(), InputValues.value(input, VALUE).deepCopy());
    }

    @Override
    public JsonNode exampleInput() {
        return Json.object().put(VALUE.name(), "Hello, world!");
    }
}
