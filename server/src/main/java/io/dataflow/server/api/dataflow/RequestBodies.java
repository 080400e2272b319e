package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Problem;
import io.dataflow.server.web.StrictUtf8;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies as JSON whatever their declared content type (curl's {@code -d} sends
 * {@code application/x-www-form-urlencoded}), straight from the request stream so that nothing re-encodes them
 * first, and strictly, for every endpoint at once:
 * <ul>
 * <li>the bytes must be UTF-8 (RFC 8259); a malformed sequence is a problem, never decoded to U+FFFD, which made
 *     two different names the same one;</li>
 * <li>an object may not name a member twice, so that what is stored is what the client meant;</li>
 * <li>objects and arrays may nest at most {@link #MAX_DEPTH} levels;</li>
 * <li>nothing may follow the document;</li>
 * <li>every string and number must be storable ({@link StorableJson}).</li>
 * </ul>
 * Each failure is a 400 problem saying where the body broke.
 */
public final class RequestBodies {

    /**
     * How deep a body may nest. Answers and webhooks put what was sent a few levels deeper (an execution's
     * {@code tasks[i].input.text}), and Jackson writes at most 500 levels: a body nested 499 deep was stored, and
     * then every read of its execution failed.
     */
    static final int MAX_DEPTH = 200;

    private static final ObjectReader STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private RequestBodies() {
    }

    /** The request's body as JSON; an empty body is {@code null} when {@code optional}, a problem otherwise. */
    public static JsonNode parse(HttpServletRequest request, boolean optional) {
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (IOException e) {
            // A body over the size limit lands here too; the problem handler answers 413 for it.
            throw new UncheckedIOException(e);
        }
        return parse(body, optional);
    }

    private static JsonNode parse(byte[] body, boolean optional) {
        String text = utf8(body);
        if (text.isBlank()) {
            if (optional) {
                return null;
            }
            throw invalid("a JSON request body is required");
        }
        JsonNode parsed;
        try {
            parsed = STRICT.readTree(text);
        } catch (StreamConstraintsException e) {
            throw invalid("the body nests deeper than " + MAX_DEPTH + " levels of objects and arrays");
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String reason = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\[Source:.*$", "");
            throw invalid("the body is not valid JSON" + where + ": " + reason);
        }
        List<Problem> problems = StorableJson.problems(parsed);
        if (!problems.isEmpty()) {
            throw DataflowApiException.invalid(problems);
        }
        return parsed;
    }

    /** The body decoded as UTF-8, refusing what is not UTF-8. */
    private static String utf8(byte[] body) {
        try {
            return StrictUtf8.decode(body);
        } catch (StrictUtf8.MalformedException e) {
            throw invalid("the body is not valid UTF-8: the byte sequence at offset " + e.offset()
                    + " is not a character; send JSON encoded as UTF-8");
        }
    }

    private static DataflowApiException invalid(String detail) {
        return DataflowApiException.invalid(List.of(new Problem("", detail)));
    }
}
