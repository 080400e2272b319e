package io.dataflow.engine.model;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The engine's one JSON mapper (Jackson 3). Immutable and thread-safe. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static JsonNode parse(String text) {
        return text == null ? null : MAPPER.readTree(text);
    }

    public static String write(Object value) {
        return value == null ? null : MAPPER.writeValueAsString(value);
    }
}
