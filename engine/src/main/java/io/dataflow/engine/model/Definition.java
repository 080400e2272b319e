package io.dataflow.engine.model;

import java.util.List;
import java.util.Optional;

/**
 * The canonical workflow graph every API dialect compiles into. Edges are not stored: they follow from the
 * templates, a task depending on every task its inputs reference (see {@code io.dataflow.engine.definition}).
 */
public record Definition(List<InputDecl> inputs, List<TaskDef> tasks, List<OutputDecl> outputs,
        WorkflowSettings settings) {

    public Definition {
        inputs = List.copyOf(inputs);
        tasks = List.copyOf(tasks);
        outputs = List.copyOf(outputs);
        settings = settings == null ? WorkflowSettings.DEFAULT : settings;
    }

    public Optional<TaskDef> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
