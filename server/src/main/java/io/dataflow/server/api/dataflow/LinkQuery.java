package io.dataflow.server.api.dataflow;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event link's query, decoded here rather than by the container: asking the container for parameters would read a
 * form-encoded POST's body as a form, and the body of a link's POST is its JSON payload.
 * {@link io.dataflow.server.web.QueryStringFilter} has already refused a query that does not decode.
 */
final class LinkQuery {

    private LinkQuery() {
    }

    /** Each parameter's values in the order given, by name in the order first given; empty for no query. */
    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
