package io.dataflow.server.api.dataflow;

import io.dataflow.engine.store.Ids;

/** The {@code limit} and {@code cursor} query parameters of list endpoints. */
public final class Paging {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private Paging() {
    }

    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DataflowApiException.badParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    public static String cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Ids.idInCursor(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw DataflowApiException.badParameter("cursor", "is not valid; use the next_cursor of a previous page");
        }
    }

    /**
     * The cursor of a list of an execution's earlier runs: the number of the last run shown, whose predecessors come
     * next; none gives the newest first.
     */
    public static int runCursor(String value) {
        if (value == null || value.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            int run = Integer.parseInt(value.trim());
            if (run >= 1) {
                return run;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DataflowApiException.badParameter("cursor", "is not valid; use the next_cursor of a previous page");
    }
}
