package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the {@code TextOperation.*} task types: each reads the text port {@code text} (its primary input, plus
 * any extra inputs) and writes one output, by default the text port {@code text}, so operations chain. A subclass
 * names the operation, describes it and implements {@link #apply}.
 */
abstract class TextOperation implements TaskType {

    /** The primary input of every text operation. */
    static final Port TEXT = Port.required("text", PortType.TEXT, "The text to operate on");

    /** The output of the operations that produce text. */
    static final Port TEXT_RESULT = Port.output("text", PortType.TEXT, "The resulting text");

    private final String name;
    private final String description;
    private final ObjectNode exampleInput;
    private final List<Port> inputs;
    private final List<Port> outputs;

    /**
     * @param operation the part of the name after {@code TextOperation.}
     * @param exampleInput an input object for the catalog
     * @param output the one output port; its value is what {@link #apply} returns
     * @param extraInputs inputs after the primary {@code text}
     */
    TextOperation(String operation, String description, ObjectNode exampleInput, Port output, Port... extraInputs) {
        this.name = "TextOperation." + operation;
        this.description = description;
        this.exampleInput = exampleInput;
        this.outputs = List.of(output);
        List<Port> all = new ArrayList<>(1 + extraInputs.length);
        all.add(TEXT);
        all.addAll(List.of(extraInputs));
        this.inputs = List.copyOf(all);
    }

    /**
     * Computes the output value from the primary text.
     *
     * @param input the whole input object, for extra ports (read them with {@link InputValues})
     */
    abstract JsonNode apply(String text, ObjectNode input) throws TaskFailure;

    @Override
    public final ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure {
        ObjectNode result = Json.object();
        result.set(outputs.getFirst().name(), apply(InputValues.text(input, TEXT), input));
        return result;
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

    /** An input object holding only the primary text, for examples. */
    static ObjectNode example(String text) {
        return Json.object().put(TEXT.name(), text);
    }
}
