package io.dataflow.engine.store;

/** A file larger than the store's limit; its message names the limit. Nothing was stored. */
public final class FileTooLargeException extends RuntimeException {

    private final long limit;

    FileTooLargeException(String name, long size, long limit) {
        super("file '" + name + "' is larger than the limit of " + limit + " bytes" + (size >= 0 ? " (" + size
                + " bytes)" : ""));
        this.limit = limit;
    }

    /** The most bytes a file may have. */
    public long limit() {
        return limit;
    }
}
