package io.dataflow.engine.model;

/**
 * An execution started through a {@link Binding}, under a name unique among the binding's executions while it exists
 * (seed 003's "instance id"). Every control of executions (pause, resume, terminate, restart, rerun, events, delete)
 * applies to it by its execution's id.
 *
 * @param bindingVersionId the {@link BindingVersion} it started on
 * @param name letters, digits, '-' and '_', 1 to 100 of them, not starting with '-' ({@link BindingNames})
 * @param execution the execution; without inputs, outputs and error when listed
 */
public record NamedExecution(String bindingId, String bindingVersionId, String name, Execution execution) {
}
