package io.dataflow.engine.store;

/**
 * Something would be added beyond a count its owner may hold (users of an organization, live keys of a user).
 * Nothing was added. Waiting does not help: only removing some (deleting users, revoking keys) does.
 */
public final class LimitReachedException extends RuntimeException {

    /** Which count. */
    public enum Limit { USERS_PER_ORGANIZATION, API_KEYS_PER_USER }

    private final Limit limit;
    private final long max;

    LimitReachedException(Limit limit, long max, String message) {
        super(message);
        this.limit = limit;
        this.max = max;
    }

    public Limit limit() {
        return limit;
    }

    /** The limit's value. */
    public long max() {
        return max;
    }
}
