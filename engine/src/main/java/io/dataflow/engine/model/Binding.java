package io.dataflow.engine.model;

import java.time.Instant;

/**
 * A name within an organization under which one of its workflows takes named executions ({@link NamedExecution}).
 * Binding the name again to another workflow, another label, or after the workflow's runnable version moved on makes
 * a new {@link BindingVersion}; new executions start on the current one, and existing ones keep theirs. Seed 003 calls
 * a binding a "workflow" and its named executions "instances"; the engine keeps its own words.
 *
 * @param name letters, digits, '-' and '_', 1 to 64 of them, not starting with '-' ({@link BindingNames})
 * @param workflowId the workflow the current version binds
 * @param className a free label kept as given (seed 003's {@code class_name})
 * @param versionId the current {@link BindingVersion}'s id
 * @param triggeredAt when an execution was last started through it, or null
 */
public record Binding(String id, String organizationId, String name, String workflowId, String className,
        String versionId, Instant createdAt, Instant modifiedAt, Instant triggeredAt) {
}
