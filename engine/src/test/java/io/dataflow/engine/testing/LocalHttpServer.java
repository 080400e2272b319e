package io.dataflow.engine.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An HTTP server on 127.0.0.1 for tests of outbound HTTP: canned answers per path, and the last request seen. */
public final class LocalHttpServer implements AutoCloseable {

    /** A request the server received. */
    public record Received(String method, String uri, Headers headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Received last;

    public LocalHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.start();
    }

    /** The URL of a path on this server, on 127.0.0.1. */
    public String url(String path) {
        return url("127.0.0.1", path);
    }

    /** The URL of a path on this server under another host name or address that reaches it. */
    public String url(String host, String path) {
        return "http://" + host + ":" + server.getAddress().getPort() + path;
    }

    /** The last request received. */
    public Received last() {
        return last;
    }

    /** Answers requests to the path (and below) with the handler, after recording them. */
    public void handle(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            last = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            try (exchange) {
                handler.handle(exchange);
            }
        });
    }

    /** Answers requests to the path with a fixed status, content type and body. */
    public void respond(String path, int status, String contentType, String body) {
        handle(path, exchange -> send(exchange, status, contentType, body));
    }

    /** Answers requests to the path with a 302 to the location. */
    public void redirect(String path, String location) {
        handle(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    /** Answers requests to the path only when the server closes: a server that never answers in time. */
    public void hang(String path) {
        handle(path, exchange -> {
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Sends a whole answer; a null content type sends none. */
    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.close();
    }
}
