package io.dataflow.engine.model;

import java.time.Instant;

/**
 * What a {@link Binding} bound at some time: immutable. Executions started through the binding while this version was
 * current run {@code workflowVersion} of {@code workflowId}, whatever the workflow runs later.
 *
 * @param workflowVersion the workflow's deployed version when bound, or its current one when not deployed
 * @param retention the retention of the executions started on it that set none of their own ({@link Retention#NONE}
 *     for the server's)
 */
public record BindingVersion(String id, String bindingId, String workflowId, int workflowVersion, String className,
        Retention retention, Instant createdAt) {
}
