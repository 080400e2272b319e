package io.dataflow.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;
import java.util.Optional;

/**
 * The canonical workflow graph every API dialect compiles into. Edges are not stored: they follow from the
 * templates, a task depending on every task its inputs reference (see {@code io.dataflow.engine.definition}).
 *
 * @param openInputs whether an execution may be started with inputs the definition does not declare, and templates
 *     may read them ({@code inputs.<undeclared>} reads nothing when it was not given); declared inputs are checked
 *     all the same. A graph whose trigger passes on whatever it is given needs it. Left out of the stored JSON when
 *     false, so definitions stored before it existed read back (as false), and hash, as they did.
 */
public record Definition(List<InputDecl> inputs, List<TaskDef> tasks, List<OutputDecl> outputs,
        WorkflowSettings settings,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean openInputs) {

    public Definition {
        inputs = List.copyOf(inputs);
        tasks = List.copyOf(tasks);
        outputs = List.copyOf(outputs);
        settings = settings == null ? WorkflowSettings.NONE : settings;
    }

    /** A definition that accepts only its declared inputs. */
    public Definition(List<InputDecl> inputs, List<TaskDef> tasks, List<OutputDecl> outputs,
            WorkflowSettings settings) {
        this(inputs, tasks, outputs, settings, false);
    }

    public Optional<TaskDef> task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
