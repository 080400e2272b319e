package io.dataflow.server.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Every answer under {@code /accounts}, as Cloudflare's API writes it:
 * {@code {"result", "success", "errors": [{"code", "message"}], "messages"}}, and {@code result_info} on lists.
 * {@code result} is {@code null} on errors; {@code messages} stays empty (Cloudflare's informational notes; this
 * server has none).
 */
public record Envelope<T>(
        @JsonInclude(JsonInclude.Include.ALWAYS) T result,
        boolean success,
        List<AccountsError> errors,
        List<AccountsError> messages,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("result_info") ResultInfo resultInfo) {

    /** A successful answer carrying {@code result}. */
    public static <T> Envelope<T> ok(T result) {
        return new Envelope<>(result, true, List.of(), List.of(), null);
    }

    /** A successful list answer: one page of items and where it lies in the whole list. */
    public static <T> Envelope<List<T>> page(List<T> items, ResultInfo info) {
        return new Envelope<>(List.copyOf(items), true, List.of(), List.of(), info);
    }

    /** A failed answer listing what went wrong. */
    public static Envelope<Void> failure(List<AccountsError> errors) {
        return new Envelope<>(null, false, List.copyOf(errors), List.of(), null);
    }
}
