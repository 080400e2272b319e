package io.dataflow.engine.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One JSON string split into literal text and {@code {{ ... }}} expressions.
 *
 * <p>The closing {@code }}} is the first one outside JSONata string literals, backtick names, comments and object
 * constructor braces, so {@code {{ {"a": {"b": 1}} }}} and {@code {{ "}}" }}} are single expressions. That also gives
 * the way to write a literal {@code {{}: {@code {{ "{{" }}}.
 *
 * @param parts the text and expressions in order
 * @param unclosed the text from an opening {@code {{} that has no closing {@code }}} to the end, or null; the parts
 *     stop before it
 */
record TemplateString(List<Part> parts, String unclosed) {

    /** A piece of a template string. */
    sealed interface Part permits Text, Expression {
    }

    /** Literal text, copied as is. */
    record Text(String text) implements Part {
    }

    /** The source between {@code {{} and {@code }}}, untrimmed. */
    record Expression(String source) implements Part {
    }

    /** Whether {@code text} holds a template at all; most strings do not, and need no further work. */
    static boolean hasTemplate(String text) {
        return text.contains("{{");
    }

    static TemplateString parse(String text) {
        List<Part> parts = new ArrayList<>();
        int done = 0;
        while (true) {
            int open = text.indexOf("{{", done);
            if (open < 0) {
                break;
            }
            int close = findClose(text, open + 2);
            if (close < 0) {
                addText(parts, text.substring(done, open));
                return new TemplateString(List.copyOf(parts), text.substring(open));
            }
            addText(parts, text.substring(done, open));
            parts.add(new Expression(text.substring(open + 2, close)));
            done = close + 2;
        }
        addText(parts, text.substring(done));
        return new TemplateString(List.copyOf(parts), null);
    }

    /** The expressions, in order. */
    List<String> expressions() {
        return parts.stream().filter(Expression.class::isInstance).map(p -> ((Expression) p).source()).toList();
    }

    /**
     * The expression source when the string is exactly one template, with nothing but whitespace around it; such a
     * string takes the JSON type of the expression's result instead of becoming text.
     */
    Optional<String> single() {
        if (unclosed != null) {
            return Optional.empty();
        }
        String source = null;
        for (Part part : parts) {
            if (part instanceof Expression expression) {
                if (source != null) {
                    return Optional.empty();
                }
                source = expression.source();
            } else if (!((Text) part).text().isBlank()) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(source);
    }

    private static void addText(List<Part> parts, String text) {
        if (!text.isEmpty()) {
            parts.add(new Text(text));
        }
    }

    /** Index of the {@code }}} closing an expression that starts at {@code from}, or -1. */
    private static int findClose(String text, int from) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = ExpressionTokens.skipQuoted(text, i, c);
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                i = end < 0 ? text.length() : end + 1;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (c == '{') {
                depth++;
                i++;
            } else if (c == '}') {
                if (depth == 0 && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                    return i;
                }
                // An unbalanced single brace is left in the expression for the JSONata parser to report.
                depth = Math.max(0, depth - 1);
                i++;
            } else {
                i++;
            }
        }
        return -1;
    }
}
