package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Reads request bodies as JSON whatever their declared content type (curl's {@code -d} sends
 * {@code application/x-www-form-urlencoded}), straight from the request stream so that nothing re-encodes them
 * first, and reports malformed JSON with where it broke.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The request's body as JSON; an empty body is {@code null} when {@code optional}, a problem otherwise. */
    public static JsonNode parse(HttpServletRequest request, boolean optional) {
        String body;
        try {
            body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // A body over the size limit lands here too; the problem handler answers 413 for it.
            throw new UncheckedIOException(e);
        }
        return parse(body, optional);
    }

    private static JsonNode parse(String body, boolean optional) {
        if (body == null || body.isBlank()) {
            if (optional) {
                return null;
            }
            throw DataflowApiException.invalid(List.of(new Problem("", "a JSON request body is required")));
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\[Source:.*$", "");
            throw DataflowApiException.invalid(List.of(new Problem("", "the body is not valid JSON" + where + ": "
                    + reason)));
        }
    }
}
