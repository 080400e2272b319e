package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that converts between Jackson trees and the plain Java values dashjoin JSONata works on
 * ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}).
 *
 * <p>JSONata tells "undefined" (no match) from JSON null: undefined is Java {@code null}, JSON null is
 * {@link Jsonata#NULL_VALUE}. Numbers are JSONata numbers, which are doubles; integral values are kept as
 * {@code Integer} or {@code Long} both ways so that {@code 10} does not come back as {@code 10.0}.
 */
final class JsonataValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Doubles up to 2^53 are exact integers; beyond that a "whole" double is only approximately one. */
    private static final double EXACT_INTEGER_LIMIT = 9_007_199_254_740_992d;

    private JsonataValues() {
    }

    /** The JSONata value of a JSON node; a missing node (or Java null) is undefined. */
    static Object toJsonata(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        if (node.isNull()) {
            return Jsonata.NULL_VALUE;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return toJsonataNumber(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node.values()) {
                list.add(toJsonata(element));
            }
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                map.put(property.getKey(), toJsonata(property.getValue()));
            }
            return map;
        }
        // Binary and POJO nodes do not come out of parsed JSON; their text form is the best JSONata can do.
        return node.asString();
    }

    /**
     * The JSON node of a defined JSONata value.
     *
     * @throws IllegalArgumentException when the value has no JSON form (a function or a regular expression)
     */
    static JsonNode toJson(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.stringNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Number n) {
            return toJsonNumber(n);
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            map.forEach((key, v) -> {
                // An undefined member does not exist, as in JSONata's own object constructor.
                if (v != null) {
                    object.set(String.valueOf(key), toJson(v));
                }
            });
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object element : list) {
                if (element != null) {
                    array.add(toJson(element));
                }
            }
            return array;
        }
        throw new IllegalArgumentException("the result is a function or a regular expression, which has no JSON value");
    }

    private static Object toJsonataNumber(JsonNode node) {
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        return node.doubleValue();
    }

    private static JsonNode toJsonNumber(Number n) {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return NODES.numberNode(n.intValue());
        }
        if (n instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (n instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (n instanceof BigDecimal big) {
            return NODES.numberNode(big);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("the result is " + d + ", which is not a JSON number");
        }
        if (d == Math.rint(d) && Math.abs(d) <= EXACT_INTEGER_LIMIT) {
            long l = (long) d;
            return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
        }
        return NODES.numberNode(d);
    }
}
