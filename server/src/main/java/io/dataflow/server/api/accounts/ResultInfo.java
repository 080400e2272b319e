package io.dataflow.server.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A list answer's {@code result_info}: the page asked for, its size, how many items this page holds and how many
 * match in all; {@code cursor} (instance lists only) is where the next page starts, absent when there is none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultInfo(
        int page,
        @JsonProperty("per_page") int perPage,
        int count,
        @JsonProperty("total_count") long totalCount,
        String cursor) {

    public ResultInfo(int page, int perPage, int count, long totalCount) {
        this(page, perPage, count, totalCount, null);
    }

    /** The same page information, with a cursor to the next page ({@code null} for none). */
    public ResultInfo withCursor(String next) {
        return new ResultInfo(page, perPage, count, totalCount, next);
    }
}
