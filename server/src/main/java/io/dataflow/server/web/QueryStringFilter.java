package io.dataflow.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400, naming the parameter, when the query string cannot be read as text the API can use: a
 * percent-escape that is not two hex digits, bytes that are not UTF-8 once decoded ({@code ?limit=%FF},
 * {@code ?cursor=%C0%AF}), a parameter without a name, a value {@link StorableText} refuses (U+0000), or more
 * parameters than Tomcat takes ({@code server.tomcat.max-parameter-count}).
 *
 * <p>Tomcat decodes the query only when a parameter is first asked for, and then throws an exception that
 * surfaced as a 500; checking the raw query string here, before any endpoint runs, also avoids asking Tomcat for
 * parameters, which for a form-encoded POST would consume the body ({@code POST /files} reads its body first).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class QueryStringFilter extends OncePerRequestFilter {

    /** What is wrong with one parameter; {@code parameter} is its name, still percent-encoded when undecodable. */
    record QueryProblem(String parameter, String detail) {
    }

    private static final String HEX = "0123456789abcdef";

    private final int maxParameters;

    public QueryStringFilter(@Value("${server.tomcat.max-parameter-count:1000}") int maxParameters) {
        this.maxParameters = maxParameters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<QueryProblem> problem = check(request.getQueryString(), maxParameters);
        if (problem.isPresent()) {
            Map<String, String> error = new LinkedHashMap<>(); // in the order DataflowProblems writes them
            error.put("parameter", problem.get().parameter());
            error.put("detail", problem.get().detail());
            ProblemWriter.write(response, HttpStatus.BAD_REQUEST.value(), problem.get().detail(),
                    request.getRequestURI(), List.of(error));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The first problem of a raw (still percent-encoded) query string, if it has one.
     *
     * @param maxParameters how many parameters Tomcat takes; it throws when asked for one of a query with more
     */
    static Optional<QueryProblem> check(String query, int maxParameters) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        int count = 0;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue; // "a=1&&b=2": Tomcat skips empty pairs too
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
            Decoded name = decode(rawName);
            if (name.problem() != null) {
                return Optional.of(new QueryProblem(rawName, "query parameter '" + rawName + "' has a name that "
                        + name.problem()));
            }
            if (name.text().isEmpty()) {
                return Optional.of(new QueryProblem("", "a query parameter has no name: '" + pair + "'"));
            }
            Decoded value = decode(rawValue);
            if (value.problem() != null) {
                return Optional.of(new QueryProblem(name.text(), "query parameter '" + name.text() + "' "
                        + value.problem()));
            }
            if (++count > maxParameters && maxParameters >= 0) {
                return Optional.of(new QueryProblem(name.text(), "query parameter '" + name.text() + "' is one too"
                        + " many: a query may have at most " + maxParameters + " parameters"));
            }
        }
        return Optional.empty();
    }

    /** Percent-decoded text, or what kept it from being decoded. */
    private record Decoded(String text, String problem) {
    }

    /** An ASCII hex digit's value, or -1 (Character.digit would also take other scripts' digits). */
    private static int hex(char c) {
        return c <= 'f' && HEX.indexOf(Character.toLowerCase(c)) >= 0 ? HEX.indexOf(Character.toLowerCase(c)) : -1;
    }

    /** Decodes as HTML forms encode ({@code +} is a space), strictly: every escape two hex digits, UTF-8 bytes. */
    private static Decoded decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int low = i + 2 < raw.length() ? hex(raw.charAt(i + 2)) : -1;
                if (high < 0 || low < 0) {
                    return new Decoded(null, "has an invalid percent-escape '"
                            + raw.substring(i, Math.min(i + 3, raw.length())) + "'; use % and two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String text;
        try {
            text = StrictUtf8.decode(bytes.toByteArray());
        } catch (StrictUtf8.MalformedException e) {
            return new Decoded(null, "is not valid UTF-8 once percent-decoded (byte " + e.offset()
                    + "); percent-encode the UTF-8 bytes of the text");
        }
        Optional<String> unstorable = StorableText.problem(text);
        return unstorable.map(why -> new Decoded(null, why)).orElseGet(() -> new Decoded(text, null));
    }
}
