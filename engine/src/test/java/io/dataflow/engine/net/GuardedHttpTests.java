package io.dataflow.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.spi.OutboundHttp.Request;
import io.dataflow.engine.spi.OutboundHttp.Response;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.testing.LocalHttpServer;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedHttpTests {

    private final LocalHttpServer server = new LocalHttpServer();
    private final GuardedHttp http = new GuardedHttp(new OutboundGuard(true));

    @AfterEach
    void close() {
        http.close();
        server.close();
    }

    private static Request get(String url) {
        return new Request("GET", url, Map.of(), null, Duration.ofSeconds(10), 5, Long.MAX_VALUE);
    }

    private static TaskFailure failure(GuardedHttp http, Request request) {
        try {
            http.send(request);
        } catch (TaskFailure failure) {
            return failure;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a TaskFailure");
    }

    @Test
    void returnsStatusLowerCaseHeadersAndBody() throws Exception {
        server.handle("/thing", exchange -> {
            exchange.getResponseHeaders().add("X-Thing", "a");
            exchange.getResponseHeaders().add("X-Thing", "b");
            LocalHttpServer.send(exchange, 201, "text/plain", "made");
        });
        Response response = http.send(get(server.url("/thing")));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("x-thing", List.of("a", "b"));
        assertThat(response.header("Content-Type")).isEqualTo("text/plain");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("made");
        assertThat(response.url()).isEqualTo(server.url("/thing"));
    }

    @Test
    void sendsMethodHeadersAndBody() throws Exception {
        server.respond("/echo", 200, "text/plain", "");
        http.send(new Request("PUT", server.url("/echo"), Map.of("X-Key", List.of("k1")),
                "payload".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10), 0, 1000));
        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(server.last().headers().getFirst("X-Key")).isEqualTo("k1");
        assertThat(server.last().body()).isEqualTo("payload");
    }

    @Test
    void followsRedirectsAndReportsWhereItEnded() throws Exception {
        server.redirect("/old", "/new");
        server.respond("/new", 200, "text/plain", "here");
        Response response = http.send(get(server.url("/old")));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.url()).isEqualTo(server.url("/new"));
    }

    @Test
    void noRedirectsAllowedReturnsTheRedirect() throws Exception {
        server.redirect("/old", "/new");
        Response response = http.send(new Request("GET", server.url("/old"), Map.of(), null, Duration.ofSeconds(10), 0,
                1000));
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("location")).isEqualTo("/new");
    }

    @Test
    void moreRedirectsThanAllowedFailForGood() {
        server.redirect("/a", "/b");
        server.redirect("/b", "/c");
        server.respond("/c", 200, "text/plain", "end");
        TaskFailure failure = failure(http, new Request("GET", server.url("/a"), Map.of(), null, Duration.ofSeconds(10),
                1, 1000));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("more than 1 redirects");
    }

    @Test
    void responseLargerThanTheRequestsLimitFailsForGood() {
        server.respond("/big", 200, "text/plain", "x".repeat(101));
        TaskFailure failure = failure(http, new Request("GET", server.url("/big"), Map.of(), null,
                Duration.ofSeconds(10), 0, 100));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("the response from 127.0.0.1 is larger than the limit of 100 bytes");
    }

    @Test
    void streamedResponseLargerThanTheConfiguredMaximumFails() {
        server.handle("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to check up front
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write("y".repeat(1000).getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        try (GuardedHttp small = new GuardedHttp(new OutboundGuard(true), 5000)) {
            assertThat(small.maxResponseBytes()).isEqualTo(5000);
            assertThat(failure(small, get(server.url("/stream"))))
                    .hasMessage("the response from 127.0.0.1 is larger than the limit of 5000 bytes");
        }
    }

    @Test
    void responseWithinTheLimitIsReadWhole() throws Exception {
        server.respond("/exact", 200, "text/plain", "z".repeat(100));
        Response response = http.send(new Request("GET", server.url("/exact"), Map.of(), null, Duration.ofSeconds(10),
                0, 100));
        assertThat(response.body()).hasSize(100);
    }

    @Test
    void noAnswerInTimeFailsRetryably() {
        server.hang("/slow");
        TaskFailure failure = failure(http, new Request("GET", server.url("/slow"), Map.of(), null,
                Duration.ofMillis(200), 0, 1000));
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("within 200 ms");
    }

    @Test
    void connectionRefusedFailsRetryably() {
        String url = server.url("/gone");
        server.close();
        TaskFailure failure = failure(http, get(url));
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageStartingWith("calling 127.0.0.1 failed");
    }

    @Test
    void loopbackIsRefusedUnlessPrivateNetworksAreAllowed() {
        server.respond("/here", 200, "text/plain", "hi");
        try (GuardedHttp guarded = new GuardedHttp(new OutboundGuard(false))) {
            for (String url : List.of(server.url("/here"), server.url("localhost", "/here"))) {
                TaskFailure failure = failure(guarded, get(url));
                assertThat(failure.retryable()).isFalse();
                assertThat(failure).hasMessageContaining("a private, loopback or link-local address");
            }
        }
        assertThat(server.last()).isNull();
    }

    @Test
    void redirectToARefusedAddressIsRefused() throws Exception {
        server.redirect("/out", server.url("127.0.0.2", "/inside"));
        server.respond("/inside", 200, "text/plain", "secret");
        int port = URI.create(server.url("/")).getPort();
        OutboundGuard onlyFirstLoopback = new OutboundGuard(false, OutboundAllowList.parse("127.0.0.1"), List.of());
        try (GuardedHttp guarded = new GuardedHttp(onlyFirstLoopback)) {
            TaskFailure failure = failure(guarded, get(server.url("/out")));
            assertThat(failure.retryable()).isFalse();
            assertThat(failure).hasMessage("refused to connect: host 127.0.0.2 (port " + port + ") resolves to"
                    + " 127.0.0.2, a private, loopback or link-local address; list it in DATAFLOW_OUTBOUND_ALLOW"
                    + " (e.g. 127.0.0.2:" + port + ") or set DATAFLOW_ALLOW_PRIVATE_NETWORKS=true to allow it");
        }
        assertThat(server.last().uri()).isEqualTo("/out");
    }

    @Test
    void urlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> http.send(get("ftp://example.com/file")))
                .isInstanceOf(TaskFailure.class)
                .hasMessage("URL 'ftp://example.com/file' must be an http or https URL");
    }
}
