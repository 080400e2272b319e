package io.dataflow.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes an error from a servlet filter, the error page or the scope check, where no controller advice runs, in the
 * shape {@link ErrorShapes} chooses for the path: an RFC 9457 problem as {@code DataflowProblems} gives it,
 * {@code errors} included, or the {@code /accounts} API's envelope.
 */
public final class ProblemWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        write(response, status.value(), detail, request.getRequestURI(), List.of());
    }

    /**
     * An error with this status and detail about {@code instance} (a path), and these {@code errors} entries,
     * each a map such as {@code {"parameter": "limit", "detail": "..."}}.
     */
    public static void write(HttpServletResponse response, int status, String detail, String instance,
            List<Map<String, String>> errors) throws IOException {
        ErrorShapes.Rendered rendered = ErrorShapes.render(status, detail, instance, errors);
        response.setStatus(status);
        response.setContentType(rendered.contentType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(rendered.body());
    }

    /** The RFC 9457 problem document as JSON text. */
    static String body(int status, String detail, String instance, List<Map<String, String>> errors) {
        HttpStatus known = HttpStatus.resolve(status);
        ObjectNode body = JSON.createObjectNode();
        body.put("title", known != null ? known.getReasonPhrase() : "Error");
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (!errors.isEmpty()) {
            body.set("errors", JSON.valueToTree(errors));
        }
        return JSON.writeValueAsString(body);
    }
}
