package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code TextOperation.Length}: the number of Unicode code points in the text, as the integer {@code length}. */
public final class TextLength extends TextOperation {

    private static final Port LENGTH = Port.output("length", PortType.INTEGER, "The number of Unicode code points");

    public TextLength() {
        super("Length", "Counts the Unicode code points in the text, so an emoji counts as one.",
                example("Hello, world!"), LENGTH);
    }

    @Override
    JsonNode apply(String text, ObjectNode input) {
        return IntNode.valueOf(text.codePointCount(0, text.length()));
    }
}
