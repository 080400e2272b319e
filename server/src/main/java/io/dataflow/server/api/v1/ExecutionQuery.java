package io.dataflow.server.api.v1;

import io.dataflow.engine.model.ExecutionStatus;
import java.util.Set;

/**
 * The query parameters of {@code GET /api/v1/workflows/:id/executions}, checked: each bad one is a 400 naming it.
 * Paged by {@code limit} and {@code offset} like the workflow listing.
 */
record ExecutionQuery(Set<ExecutionStatus> statuses, int limit, int offset) {

    static ExecutionQuery of(String status, String limit, String offset) {
        return new ExecutionQuery(ExecutionWords.filter(status),
                ListingQuery.number("limit", limit, ListingQuery.DEFAULT_LIMIT, 1, ListingQuery.MAX_LIMIT),
                ListingQuery.number("offset", offset, 0, 0, ListingQuery.MAX_OFFSET));
    }
}
