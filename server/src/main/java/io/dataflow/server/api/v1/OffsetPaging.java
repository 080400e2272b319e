package io.dataflow.server.api.v1;

/** The {@code limit} and {@code offset} query parameters of a listing, checked: a bad one is a 400 naming it. */
record OffsetPaging(int limit, int offset) {

    static OffsetPaging of(String limit, String offset) {
        return new OffsetPaging(
                ListingQuery.number("limit", limit, ListingQuery.DEFAULT_LIMIT, 1, ListingQuery.MAX_LIMIT),
                ListingQuery.number("offset", offset, 0, 0, ListingQuery.MAX_OFFSET));
    }
}
