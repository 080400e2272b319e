package io.dataflow.server.auth;

import io.dataflow.engine.model.ApiKey;

/**
 * The scopes an API key may hold, as written in keys and errors. {@link #ADMIN} (an organization administrator)
 * holds every other scope too.
 */
public enum Scope {
    READ(ApiKey.READ),
    WRITE(ApiKey.WRITE),
    EXECUTE(ApiKey.EXECUTE),
    ADMIN(ApiKey.ADMIN);

    private final String word;

    Scope(String word) {
        this.word = word;
    }

    /** The scope as keys and errors spell it, for example {@code workflows:read}. */
    public String word() {
        return word;
    }

    /** Whether a key holding these scopes holds this one. */
    public boolean heldBy(ApiKey key) {
        return key.scopes().contains(ApiKey.ADMIN) || key.scopes().contains(word);
    }
}
