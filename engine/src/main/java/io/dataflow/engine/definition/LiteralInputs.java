package io.dataflow.engine.definition;

import io.dataflow.engine.expression.Templates;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.spi.TaskType;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the values a task's inputs give literally, before the task runs: each must have its port's type, as the
 * engine checks when the task runs (in the same words), and then pass what its task type checks itself
 * ({@link TaskType#checkLiteralInputs}). A value that holds a template is only known when the task runs and is left
 * to then.
 */
final class LiteralInputs {

    private LiteralInputs() {
    }

    /**
     * Adds a problem, at the value's place in the user's document, for each literal input of {@code task} that its
     * type would refuse.
     *
     * @param ports the input ports of the task's type, by name
     */
    static void check(TaskDef task, TaskType type, Map<String, Port> ports, List<Problem> problems) {
        if (task.inputs() == null) {
            return;
        }
        ObjectNode literal = Json.object();
        for (Map.Entry<String, JsonNode> entry : task.inputs().properties()) {
            Port port = ports.get(entry.getKey());
            JsonNode value = entry.getValue();
            if (port == null || value == null || value.isNull() || Templates.hasTemplate(value)) {
                continue;
            }
            if (port.type().matches(value)) {
                // A copy: the task type gets values it may not change in the definition.
                literal.set(port.name(), value.deepCopy());
            } else {
                problems.add(new Problem(task.inputPointer(port.name()), "input '" + port.name() + "' must be "
                        + port.type().wireName() + ", got " + PortType.describe(value)));
            }
        }
        if (literal.isEmpty()) {
            return;
        }
        for (Problem problem : type.checkLiteralInputs(literal)) {
            problems.add(new Problem(pointer(task, literal, problem.pointer()), problem.detail()));
        }
    }

    /**
     * Where a task type's problem sits in the user's document: its pointer under the input object is rebased on the
     * place the port's value came from (a task's {@code inputs/<port>}, a linear step's {@code input}); a pointer
     * that names no literal port falls back to the task.
     */
    private static String pointer(TaskDef task, ObjectNode literal, String underInputs) {
        JsonPointer pointer;
        try {
            pointer = JsonPointer.compile(underInputs == null ? "" : underInputs);
        } catch (IllegalArgumentException e) {
            return task.origin();
        }
        String port = pointer.getMatchingProperty();
        if (port == null || !literal.has(port)) {
            return task.origin();
        }
        return task.inputPointer(port) + pointer.tail().toString();
    }
}
