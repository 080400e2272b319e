package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads typed fields out of a request document, recording a {@link Problem} at the field's pointer for each field
 * that is missing, mistyped or unknown, so that one response can list every problem.
 */
public final class JsonFields {

    private final List<Problem> problems;

    public JsonFields(List<Problem> problems) {
        this.problems = problems;
    }

    /** The node as an object, or a problem and null. */
    public ObjectNode object(JsonNode node, String pointer, boolean required) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            if (required) {
                problems.add(new Problem(pointer, "is required"));
            }
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Problem(pointer, "must be an object, got " + kind(node)));
            return null;
        }
        return (ObjectNode) node;
    }

    /** A string member; required ones must also not be blank. */
    public String text(ObjectNode parent, String field, String pointer, boolean required) {
        String at = Pointers.append(pointer, field);
        JsonNode node = member(parent, field, at, required);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            problems.add(new Problem(at, "must be text, got " + kind(node)));
            return null;
        }
        if (required && node.stringValue().isBlank()) {
            problems.add(new Problem(at, "must not be blank"));
            return null;
        }
        return node.stringValue();
    }

    /** An array member, or a problem and null. */
    public List<JsonNode> array(ObjectNode parent, String field, String pointer, boolean required) {
        String at = Pointers.append(pointer, field);
        JsonNode node = member(parent, field, at, required);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(new Problem(at, "must be an array, got " + kind(node)));
            return null;
        }
        return node.valueStream().toList();
    }

    /** A whole number member within bounds, or a problem and null. */
    public Integer integer(ObjectNode parent, String field, String pointer, int min, int max) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String at = Pointers.append(pointer, field);
        // canConvertToLong first: longValue() throws for a whole number beyond 64 bits.
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min
                || node.longValue() > max) {
            problems.add(new Problem(at, "must be a whole number from " + min + " to " + max));
            return null;
        }
        return node.intValue();
    }

    /** A boolean member, or a problem and null. */
    public Boolean bool(ObjectNode parent, String field, String pointer) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            problems.add(new Problem(Pointers.append(pointer, field), "must be true or false, got " + kind(node)));
            return null;
        }
        return node.booleanValue();
    }

    /** The member's value, or null when it is missing or JSON null (a problem when it is required). */
    private JsonNode member(ObjectNode parent, String field, String at, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problems.add(new Problem(at, "is required"));
            }
            return null;
        }
        return node;
    }

    /**
     * A {@code type} member naming a {@link PortType} ({@code text}, {@code number}, ...), or {@code fallback} when
     * it is left out or wrong (with a problem then).
     */
    public PortType portType(ObjectNode node, String pointer, PortType fallback) {
        if (!node.has("type")) {
            return fallback;
        }
        String type = text(node, "type", pointer, true);
        if (type == null) {
            return fallback;
        }
        Optional<PortType> parsed = PortType.parse(type);
        if (parsed.isEmpty()) {
            problem(pointer + "/type", "unknown type '" + type + "'; use one of text, number, integer, boolean,"
                    + " object, array, file, any");
        }
        return parsed.orElse(fallback);
    }

    /** A problem for each member of {@code object} that is not in {@code known}. */
    public void rejectUnknown(ObjectNode object, String pointer, Set<String> known) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                problems.add(new Problem(Pointers.append(pointer, name), "is not a known field; known fields are "
                        + String.join(", ", known.stream().sorted().toList())));
            }
        }
    }

    public void problem(String pointer, String detail) {
        problems.add(new Problem(pointer, detail));
    }

    public static String kind(JsonNode node) {
        return PortType.describe(node);
    }
}
