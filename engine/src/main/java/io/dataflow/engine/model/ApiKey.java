package io.dataflow.engine.model;

import java.time.Instant;
import java.util.Set;

/** An API key's record; the key itself is never stored, only its SHA-256. */
public record ApiKey(String id, String organizationId, String name, String prefix, Set<String> scopes,
        Instant createdAt) {

    public static final String ADMIN = "admin";
}
