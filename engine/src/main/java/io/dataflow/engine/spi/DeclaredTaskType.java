package io.dataflow.engine.spi;

import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.Problem;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task type whose declaration is fixed at construction: name, description, ports and example. Built-in types and
 * plugins extend it and implement only {@link #execute}, and {@link #checkLiteralInputs} when some input can be
 * checked before the task runs.
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

    /**
     * For {@link #checkLiteralInputs}: runs on a literal value a check that {@link #execute} runs too, and turns
     * the permanent {@link TaskFailure} it throws into a problem at that port's value, in the same words.
     */
    protected static List<Problem> literalCheck(Port port, LiteralCheck check) {
        try {
            check.run();
            return List.of();
        } catch (TaskFailure failure) {
            return List.of(new Problem(Pointers.append("", port.name()), failure.getMessage()));
        }
    }

    /** A check of literal input values that fails the way {@link #execute} would. */
    @FunctionalInterface
    protected interface LiteralCheck {

        void run() throws TaskFailure;
    }

    @Override
    public final JsonNode exampleInput() {
        // Callers may modify what they get; the example is shared.
        return exampleInput == null ? null : exampleInput.deepCopy();
    }
}
