package io.dataflow.engine.model;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * An immutable snapshot of a workflow's definition.
 *
 * @param source the document the user sent, as the dialect that received it wants to show it back
 * @param contentHash SHA-256 of the canonical definition and source; an unchanged save makes no new version
 * @param tag a label unique within the workflow (such as {@code v1.0.0}), or null
 * @param description what changed in this version, or null
 * @param createdBy the user who made it, or null
 */
public record WorkflowVersion(String workflowId, int version, Definition definition, JsonNode source,
        String contentHash, Instant createdAt, String tag, String description, String createdBy) {
}
