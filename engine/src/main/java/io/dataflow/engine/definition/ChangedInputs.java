package io.dataflow.engine.definition;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.TaskDef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * New values for some inputs of one task of a definition: what a rerun from that task with edited inputs runs. Each
 * given port's value (templates allowed) replaces what the task had there, whether its document wrote the value in
 * the task or wired it from another task; the ports not given keep theirs. The result is a definition like any other,
 * checked as one: the changed task gets every check a new definition gets, the rest of it what its stored version
 * gets ({@link DefinitionCompiler#compileChanged}).
 *
 * @param task the name of the task whose inputs change
 * @param values the new values by input port name
 */
public record ChangedInputs(String task, ObjectNode values) {

    public ChangedInputs {
        values = values.deepCopy();
    }

    /** The definition with the change applied, and its plan. */
    public record Applied(Definition definition, Plan plan) {
    }

    /**
     * Applies the change to {@code definition}, which has the task, and checks the result.
     *
     * @throws InvalidDefinitionException listing every problem, each at {@code /<port>} of {@link #values} when it is
     *     about that value, else at {@code ""} (the change as a whole, such as a value that makes the tasks a cycle)
     */
    public Applied apply(Definition definition, DefinitionCompiler compiler) {
        TaskDef original = definition.task(task).orElseThrow(() -> new IllegalArgumentException(
                "the definition has no task '" + task + "'"));
        List<Problem> problems = new ArrayList<>();
        ObjectNode inputs = original.inputs() == null ? Json.object() : original.inputs().deepCopy();
        Map<String, String> origins = new HashMap<>(original.inputOrigins());
        values.properties().forEach(value -> {
            if (value.getValue().isNull()) {
                problems.add(new Problem(Pointers.append("", value.getKey()), "must be a value; leave the port out"
                        + " to keep the one it had"));
                return;
            }
            inputs.set(value.getKey(), value.getValue().deepCopy());
            // The value no longer comes from where the document had it: its problems are placed by pointer below.
            origins.remove(value.getKey());
        });
        TaskDef changed = new TaskDef(original.name(), original.type(), inputs, original.retry(), original.timeout(),
                original.origin(), origins);
        Definition next = new Definition(definition.inputs(), definition.tasks().stream()
                .map(t -> t.name().equals(task) ? changed : t).toList(), definition.outputs(), definition.settings(),
                definition.openInputs());
        Plan plan = null;
        try {
            plan = compiler.compileChanged(next, task);
        } catch (InvalidDefinitionException e) {
            e.problems().forEach(problem -> problems.add(relative(problem, changed)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(problems);
        }
        return new Applied(next, plan);
    }

    /** A problem of the changed definition, located in {@link #values}. */
    private Problem relative(Problem problem, TaskDef changed) {
        return port(problem.pointer(), changed)
                .map(at -> new Problem(at, problem.detail()))
                .orElseGet(() -> new Problem("", problem.detail()));
    }

    /** {@code /<port>...} when the pointer is at or under a changed port's value in the changed task. */
    private Optional<String> port(String pointer, TaskDef changed) {
        for (Map.Entry<String, JsonNode> value : values.properties()) {
            String at = changed.inputPointer(value.getKey());
            if (pointer.equals(at) || pointer.startsWith(at + "/")) {
                return Optional.of(Pointers.append("", value.getKey()) + pointer.substring(at.length()));
            }
        }
        return Optional.empty();
    }
}
