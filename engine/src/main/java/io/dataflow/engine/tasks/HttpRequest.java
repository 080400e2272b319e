package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.OutboundHttp.Request;
import io.dataflow.engine.spi.OutboundHttp.Response;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code http.request}: one HTTP call through the platform's outbound HTTP, so only to addresses the outbound guard
 * allows. A JSON response body is parsed; any other is returned as text. Non-2xx answers fail the task unless
 * {@code fail_on_error} is false: 5xx and 429 as retryable, the rest for good.
 *
 * <p>The response size is capped by the platform's limit ({@code DATAFLOW_HTTP_MAX_RESPONSE_BYTES}).
 */
public final class HttpRequest extends DeclaredTaskType {

    /** An HTTP method is a token; letters cover every method in use and keep odd characters off the request line. */
    private static final Pattern METHOD = Pattern.compile("[A-Za-z]+");
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final Port URL = Port.required("url", PortType.TEXT, "The http or https URL to call");
    private static final Port METHOD_PORT = Port.optional("method", PortType.TEXT, StringNode.valueOf("GET"),
            "The HTTP method");
    private static final Port HEADERS = Port.optional("headers", PortType.OBJECT, null,
            "Request headers, name to value (an array value repeats the header)");
    private static final Port QUERY = Port.optional("query", PortType.OBJECT, null,
            "Query parameters added to the URL, name to value (an array value repeats the parameter)");
    private static final Port BODY = Port.optional("body", PortType.ANY, null,
            "The request body: text as is, anything else as JSON");
    private static final Port TIMEOUT_MS = Port.optional("timeout_ms", PortType.INTEGER, IntNode.valueOf(30_000),
            "Milliseconds the whole exchange may take");
    private static final Port MAX_REDIRECTS = Port.optional("max_redirects", PortType.INTEGER, IntNode.valueOf(5),
            "Redirects followed at most; 0 returns the redirect itself");
    private static final Port FAIL_ON_ERROR = Port.optional("fail_on_error", PortType.BOOLEAN, BooleanNode.TRUE,
            "Whether a non-2xx status fails the task; when false the response is returned");

    public HttpRequest() {
        super("http.request", "Calls an HTTP endpoint and returns its status, headers and body.",
                List.of(URL, METHOD_PORT, HEADERS, QUERY, BODY, TIMEOUT_MS, MAX_REDIRECTS, FAIL_ON_ERROR),
                List.of(Port.output("body", PortType.ANY, "The response body: parsed when it is JSON, else its text"),
                        Port.output("status", PortType.INTEGER, "The HTTP status"),
                        Port.output("headers", PortType.OBJECT,
                                "Response headers, lower-case name to value (an array when the header repeats)"),
                        Port.output("text", PortType.TEXT, "The response body as text")),
                JsonMapper.shared().createObjectNode().put("url", "https://api.example.com/items")
                        .put("method", "GET"));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws Exception {
        String method = method(input);
        Map<String, List<String>> headers = headers(input);
        byte[] body = body(context.json(), InputValues.value(input, BODY), headers);
        Request request = new Request(method, withQuery(InputValues.text(input, URL), input), headers, body,
                Duration.ofMillis(atLeast(input, TIMEOUT_MS, 1)), (int) atLeast(input, MAX_REDIRECTS, 0),
                Long.MAX_VALUE);
        Response response = context.http().send(request);
        if (InputValues.flag(input, FAIL_ON_ERROR)) {
            HttpAnswer.requireSuccess(method, response);
        }
        String text = HttpAnswer.text(response);
        ObjectNode output = context.json().createObjectNode();
        output.set("body", parsedBody(context.json(), response, text));
        output.put("status", response.status());
        output.set("headers", headersOutput(context.json(), response));
        output.put("text", text);
        return output;
    }

    /** A literal {@code method} that is not an HTTP method's token is refused when the workflow is created. */
    @Override
    public List<Problem> checkLiteralInputs(ObjectNode literal) {
        JsonNode method = literal.get(METHOD_PORT.name());
        return method == null ? List.of() : literalCheck(METHOD_PORT, () -> method(method.stringValue()));
    }

    private static String method(ObjectNode input) throws TaskFailure {
        return method(InputValues.text(input, METHOD_PORT));
    }

    /** The method in upper case; fails for anything but letters, which every method in use is made of. */
    private static String method(String given) throws TaskFailure {
        String method = given.strip();
        if (!METHOD.matcher(method).matches()) {
            throw TaskFailure.permanent("input 'method' must be an HTTP method such as GET or POST, got '"
                    + method + "'");
        }
        return method.toUpperCase(Locale.ROOT);
    }

    private static long atLeast(ObjectNode input, Port port, long minimum) throws TaskFailure {
        long value = InputValues.value(input, port).asLong();
        if (value < minimum || value > Integer.MAX_VALUE) {
            throw TaskFailure.permanent("input '" + port.name() + "' must be between " + minimum + " and "
                    + Integer.MAX_VALUE + ", got " + value);
        }
        return value;
    }

    private static Map<String, List<String>> headers(ObjectNode input) throws TaskFailure {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode given = InputValues.value(input, HEADERS);
        if (given == null) {
            return headers;
        }
        for (Map.Entry<String, JsonNode> header : given.properties()) {
            if (!HEADER_NAME.matcher(header.getKey()).matches()) {
                throw TaskFailure.permanent("input 'headers': '" + header.getKey() + "' is not a valid header name");
            }
            List<String> values = values(HEADERS, header.getKey(), header.getValue());
            for (String value : values) {
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw TaskFailure.permanent("input 'headers': the value of '" + header.getKey()
                            + "' must not contain line breaks");
                }
            }
            headers.put(header.getKey(), values);
        }
        return headers;
    }

    /** The text values of one header or query parameter: a scalar is one, an array one per element, null none. */
    private static List<String> values(Port port, String name, JsonNode value) throws TaskFailure {
        List<String> values = new ArrayList<>();
        for (JsonNode element : value.isArray() ? value.values() : List.of(value)) {
            if (element.isNull()) {
                continue;
            }
            if (!element.isValueNode()) {
                throw TaskFailure.permanent("input '" + port.name() + "': the value of '" + name
                        + "' must be text, a number, a boolean or an array of those");
            }
            values.add(element.asString());
        }
        return values;
    }

    private static String withQuery(String url, ObjectNode input) throws TaskFailure {
        JsonNode query = InputValues.value(input, QUERY);
        if (query == null || query.isEmpty()) {
            return url;
        }
        StringBuilder parameters = new StringBuilder();
        for (Map.Entry<String, JsonNode> parameter : query.properties()) {
            for (String value : values(QUERY, parameter.getKey(), parameter.getValue())) {
                parameters.append(parameters.isEmpty() ? "" : "&").append(encode(parameter.getKey())).append('=')
                        .append(encode(value));
            }
        }
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + parameters + fragment;
    }

    /** Percent-encodes a query name or value; a space becomes %20, which every server reads the same way. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The body bytes; sets a content type when the caller gave none. */
    private static byte[] body(JsonMapper json, JsonNode body, Map<String, List<String>> headers) {
        if (body == null || body.isNull()) {
            return null;
        }
        boolean text = body.isString();
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("content-type"))) {
            headers.put("Content-Type", List.of(text ? "text/plain; charset=UTF-8" : "application/json"));
        }
        return text ? body.stringValue().getBytes(StandardCharsets.UTF_8) : json.writeValueAsBytes(body);
    }

    private static JsonNode parsedBody(JsonMapper json, Response response, String text) {
        if (HttpAnswer.isJson(response) && !text.isBlank()) {
            try {
                return json.readTree(text);
            } catch (JacksonException e) {
                // A server that labels something else as JSON: its text is still useful.
            }
        }
        return StringNode.valueOf(text);
    }

    private static ObjectNode headersOutput(JsonMapper json, Response response) {
        ObjectNode headers = json.createObjectNode();
        response.headers().forEach((name, values) -> {
            if (values.size() == 1) {
                headers.put(name, values.getFirst());
            } else {
                values.forEach(headers.putArray(name)::add);
            }
        });
        return headers;
    }
}
