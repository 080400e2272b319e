package io.dataflow.engine.model;

import java.time.Instant;

/**
 * A person (or a service) of one organization. Users own API keys and workflows; workflows are shared with users.
 *
 * @param email optional, unique within the organization
 * @param instanceAdmin whether the user may create organizations (the bootstrap key's user)
 */
public record User(String id, String organizationId, String name, String email, boolean instanceAdmin,
        Instant createdAt) {
}
