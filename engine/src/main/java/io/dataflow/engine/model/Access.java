package io.dataflow.engine.model;

/**
 * Who asks, for deciding which workflows they may read and change: a user of an organization, and whether they act
 * as its administrator. A workflow is readable by its organization's administrators, its owner, the users it is
 * shared with, and (when public) every user of the organization; it is changeable by its owner and administrators.
 */
public record Access(String organizationId, String userId, boolean admin) {

    public Access {
        if (organizationId == null) {
            throw new IllegalArgumentException("organizationId is required");
        }
    }

    /** An organization's administrator, who reads and changes all of its workflows. */
    public static Access admin(String organizationId) {
        return new Access(organizationId, null, true);
    }

    /** Whether this caller may change, share or delete the workflow (being allowed to read it). */
    public boolean canChange(Workflow workflow) {
        return admin || (userId != null && userId.equals(workflow.ownerId()));
    }
}
