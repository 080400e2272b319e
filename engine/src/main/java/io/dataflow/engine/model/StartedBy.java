package io.dataflow.engine.model;

/**
 * Who started an execution, as far as the credentials' rules care: the API key and whether it held the admin
 * scope at that moment. Recorded with the execution, so the rules are applied to the starter's rights when each of
 * its tasks runs, whatever key later reads it.
 *
 * @param keyId the id of the API key that started it; null when it was not started by a key, or before this was
 *     recorded
 * @param admin whether that key held the admin scope when it started the execution
 */
public record StartedBy(String keyId, boolean admin) {

    /** Started without a known key: it gets no more than a key without the admin scope. */
    public static final StartedBy UNKNOWN = new StartedBy(null, false);

    /** Started by the key of this id, holding the admin scope or not. */
    public static StartedBy key(String keyId, boolean admin) {
        return new StartedBy(keyId, admin);
    }
}
