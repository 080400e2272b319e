package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads typed values out of a task's input object for the built-in task types (public for the ones in
 * sub-packages).
 *
 * <p>The engine applies defaults and checks types before {@code execute} runs, so these checks only catch a caller
 * that bypasses it (a test, a plugin's engine). They still fail the way a user can act on: a permanent
 * {@link TaskFailure} naming the port and the type that arrived.
 */
public final class InputValues {

    private InputValues() {
    }

    /**
     * The value of a port, checked against the port's type: the given value, else the port's default. JSON null
     * counts as not given for an optional port. Returns null for an optional port without a default.
     */
    public static JsonNode value(ObjectNode input, Port port) throws TaskFailure {
        JsonNode value = input == null ? null : input.get(port.name());
        if (value == null || value.isMissingNode() || (value.isNull() && !port.required())) {
            value = port.defaultValue();
            if (value == null && port.required()) {
                throw TaskFailure.permanent("input '" + port.name() + "' is required");
            }
        }
        if (value != null && !port.type().matches(value)) {
            throw TaskFailure.permanent("input '" + port.name() + "' must be " + port.type().wireName()
                    + ", got " + PortType.describe(value));
        }
        return value;
    }

    /** The value of a text port; null only for an optional port without a default that was not given. */
    public static String text(ObjectNode input, Port port) throws TaskFailure {
        JsonNode value = value(input, port);
        return value == null ? null : value.stringValue();
    }

    /**
     * The value of an integer port with a default, within {@code min} and at most {@code max}: a larger value is
     * lowered to {@code max}, a smaller one fails naming the port.
     */
    static long integer(ObjectNode input, Port port, long min, long max) throws TaskFailure {
        JsonNode value = value(input, port);
        long given = value.isIntegralNumber() && !value.canConvertToLong() ? Long.MAX_VALUE : value.asLong();
        if (given < min) {
            throw TaskFailure.permanent("input '" + port.name() + "' must be at least " + min + ", got " + given);
        }
        return Math.min(given, max);
    }

    /** The value of a boolean port; false for an optional port without a default that was not given. */
    public static boolean flag(ObjectNode input, Port port) throws TaskFailure {
        JsonNode value = value(input, port);
        return value != null && value.booleanValue();
    }
}
