package io.dataflow.server.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dataflow.engine.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A webhook receiver on 127.0.0.1 for the tests: records every request it gets, and answers 500 to the first
 * {@code failFirst} requests and, when asked, to the first request of every webhook-id; 200 otherwise.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received, and what it was answered. */
    record Request(String id, String timestamp, String signature, String contentType, String userAgent, String body,
            int answered) {
        boolean delivered() {
            return answered >= 200 && answered < 300;
        }

        JsonNode json() {
            return Json.parse(body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final boolean failFirstAttemptOfEach;
    private final Set<String> seen = new HashSet<>();

    private WebhookReceiver(int failFirst, boolean failFirstAttemptOfEach) throws IOException {
        this.failuresLeft = new AtomicInteger(failFirst);
        this.failFirstAttemptOfEach = failFirstAttemptOfEach;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.start(); // one thread: requests are recorded in the order they arrive
    }

    static WebhookReceiver answering200() {
        return start(0, false);
    }

    static WebhookReceiver failingFirst(int requests) {
        return start(requests, false);
    }

    static WebhookReceiver failingFirstAttemptOfEachEvent() {
        return start(0, true);
    }

    private static WebhookReceiver start(int failFirst, boolean failFirstAttemptOfEach) {
        try {
            return new WebhookReceiver(failFirst, failFirstAttemptOfEach);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the webhook receiver", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> delivered() {
        return requests.stream().filter(Request::delivered).toList();
    }

    /** Polls until {@code count} requests were answered with 2xx, or fails after {@code timeout}. */
    List<Request> awaitDelivered(int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (delivered().size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the receiver got " + delivered().size() + " of " + count
                        + " events within " + timeout + "; requests: " + requests);
            }
            pause();
        }
        return delivered();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var headers = exchange.getRequestHeaders();
        String id = headers.getFirst("webhook-id");
        boolean fail = failuresLeft.getAndDecrement() > 0 || (failFirstAttemptOfEach && seen.add(id));
        int status = fail ? 500 : 200;
        requests.add(new Request(id, headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
                headers.getFirst("Content-Type"), headers.getFirst("User-Agent"), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
