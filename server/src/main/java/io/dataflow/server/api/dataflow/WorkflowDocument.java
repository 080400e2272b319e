package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Definition;
import tools.jackson.databind.node.ObjectNode;

/**
 * A workflow as the {@code /workflows} API receives it, in either of its shapes (linear {@code steps}, or
 * {@code inputs}/{@code tasks}/{@code outputs}), compiled to the engine's definition.
 *
 * @param source the document as sent, shown back by GET
 */
record WorkflowDocument(String name, String description, Definition definition, ObjectNode source) {
}
