package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.spi.TaskType;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The declaration every built-in task type has, fixed at construction: name, description, ports and example. */
abstract class BuiltInTaskType implements TaskType {

    private final String name;
    private final String description;
    private final List<Port> inputs;
    private final List<Port> outputs;
    private final ObjectNode exampleInput;

    BuiltInTaskType(String name, String description, List<Port> inputs, List<Port> outputs, ObjectNode exampleInput) {
        this.name = name;
        this.description = description;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.exampleInput = exampleInput;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final List<Port> inputs() {
        return inputs;
    }

    @Override
    public final List<Port> outputs() {
        return outputs;
    }

    @Override
    public final JsonNode exampleInput() {
        return exampleInput.deepCopy(); // callers may modify what they get; the example is shared
    }
}
