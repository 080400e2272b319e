package io.dataflow.engine.store;

/**
 * A file that would take its organization over its {@link FileQuota}; the message says which limit and by how much.
 * Nothing was stored. Waiting does not help: only deleting files (with the executions that produced them) does.
 */
public final class FileQuotaExceededException extends RuntimeException {

    /** Which of the quota's limits. */
    public enum Limit { FILES, BYTES }

    private final Limit limit;
    private final long max;

    FileQuotaExceededException(Limit limit, long max, String message) {
        super(message);
        this.limit = limit;
        this.max = max;
    }

    public Limit limit() {
        return limit;
    }

    /** The limit's value: files or bytes. */
    public long max() {
        return max;
    }
}
