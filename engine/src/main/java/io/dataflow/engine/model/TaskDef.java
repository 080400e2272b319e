package io.dataflow.engine.model;

import java.time.Duration;
import java.util.Map;
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
 * @param inputOrigins where an input came from when it is not at {@code origin/inputs/<port>} (a linear step's
 *     input is its {@code input} field, or the step itself when it is the previous step's output); may be empty
 */
public record TaskDef(String name, String type, ObjectNode inputs, RetryPolicy retry, Duration timeout, String origin,
        Map<String, String> inputOrigins) {

    public TaskDef {
        inputOrigins = inputOrigins == null ? Map.of() : Map.copyOf(inputOrigins);
    }

    /** The JSON pointer, in the user's document, of the value given for input port {@code port}. */
    public String inputPointer(String port) {
        String explicit = inputOrigins.get(port);
        return explicit != null ? explicit : origin + "/inputs/" + Pointers.escape(port);
    }
}
