package io.dataflow.server.web;

import io.dataflow.server.api.accounts.AccountsPaths;
import io.dataflow.server.api.accounts.EnvelopeWriter;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * The one place that decides, from the request's path, in which dialect's shape an error written outside the
 * dialects' own handlers goes out (a filter's 401, 413 or 400, the scope check's 403, the error page, Tomcat's own
 * error report): Cloudflare's envelope under {@code /accounts} and {@code /client/v4}, an RFC 9457 problem
 * everywhere else.
 */
public final class ErrorShapes {

    /** An error body and its content type. */
    public record Rendered(String contentType, String body) {
    }

    private ErrorShapes() {
    }

    /**
     * The error in the shape of the dialect that owns {@code path}.
     *
     * @param path the request's path (the problem's {@code instance}), raw or decoded; null for none
     * @param errors entries naming what was wrong, each a map such as {@code {"parameter": "limit", "detail": ".."}}
     */
    public static Rendered render(int status, String detail, String path, List<Map<String, String>> errors) {
        if (AccountsPaths.matches(path)) {
            return new Rendered(MediaType.APPLICATION_JSON_VALUE, EnvelopeWriter.errorBody(status, detail, path,
                    errors));
        }
        return new Rendered(MediaType.APPLICATION_PROBLEM_JSON_VALUE, ProblemWriter.body(status, detail, path,
                errors));
    }
}
