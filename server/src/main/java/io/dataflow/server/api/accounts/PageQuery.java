package io.dataflow.server.api.accounts;

import java.util.List;

/**
 * A list's {@code page} (from 1) and {@code per_page} (1 to {@link #MAX_PER_PAGE}, {@link #DEFAULT_PER_PAGE} when
 * not given), read from the query as sent. A page past the end is not an error: it is an empty {@code result}, which
 * is how Cloudflare's SDK knows to stop paging.
 */
public record PageQuery(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;

    public PageQuery {
        if (page < 1 || perPage < 1 || perPage > MAX_PER_PAGE) {
            throw new IllegalArgumentException("page " + page + ", per_page " + perPage);
        }
    }

    /**
     * The page the query asks for; 400 naming the parameter when one is not a whole number in range.
     *
     * @param page the {@code page} parameter as sent, or null
     * @param perPage the {@code per_page} parameter as sent, or null
     */
    public static PageQuery of(String page, String perPage) {
        return new PageQuery(number("page", page, 1, Integer.MAX_VALUE, 1),
                number("per_page", perPage, 1, MAX_PER_PAGE, DEFAULT_PER_PAGE));
    }

    /** Where this page starts in the whole list, counted from 0. */
    public long offset() {
        return (long) (page - 1) * perPage;
    }

    /** This page of a whole list that is at hand: its items and where they lie. */
    public <T> Envelope<List<T>> slice(List<T> all) {
        long from = Math.min(offset(), all.size());
        long to = Math.min(from + perPage, all.size());
        return answer(all.subList((int) from, (int) to), all.size());
    }

    /** The answer for this page when the store already cut it: its items and how many match in all. */
    public <T> Envelope<List<T>> answer(List<T> items, long totalCount) {
        return Envelope.page(items, new ResultInfo(page, perPage, items.size(), totalCount));
    }

    private static int number(String name, String value, int min, int max, int absent) {
        if (value == null) {
            return absent;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw AccountsApiException.badQueryParameter(name, "must be a whole number, not '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw AccountsApiException.badQueryParameter(name, "must be between " + min + " and " + max + ", not "
                    + parsed);
        }
        return (int) parsed;
    }
}
