package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads typed values out of a task's input object for the built-in task types.
 *
 * <p>The engine applies defaults and checks types before {@code execute} runs, so these checks only catch a caller
 * that bypasses it (a test, a plugin's engine). They still fail the way a user can act on: a permanent
 * {@link TaskFailure} naming the port and the type that arrived.
 */
final class InputValues {

    private InputValues() {
    }

    /**
     * The value of a port: the given one, else the port's default. JSON null counts as not given for an optional
     * port. Returns null for an optional port without a default.
     */
    static JsonNode value(ObjectNode input, Port port) throws TaskFailure {
        JsonNode value = input == null ? null : input.get(port.name());
        boolean absent = value == null || value.isMissingNode() || (value.isNull() && !port.required());
        if (!absent) {
            return value;
        }
        if (port.defaultValue() != null) {
            return port.defaultValue();
        }
        if (port.required()) {
            throw TaskFailure.permanent("input '" + port.name() + "' is required");
        }
        return null;
    }

    /** The text value of a text port; null only for an optional port without a default that was not given. */
    static String text(ObjectNode input, Port port) throws TaskFailure {
        JsonNode value = value(input, port);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(port, PortType.TEXT, value);
        }
        return value.stringValue();
    }

    /** The value of a boolean port; false for an optional port without a default that was not given. */
    static boolean flag(ObjectNode input, Port port) throws TaskFailure {
        JsonNode value = value(input, port);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw wrongType(port, PortType.BOOLEAN, value);
        }
        return value.booleanValue();
    }

    private static TaskFailure wrongType(Port port, PortType expected, JsonNode value) {
        return TaskFailure.permanent("input '" + port.name() + "' must be " + expected.wireName()
                + ", got " + PortType.describe(value));
    }
}
