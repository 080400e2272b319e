package io.dataflow.engine.model;

import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * One task of a workflow definition.
 *
 * @param name unique in the workflow; templates reference it as {@code tasks.<name>.outputs.<port>}
 * @param type the task type's registry name
 * @param inputs values for the type's input ports; strings may hold {@code {{ ... }}} templates
 * @param retry retry policy, or null for the workflow's default
 * @param timeout limit for one attempt, or null for the workflow's default
 * @param origin JSON pointer of this task in the document the user sent, for error messages
 */
public record TaskDef(String name, String type, ObjectNode inputs, RetryPolicy retry, Duration timeout, String origin) {
}
