package io.dataflow.engine.model;

import tools.jackson.databind.JsonNode;

/**
 * A workflow input the caller provides when starting an execution.
 *
 * @param defaultValue the value used when the caller gives none, or null for no default; a JSON null (which is
 *     what a stored definition without a default reads back as) also means no default
 * @param origin JSON pointer of this declaration in the document the user sent, for error messages
 */
public record InputDecl(String name, PortType type, String description, boolean required, JsonNode defaultValue,
        String origin) {

    public InputDecl {
        if (defaultValue != null && (defaultValue.isNull() || defaultValue.isMissingNode())) {
            defaultValue = null;
        }
    }
}
