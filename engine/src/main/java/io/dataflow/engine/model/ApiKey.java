package io.dataflow.engine.model;

import java.time.Instant;
import java.util.Set;

/**
 * An API key's record; the key itself is never stored, only its SHA-256.
 *
 * @param userId the user the key belongs to and acts as
 * @param instanceAdmin whether its user may create organizations
 * @param revokedAt when it stopped working, or null
 */
public record ApiKey(String id, String organizationId, String userId, String name, String prefix, Set<String> scopes,
        boolean instanceAdmin, Instant createdAt, Instant revokedAt) {

    public static final String ADMIN = "admin";
    public static final String READ = "workflows:read";
    public static final String WRITE = "workflows:write";
    public static final String EXECUTE = "workflows:execute";

    /** Every scope a key may hold. */
    public static final Set<String> SCOPES = Set.of(READ, WRITE, EXECUTE, ADMIN);

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean admin() {
        return scopes.contains(ADMIN);
    }

    /** What this key may read and change. */
    public Access access() {
        return new Access(organizationId, userId, admin());
    }
}
