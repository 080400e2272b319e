package io.dataflow.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.net.GuardedHttp;
import io.dataflow.engine.net.OutboundAllowList;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.net.PlatformDatabase;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.testing.LocalHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class HttpRequestTests {

    private final HttpRequest type = new HttpRequest();
    private final LocalHttpServer server = new LocalHttpServer();
    private final GuardedHttp http = new GuardedHttp(new OutboundGuard(true), 1000);

    @AfterEach
    void close() {
        http.close();
        server.close();
    }

    private ObjectNode run(ObjectNode input) throws Exception {
        return type.execute(TaskRuns.contextWith(http), input);
    }

    private TaskFailure failure(ObjectNode input) {
        return failure(http, input);
    }

    private TaskFailure failure(GuardedHttp http, ObjectNode input) {
        return TaskRuns.failure(type, TaskRuns.contextWith(http), input);
    }

    private ObjectNode call(String path) {
        return Json.object().put("url", server.url(path));
    }

    @Test
    void parsesAJsonResponse() throws Exception {
        server.respond("/items", 200, "application/json; charset=utf-8", "{\"items\":[1,2]}");
        ObjectNode output = run(call("/items"));
        assertThat(output.get("status").intValue()).isEqualTo(200);
        assertThat(output.get("body")).isEqualTo(Json.parse("{\"items\":[1,2]}"));
        assertThat(output.get("text").stringValue()).isEqualTo("{\"items\":[1,2]}");
        assertThat(output.get("headers").get("content-type").stringValue()).isEqualTo("application/json; charset=utf-8");
        assertThat(server.last().method()).isEqualTo("GET");
    }

    @Test
    void returnsOtherResponsesAsText() throws Exception {
        server.respond("/page", 200, "text/html", "<p>hi</p>");
        ObjectNode output = run(call("/page"));
        assertThat(output.get("body").stringValue()).isEqualTo("<p>hi</p>");
        assertThat(output.get("text").stringValue()).isEqualTo("<p>hi</p>");
    }

    @Test
    void encodesQueryParametersIntoTheUrl() throws Exception {
        server.respond("/search", 200, "text/plain", "ok");
        ObjectNode input = Json.object().put("url", server.url("/search?fixed=1#top"));
        input.putObject("query").put("q", "a b&c=d/é").put("n", 5).putArray("tag").add("x").add("y");
        run(input);
        assertThat(server.last().uri()).isEqualTo("/search?fixed=1&q=a%20b%26c%3Dd%2F%C3%A9&n=5&tag=x&tag=y");
    }

    @Test
    void sendsHeadersAndAnObjectBodyAsJson() throws Exception {
        server.respond("/items", 201, "application/json", "{\"id\":7}");
        ObjectNode input = call("/items").put("method", "post");
        input.putObject("headers").put("X-Api-Key", "k1");
        input.putObject("body").put("name", "a");
        ObjectNode output = run(input);
        assertThat(output.get("status").intValue()).isEqualTo(201);
        assertThat(server.last().method()).isEqualTo("POST");
        assertThat(server.last().headers().getFirst("X-Api-Key")).isEqualTo("k1");
        assertThat(server.last().headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(server.last().body()).isEqualTo("{\"name\":\"a\"}");
    }

    @Test
    void sendsTextBodyAsIsWithTheGivenContentType() throws Exception {
        server.respond("/form", 200, "text/plain", "ok");
        ObjectNode input = call("/form").put("method", "POST").put("body", "a=1&b=2");
        input.putObject("headers").put("content-type", "application/x-www-form-urlencoded");
        run(input);
        assertThat(server.last().headers().getFirst("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(server.last().body()).isEqualTo("a=1&b=2");
    }

    @Test
    void clientErrorFailsForGood() {
        server.respond("/missing", 404, "text/plain", "no");
        TaskFailure failure = failure(call("/missing").put("method", "DELETE"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("DELETE " + server.url("/missing") + " answered HTTP 404");
    }

    @Test
    void serverErrorAndTooManyRequestsAreRetryable() {
        server.respond("/down", 503, "text/plain", "later");
        server.respond("/busy", 429, "text/plain", "slow down");
        assertThat(failure(call("/down")).retryable()).isTrue();
        assertThat(failure(call("/busy")).retryable()).isTrue();
        assertThat(failure(call("/busy")).retryAfter()).isEmpty();
    }

    @Test
    void theRetryAfterOfATooManyRequestsAnswerIsKeptForTheRetry() {
        server.handle("/later", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "7");
            LocalHttpServer.send(exchange, 429, "text/plain", "slow down");
        });
        TaskFailure failure = failure(call("/later"));
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void errorStatusIsReturnedWhenFailOnErrorIsFalse() throws Exception {
        server.respond("/missing", 404, "application/problem+json", "{\"title\":\"Not Found\"}");
        ObjectNode output = run(call("/missing").put("fail_on_error", false));
        assertThat(output.get("status").intValue()).isEqualTo(404);
        assertThat(output.get("body").get("title").stringValue()).isEqualTo("Not Found");
    }

    @Test
    void followsRedirectsUpToMaxRedirects() throws Exception {
        server.redirect("/a", "/b");
        server.redirect("/b", "/c");
        server.respond("/c", 200, "text/plain", "end");
        assertThat(run(call("/a")).get("text").stringValue()).isEqualTo("end");
        TaskFailure failure = failure(call("/a").put("max_redirects", 1));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("more than 1 redirects");
    }

    @Test
    void responseOverThePlatformLimitFailsForGood() {
        server.respond("/big", 200, "text/plain", "x".repeat(1001));
        TaskFailure failure = failure(call("/big"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("larger than the limit of 1000 bytes");
    }

    @Test
    void noAnswerWithinTimeoutIsRetryable() {
        server.hang("/slow");
        TaskFailure failure = failure(call("/slow").put("timeout_ms", 200));
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("within 200 ms");
    }

    @Test
    void loopbackIsRefusedUnlessPrivateNetworksAreAllowed() throws Exception {
        server.respond("/here", 200, "text/plain", "hi");
        try (GuardedHttp guarded = new GuardedHttp(new OutboundGuard(false))) {
            TaskFailure failure = failure(guarded, call("/here"));
            assertThat(failure.retryable()).isFalse();
            assertThat(failure).hasMessageContaining("resolves to 127.0.0.1, a private, loopback or link-local address");
        }
        assertThat(run(call("/here")).get("text").stringValue()).isEqualTo("hi");
    }

    @Test
    void thePlatformDatabasesHostAndPortAreRefusedEvenWithPrivateNetworksAllowed() throws Exception {
        int port = URI.create(server.url("/")).getPort();
        server.respond("/db", 200, "text/plain", "platform data");
        server.redirect("/elsewhere", server.url("localhost", "/db"));
        OutboundGuard guard = new OutboundGuard(true, OutboundAllowList.NONE,
                PlatformDatabase.fromJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/dataflow"));
        try (LocalHttpServer other = new LocalHttpServer(); GuardedHttp guarded = new GuardedHttp(guard)) {
            other.redirect("/hop", server.url("/db"));
            for (String url : List.of(server.url("/db"), server.url("localhost", "/db"), other.url("/hop"))) {
                TaskFailure failure = failure(guarded, Json.object().put("url", url));
                assertThat(failure.retryable()).as(url).isFalse();
                assertThat(failure).as(url).hasMessageContaining("(port " + port + ")")
                        .hasMessageContaining("where the platform's own database listens")
                        .hasMessageContaining("DATAFLOW_OUTBOUND_ALLOW");
            }
            assertThat(server.last()).isNull();
            // Another port of the same machine is another service.
            other.respond("/fine", 200, "text/plain", "ok");
            assertThat(type.execute(TaskRuns.contextWith(guarded), Json.object().put("url", other.url("/fine")))
                    .get("text").stringValue()).isEqualTo("ok");
        }
    }

    @Test
    void invalidInputsFailNamingTheField() {
        assertThat(failure(call("/x").put("method", "GET /"))).hasMessageStartingWith("input 'method' must be");
        assertThat(failure(call("/x").put("timeout_ms", 0))).hasMessageStartingWith("input 'timeout_ms' must be");
        assertThat(failure(call("/x").put("max_redirects", -1)))
                .hasMessageStartingWith("input 'max_redirects' must be");
        ObjectNode badHeader = call("/x");
        badHeader.putObject("headers").put("X-A", "1\r\nX-Injected: 2");
        assertThat(failure(badHeader)).hasMessage("input 'headers': the value of 'X-A' must not contain line breaks");
        ObjectNode nested = call("/x");
        nested.putObject("query").putObject("q");
        assertThat(failure(nested)).hasMessageStartingWith("input 'query': the value of 'q' must be");
        assertThat(failure(Json.object())).hasMessage("input 'url' is required");
    }
}
