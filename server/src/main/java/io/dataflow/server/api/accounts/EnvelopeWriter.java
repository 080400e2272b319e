package io.dataflow.server.api.accounts;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an error envelope where no message converter runs: for {@link UnroutedAccountsRequests}, and for the
 * filters, the error page and the container's error report through {@code ErrorShapes}.
 */
public final class EnvelopeWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EnvelopeWriter() {
    }

    /** Writes the answer's status, headers and envelope. */
    static void write(HttpServletResponse response, ResponseEntity<Envelope<Void>> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(answer.getBody()));
    }

    /**
     * The envelope of an error known by its status and message, as JSON text: the code of that status
     * ({@link AccountsErrorCode#forStatus}), a bad query parameter's code when {@code errors} names a
     * {@code parameter}, and Cloudflare's two entries for a path nothing answers at (404).
     *
     * @param path the request's path, named by a 404
     * @param errors the problem-style entries the caller has ({@code parameter}, {@code detail}); only whether one
     *     names a parameter matters here, since {@code message} already says what is wrong
     */
    public static String errorBody(int status, String message, String path, List<Map<String, String>> errors) {
        List<AccountsError> entries;
        if (status == 404) {
            entries = AccountsErrors.noRouteErrors(path);
        } else if (errors.stream().anyMatch(e -> e.containsKey("parameter"))) {
            entries = List.of(AccountsError.of(AccountsErrorCode.BAD_QUERY_PARAMETER, message));
        } else {
            entries = List.of(AccountsError.of(AccountsErrorCode.forStatus(status), message));
        }
        return JSON.writeValueAsString(Envelope.failure(entries));
    }
}
