package io.dataflow.engine.model;

import java.time.Instant;
import java.util.List;

/**
 * A workflow as stored: its name, lifecycle, owner and current version. The definition of each version is kept in
 * {@link WorkflowVersion}.
 *
 * @param ownerId the user who created it (null for workflows created before users existed)
 * @param deployedVersion the version executions run while it is deployed, or null
 */
public record Workflow(String id, String organizationId, String name, String description, int currentVersion,
        WorkflowStatus status, String ownerId, List<String> tags, boolean isPublic, boolean isTemplate,
        Integer deployedVersion, Instant createdAt, Instant updatedAt) {

    public Workflow {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The version a new execution runs: the deployed one, else the current one. */
    public int runnableVersion() {
        return deployedVersion != null ? deployedVersion : currentVersion;
    }
}
