package io.dataflow.engine.run;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the secret values a task used out of what is stored and shown of it: its input as recorded, its output and
 * its error. Every occurrence of each secret text (a string field of a credential, at least {@link #MIN_LENGTH}
 * characters, so that short values such as a port do not mangle everything) is replaced by {@link #MARK}. The task
 * itself gets the real values; what it returns is redacted before anything else (a successor, the store, a
 * webhook) sees it.
 */
final class Redaction {

    static final String MARK = "[redacted]";
    static final int MIN_LENGTH = 4;
    static final Redaction NONE = new Redaction(List.of());

    /** Longest first, so a secret that contains another is replaced whole. */
    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        this.secrets = secrets;
    }

    /** A redaction of every string field, at any depth, of these credential values. */
    static Redaction of(Collection<? extends JsonNode> values) {
        Set<String> found = new LinkedHashSet<>();
        values.forEach(value -> collect(value, found));
        return found.isEmpty() ? NONE
                : new Redaction(found.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isString() && node.stringValue().length() >= MIN_LENGTH) {
            found.add(node.stringValue());
        }
        node.valueStream().forEach(child -> collect(child, found));
    }

    /** The text with every secret replaced; null stays null. */
    String apply(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MARK);
        }
        return result;
    }

    /** A copy of the value with every secret replaced in its strings and keys; the value itself when none apply. */
    @SuppressWarnings("unchecked")
    <T extends JsonNode> T apply(T value) {
        if (value == null || secrets.isEmpty()) {
            return value;
        }
        return (T) redact(value);
    }

    private JsonNode redact(JsonNode node) {
        if (node.isString()) {
            return JsonNodeFactory.instance.stringNode(apply(node.stringValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                copy.set(apply(property.getKey()), redact(property.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode(node.size());
            node.valueStream().forEach(child -> copy.add(redact(child)));
            return copy;
        }
        return node;
    }
}
