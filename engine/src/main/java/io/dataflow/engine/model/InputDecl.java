package io.dataflow.engine.model;

import tools.jackson.databind.JsonNode;

/**
 * A workflow input the caller provides when starting an execution.
 *
 * @param origin JSON pointer of this declaration in the document the user sent, for error messages
 */
public record InputDecl(String name, PortType type, String description, boolean required, JsonNode defaultValue,
        String origin) {
}
