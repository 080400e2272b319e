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
 * {@code StaticTextInput}: outputs the text it is configured with, typically the first step of a chain
 * ({@code { "type": "StaticTextInput", "input": "Hello, world!" }}).
 */
public final class StaticTextInput implements TaskType {

    private static final Port TEXT = Port.required("text", PortType.TEXT, "The text to output");
    private static final Port RESULT = Port.output("text", PortType.TEXT, "The same text");

    @Override
    public String name() {
        return "StaticTextInput";
    }

    @Override
    public String description() {
        return "Outputs a fixed text, to feed the tasks after it.";
    }

    @Override
    public List<Port> inputs() {
        return List.of(TEXT);
    }

    @Override
    public List<Port> outputs() {
        return List.of(RESULT);
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure {
        return Json.object().put(RESULT.name(), InputValues.text(input, TEXT));
    }

    @Override
    public JsonNode exampleInput() {
        return Json.object().put(TEXT.name(), "Hello, world!");
    }
}
