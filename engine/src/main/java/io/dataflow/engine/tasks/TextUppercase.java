package io.dataflow.engine.tasks;

import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code TextOperation.Uppercase}: the text in upper case, independent of the server's locale. */
public final class TextUppercase extends TextOperation {

    public TextUppercase() {
        super("Uppercase", "Converts the text to upper case using locale-independent Unicode rules.",
                example("Hello, world!"), TEXT_RESULT);
    }

    @Override
    JsonNode apply(String text, ObjectNode input) {
        return StringNode.valueOf(text.toUpperCase(Locale.ROOT));
    }
}
