package io.dataflow.engine.model;

import java.time.Instant;

/**
 * A workflow as stored: its name and its current version. The definition of each version is kept in
 * {@link WorkflowVersion}.
 */
public record Workflow(String id, String organizationId, String name, String description, int currentVersion,
        Instant createdAt, Instant updatedAt) {
}
