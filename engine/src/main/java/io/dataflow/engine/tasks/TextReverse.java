package io.dataflow.engine.tasks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** {@code TextOperation.Reverse}: the text backwards, by Unicode code point. */
public final class TextReverse extends TextOperation {

    public TextReverse() {
        super("Reverse", "Reverses the text by Unicode code point, so emoji and other supplementary characters stay intact.",
                example("Hello, world!"), TEXT_RESULT);
    }

    @Override
    JsonNode apply(String text, ObjectNode input) {
        // StringBuilder.reverse keeps each surrogate pair together, which makes it a reversal by code point.
        return StringNode.valueOf(new StringBuilder(text).reverse().toString());
    }
}
