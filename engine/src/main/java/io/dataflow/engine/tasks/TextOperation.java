package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the {@code TextOperation.*} task types: each reads the text port {@code text} (its primary input, plus
 * any extra inputs) and writes one output, usually the text port {@code text}, so operations chain. A subclass
 * names the operation, describes it and implements {@link #apply}.
 */
abstract class TextOperation extends DeclaredTaskType {

    /** The primary input of every text operation. */
    static final Port TEXT = Port.required("text", PortType.TEXT, "The text to operate on");

    /** The output of the operations that produce text. */
    static final Port TEXT_RESULT = Port.output("text", PortType.TEXT, "The resulting text");

    /**
     * @param operation the part of the name after {@code TextOperation.}
     * @param exampleInput an input object for the catalog
     * @param output the one output port; its value is what {@link #apply} returns
     * @param extraInputs inputs after the primary {@code text}
     */
    TextOperation(String operation, String description, ObjectNode exampleInput, Port output, Port... extraInputs) {
        super("TextOperation." + operation, description, withPrimary(extraInputs), List.of(output), exampleInput);
    }

    /**
     * Computes the output value from the primary text.
     *
     * @param input the whole input object, for extra ports (read them with {@link InputValues})
     */
    abstract JsonNode apply(String text, ObjectNode input) throws TaskFailure;

    /** Computes its output from its input alone. */
    @Override
    public final boolean pure() {
        return true;
    }

    @Override
    public final ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure {
        return Json.object().set(outputs().getFirst().name(), apply(InputValues.text(input, TEXT), input));
    }

    /** An input object holding only the primary text, for examples. */
    static ObjectNode example(String text) {
        return Json.object().put(TEXT.name(), text);
    }

    private static List<Port> withPrimary(Port... extraInputs) {
        List<Port> all = new ArrayList<>(1 + extraInputs.length);
        all.add(TEXT);
        all.addAll(List.of(extraInputs));
        return all;
    }
}
