package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code TextOperation.Concat}: {@code text + separator + with}. */
public final class TextConcat extends TextOperation {

    private static final Port WITH = Port.required("with", PortType.TEXT, "The text to append");
    private static final Port SEPARATOR = Port.optional("separator", PortType.TEXT, StringNode.valueOf(""),
            "Put between the two texts");

    public TextConcat() {
        super("Concat", "Appends the text 'with' to the text, with an optional separator between them.",
                example("Hello").put(WITH.name(), "world!").put(SEPARATOR.name(), ", "), TEXT_RESULT, WITH, SEPARATOR);
    }

    @Override
    JsonNode apply(String text, ObjectNode input) throws TaskFailure {
        return StringNode.valueOf(text + InputValues.text(input, SEPARATOR) + InputValues.text(input, WITH));
    }
}
