package io.dataflow.engine.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataflow.engine.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local server on 127.0.0.1 that speaks enough of the OpenAI protocol for the AI task type tests and the
 * server's end-to-end tests: each path under {@code /v1} answers with a canned {@link Answer}, and every request is
 * recorded. Paths without an answer get OpenAI's 404.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** A recorded request; header names are case-insensitive. */
    public record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.getFirst();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** How a path answers. */
    @FunctionalInterface
    public interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to put in a credential: {@code http://127.0.0.1:port/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers requests to {@code /v1/<path>}. */
    public FakeOpenAi on(String path, Answer answer) {
        answers.put("/v1/" + path, answer);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("expected one request, got " + requests.size());
        }
        return requests.getFirst();
    }

    /** OpenAI's chat completion with one choice whose message is {@code content}. */
    public static String chatCompletion(String content) {
        ObjectNode answer = Json.object().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = answer.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        answer.putObject("usage").put("prompt_tokens", 9).put("completion_tokens", 3).put("total_tokens", 12);
        return answer.toString();
    }

    /** A JSON answer with a known length. */
    public static Answer json(int status, String body) {
        return withHeaders(status, Map.of("Content-Type", "application/json"), body);
    }

    /** An answer with these headers and body. */
    public static Answer withHeaders(int status, Map<String, String> headers, String body) {
        return exchange -> {
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** A 200 answer streamed with chunked transfer encoding, one flush per chunk. */
    public static Answer chunked(String contentType, List<byte[]> chunks) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (byte[] chunk : chunks) {
                    out.write(chunk);
                    out.flush();
                }
            }
        };
    }

    /** An answer that comes only after a delay, to make the client time out. */
    public static Answer slow(long millis, Answer answer) {
        return exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer.send(exchange);
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(), json(404,
                    "{\"error\": {\"message\": \"Unknown request URL\", \"type\": \"invalid_request_error\"}}"));
            answer.send(exchange);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
