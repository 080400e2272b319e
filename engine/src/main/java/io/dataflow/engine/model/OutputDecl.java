package io.dataflow.engine.model;

import tools.jackson.databind.JsonNode;

/**
 * A workflow output, evaluated from its template when the execution completes.
 *
 * @param value a template such as {@code "{{tasks.t.outputs.text}}"}, or a literal
 * @param origin JSON pointer of this declaration in the document the user sent
 */
public record OutputDecl(String name, PortType type, JsonNode value, String origin) {
}
