package io.dataflow.server.api.v1;

import io.dataflow.engine.model.WorkflowQuery;
import io.dataflow.engine.model.WorkflowQuery.Sort;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.server.api.dataflow.DataflowApiException;
import java.util.Map;

/** The query parameters of {@code GET /api/v1/workflows}, checked: each bad one is a 400 naming it. */
record ListingQuery(WorkflowQuery query) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 1_000_000;
    static final int MAX_SEARCH = 200;
    /** The fields a listing sorts by, as the API names them. */
    static final Map<String, Sort> SORTS = Map.of("name", Sort.NAME, "createdAt", Sort.CREATED_AT, "updatedAt",
            Sort.UPDATED_AT, "status", Sort.STATUS, "version", Sort.VERSION);
    static final String SORT_FIELDS = "name, createdAt, updatedAt, status, version";

    static ListingQuery of(String status, String tag, String search, String limit, String offset, String sort) {
        WorkflowStatus wanted = status == null || status.isBlank() ? null : WorkflowStatus.ofWord(status.trim())
                .orElseThrow(() -> DataflowApiException.badParameter("status", "must be one of "
                        + WorkflowViews.STATUS_WORDS));
        if (tag != null && tag.length() > WorkflowBody.MAX_TAG) {
            throw DataflowApiException.badParameter("tag", "must be at most " + WorkflowBody.MAX_TAG + " characters");
        }
        if (search != null && search.length() > MAX_SEARCH) {
            throw DataflowApiException.badParameter("search", "must be at most " + MAX_SEARCH + " characters");
        }
        int pageSize = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = number("offset", offset, 0, 0, MAX_OFFSET);
        Sort field = Sort.CREATED_AT;
        boolean descending = true;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.trim().split(":", -1);
            field = SORTS.get(parts[0]);
            if (field == null || parts.length > 2 || (parts.length == 2 && !parts[1].equals("asc")
                    && !parts[1].equals("desc"))) {
                throw DataflowApiException.badParameter("sort", "must be field:asc or field:desc with a field of "
                        + SORT_FIELDS + ", e.g. createdAt:desc");
            }
            descending = parts.length == 1 || parts[1].equals("desc");
        }
        return new ListingQuery(new WorkflowQuery(wanted, tag == null || tag.isBlank() ? null : tag.trim(),
                search == null || search.isBlank() ? null : search.trim(), field, descending, skip, pageSize));
    }

    /** A whole number parameter from {@code min} to {@code max}, {@code fallback} when absent; else a 400 naming it. */
    static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw DataflowApiException.badParameter(name, "must be a whole number from " + min + " to " + max);
    }
}
