package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/** Parses request bodies, so malformed JSON is reported with where it broke. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body as JSON; an empty body is {@code null} when {@code optional}, a problem otherwise. */
    static JsonNode parse(String body, boolean optional) {
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
            throw DataflowApiException.invalid(List.of(new Problem("", "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage())));
        }
    }
}
