package io.dataflow.engine.model;

import java.util.Locale;

/**
 * Which workflows to list and in which order.
 *
 * @param status only workflows with this status, or null
 * @param tag only workflows with this tag, or null
 * @param search only workflows whose name or description contains this text, ignoring case, or null
 * @param offset how many matching workflows to skip
 * @param limit how many to return at most
 * @param template only workflows marked as templates (true) or not marked (false), or null for both
 */
public record WorkflowQuery(WorkflowStatus status, String tag, String search, Sort sort, boolean descending,
        int offset, int limit, Boolean template) {

    /** What a listing can be ordered by; ties are broken by id, in the same direction. */
    public enum Sort {
        NAME, CREATED_AT, UPDATED_AT, STATUS, VERSION
    }

    public WorkflowQuery {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be at least 0 and limit at least 1");
        }
        search = search == null || search.isEmpty() ? null : search.toLowerCase(Locale.ROOT);
        sort = sort == null ? Sort.CREATED_AT : sort;
    }

    /** A query over templates and other workflows alike. */
    public WorkflowQuery(WorkflowStatus status, String tag, String search, Sort sort, boolean descending, int offset,
            int limit) {
        this(status, tag, search, sort, descending, offset, limit, null);
    }

    /** The workflows marked as templates, by name, a page at a time. */
    public static WorkflowQuery templates(int offset, int limit) {
        return new WorkflowQuery(null, null, null, Sort.NAME, false, offset, limit, true);
    }
}
