package io.dataflow.engine.tasks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code TextOperation.Trim}: the text without leading and trailing white space (any Unicode white space). */
public final class TextTrim extends TextOperation {

    public TextTrim() {
        super("Trim", "Removes white space, including Unicode spaces, from both ends of the text.",
                example("  Hello, world!\n"), TEXT_RESULT);
    }

    @Override
    JsonNode apply(String text, ObjectNode input) {
        return StringNode.valueOf(text.strip()); // strip, not trim: trim only knows ASCII control characters and space
    }
}
