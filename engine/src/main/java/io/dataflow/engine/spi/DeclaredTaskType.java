package io.dataflow.engine.spi;

import io.dataflow.engine.model.Port;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task type whose declaration is fixed at construction: name, description, ports and example. Built-in types and
 * plugins extend it and implement only {@link #execute}.
 */
public abstract class DeclaredTaskType implements TaskType {

    private final String name;
    private final String description;
    private final List<Port> inputs;
    private final List<Port> outputs;
    private final ObjectNode exampleInput;

    /** @param exampleInput an example input for the catalog, or null */
    protected DeclaredTaskType(String name, String description, List<Port> inputs, List<Port> outputs,
            ObjectNode exampleInput) {
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
        // Callers may modify what they get; the example is shared.
        return exampleInput == null ? null : exampleInput.deepCopy();
    }
}
