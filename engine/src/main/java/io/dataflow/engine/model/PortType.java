package io.dataflow.engine.model;

import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The type of a task port, a workflow input or a workflow output. */
public enum PortType {
    TEXT, NUMBER, INTEGER, BOOLEAN, OBJECT, ARRAY, FILE, ANY;

    /** The lower-case name used in workflow documents ({@code text}, {@code number}, ...). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; {@code string} is accepted as an alias of {@code text}. */
    public static Optional<PortType> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("string")) {
            return Optional.of(TEXT);
        }
        for (PortType t : values()) {
            if (t.wireName().equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a port of this type accepts a value produced by a port of {@code source} type.
     * {@code any} on either side is decided at run time; an integer is a number.
     */
    public boolean accepts(PortType source) {
        return this == ANY || source == ANY || this == source || (this == NUMBER && source == INTEGER);
    }

    /** Whether a concrete JSON value conforms to this type. Null conforms to nothing but {@code any}. */
    public boolean matches(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return false;
        }
        return switch (this) {
            case ANY -> true;
            case TEXT -> value.isString();
            case NUMBER -> value.isNumber();
            case INTEGER -> value.isIntegralNumber() || (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue()));
            case BOOLEAN -> value.isBoolean();
            case OBJECT -> value.isObject();
            case ARRAY -> value.isArray();
            case FILE -> value.isObject() || value.isString();
        };
    }

    /** The JSON type name of a value, for error messages. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isString()) {
            return "text";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isObject()) {
            return "object";
        }
        return "null";
    }
}
