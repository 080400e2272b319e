package io.dataflow.engine.store;

import io.dataflow.engine.model.Json;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.util.RawValue;

/**
 * A JSON value as the store writes it: serialised once, with the characters no database stores replaced
 * ({@link StoredText}), and measured in UTF-8 bytes, the size the output limits count. The completion path makes one
 * for each output and input and binds its text, so measuring costs no second serialisation; a webhook event embeds
 * the same text.
 */
public final class StoredJson {

    /**
     * Reads sanitised text back. Replacing characters can make two keys of an object equal ({@code "a\u0000"} and
     * {@code "a\uFFFD"}); the last one wins, as when the stored text is read back later.
     */
    private static final ObjectReader LENIENT = Json.MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .without(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final JsonNode node;
    private final String text;
    private final long bytes;

    private StoredJson(JsonNode node, String text, long bytes) {
        this.node = node;
        this.text = text;
        this.bytes = bytes;
    }

    /** Serialises {@code node}; null for null. */
    public static StoredJson of(JsonNode node) {
        if (node == null) {
            return null;
        }
        StoredText.Measured measured = StoredText.sanitiseJson(Json.write(node));
        if (!measured.changed()) {
            return new StoredJson(node, measured.text(), measured.utf8Bytes());
        }
        // Rare: read the sanitised text back, so the value in hand is the one stored, without duplicate keys.
        JsonNode stored = LENIENT.readValue(measured.text());
        StoredText.Measured again = StoredText.sanitiseJson(Json.write(stored));
        return new StoredJson(stored, again.text(), again.utf8Bytes());
    }

    /**
     * A value that writes {@code text} as it is when serialised, without parsing it: for embedding stored JSON in
     * another document (a webhook event, an API response). {@code text} must be valid JSON; null for null.
     */
    public static JsonNode raw(String text) {
        return text == null ? null : JsonNodeFactory.instance.rawValueNode(new RawValue(text));
    }

    /** The value as stored: the one given, or, when characters were replaced, the one its stored text reads as. */
    public JsonNode node() {
        return node;
    }

    /** The JSON text stored. */
    public String text() {
        return text;
    }

    /** The text's size in UTF-8 bytes. */
    public long bytes() {
        return bytes;
    }

    /** {@link #text} as a value that writes it as it is; see {@link #raw}. */
    public JsonNode asRaw() {
        return raw(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
