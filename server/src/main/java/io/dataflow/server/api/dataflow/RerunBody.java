package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST .../executions/{id}/rerun}: {@code from_task}, the task to run again with everything
 * downstream of it, optional new {@code inputs} of the execution, and optional new {@code task_inputs}, values for
 * input ports of {@code from_task} as a task's {@code inputs} give them.
 */
record RerunBody(String fromTask, JsonNode inputs, ObjectNode taskInputs) {

    static final String INPUTS = "/inputs";
    static final String TASK_INPUTS = "/task_inputs";
    private static final Set<String> FIELDS = Set.of("from_task", "inputs", "task_inputs");
    /** How many task names a problem lists before it stops. */
    private static final int NAMES_SHOWN = 20;

    /** The body, or a 400 listing every problem of it. */
    static RerunBody of(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw DataflowApiException.invalid(List.of(new Problem("", "the body must be a JSON object with from_task")));
        }
        JsonNode from = body.get("from_task");
        if (from == null || from.isNull()) {
            problems.add(new Problem("/from_task", "is required: the name of the task to rerun from"));
        } else if (!from.isString() || from.asString().isBlank()) {
            problems.add(new Problem("/from_task", "must be a task's name, a non-empty string"));
        }
        JsonNode inputs = body.get("inputs");
        if (inputs != null && !inputs.isNull() && !inputs.isObject()) {
            problems.add(new Problem(INPUTS, "must be an object of the workflow's inputs, or left out to reuse the"
                    + " original execution's"));
        }
        JsonNode taskInputs = body.get("task_inputs");
        if (taskInputs != null && !taskInputs.isNull() && !taskInputs.isObject()) {
            problems.add(new Problem(TASK_INPUTS, "must be an object of new values for inputs of from_task by port"
                    + " name, or left out to run it as its version has it"));
        }
        body.propertyNames().forEach(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(new Problem(Pointers.append("", name),
                        "is not a field of a rerun; use from_task, inputs and task_inputs"));
            }
        });
        if (!problems.isEmpty()) {
            throw DataflowApiException.invalid(problems);
        }
        return new RerunBody(from.asString(), inputs == null || inputs.isNull() ? null : inputs,
                taskInputs instanceof ObjectNode given ? given : null);
    }

    /** Task names for a message: the first few, quoted, and how many more. */
    static String names(List<String> steps) {
        List<String> shown = steps.stream().limit(NAMES_SHOWN).map(name -> "'" + name + "'").toList();
        String more = steps.size() > NAMES_SHOWN ? " and " + (steps.size() - NAMES_SHOWN) + " more" : "";
        return String.join(", ", shown) + more;
    }
}
