package io.dataflow.engine.tasks;

import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code TextOperation.Lowercase}: the text in lower case, independent of the server's locale. */
public final class TextLowercase extends TextOperation {

    public TextLowercase() {
        super("Lowercase", "Converts the text to lower case using locale-independent Unicode rules.",
                example("Hello, world!"), TEXT_RESULT);
    }

    @Override
    JsonNode apply(String text, ObjectNode input) {
        return StringNode.valueOf(text.toLowerCase(Locale.ROOT));
    }
}
