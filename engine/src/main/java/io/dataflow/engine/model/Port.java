package io.dataflow.engine.model;

import tools.jackson.databind.JsonNode;

/**
 * A named, typed input or output of a task type.
 *
 * @param name the port name, used as the key in the task's input or output object
 * @param type the port's type
 * @param required for inputs: whether a value must be given (a default makes it optional)
 * @param defaultValue the value used when an optional input is not given, or null
 * @param description one line for the catalog and error messages
 */
public record Port(String name, PortType type, boolean required, JsonNode defaultValue, String description) {

    public static Port required(String name, PortType type, String description) {
        return new Port(name, type, true, null, description);
    }

    public static Port optional(String name, PortType type, JsonNode defaultValue, String description) {
        return new Port(name, type, false, defaultValue, description);
    }

    public static Port output(String name, PortType type, String description) {
        return new Port(name, type, false, null, description);
    }
}
