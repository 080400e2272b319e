package io.dataflow.engine.model;

/**
 * Whose executions a bulk job acts on: one workflow's, or one binding's. A binding's executions may belong to several
 * workflows, since a binding can be bound to one workflow after another; a job of a binding acts on each of them in
 * its own workflow.
 */
public sealed interface BulkScope {

    /** The id of the workflow or of the binding. */
    String id();

    /** The executions of a workflow; a filter's ids are execution ids. */
    record OfWorkflow(String id) implements BulkScope {
    }

    /**
     * The executions started through a binding ({@link NamedExecution}); a filter's ids are their names within the
     * binding (seed 003's instance ids).
     */
    record OfBinding(String id) implements BulkScope {
    }
}
