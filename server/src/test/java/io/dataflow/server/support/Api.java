package io.dataflow.server.support;

import io.dataflow.engine.model.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for the tests: JSON in, JSON out, always over real HTTP. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String key;

    public Api(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** The same server with another API key (or none, when null). */
    public Api withKey(String otherKey) {
        return new Api(baseUrl, otherKey);
    }

    /** The API key this client sends (null for none). */
    public String key() {
        return key;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A response: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, HttpResponse<String> raw, JsonNode body) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String text() {
            return raw.body();
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                body = Json.parse(text);
            }
            return new Response(response.statusCode(), response, body);
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GETs a path and returns the body as bytes, as they came: for downloads that are not text. */
    public HttpResponse<byte[]> download(String path) {
        try {
            return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("X-API-Key", key);
        }
        return builder;
    }

    /** Creates a workflow and returns its id, failing the test on anything but 201. */
    public String createWorkflow(String json) {
        Response response = post("/workflows", json);
        if (response.status() != 201) {
            throw new AssertionError("creating a workflow answered " + response.status() + ": " + response.text());
        }
        return response.body().get("workflow_id").asString();
    }

    /** Creates a credential of this organization with a JSON object value, failing the test on anything but 201. */
    public void createCredential(String name, String valueJson) {
        Response response = post("/api/v1/credentials",
                "{\"name\": \"" + name + "\", \"value\": " + valueJson + "}");
        if (response.status() != 201) {
            throw new AssertionError("creating credential " + name + " answered " + response.status() + ": "
                    + response.text());
        }
    }

    /** Starts a seed 001 execution with this body and returns its id, failing the test on anything but 202. */
    public String startExecution(String workflowId, String json) {
        Response response = post("/workflows/" + workflowId + "/executions", json);
        if (response.status() != 202) {
            throw new AssertionError("starting an execution answered " + response.status() + ": " + response.text());
        }
        return response.body().get("workflow_execution_id").asString();
    }

    /**
     * Every item of a paginated list: follows {@code next_cursor} from the first page until there is none.
     *
     * @param path the list's path, without query
     * @param field the member holding the page's items, such as {@code workflows}
     */
    public List<JsonNode> listAll(String path, String field, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            Response response = get(path + "?limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            if (response.status() != 200) {
                throw new AssertionError("listing " + path + " answered " + response.status() + ": " + response.text());
            }
            response.body().get(field).forEach(items::add);
            JsonNode next = response.body().get("next_cursor");
            if (next == null || next.isNull()) {
                return items;
            }
            cursor = next.asString();
        }
        throw new AssertionError("listing " + path + " did not end");
    }

    /** The names of all workflows this key's organization can see. */
    public List<String> workflowNames() {
        return listAll("/workflows", "workflows", 100).stream().map(w -> w.get("name").asString()).toList();
    }

    /** Polls an execution until {@code done} holds for it, or fails after {@code timeout}. */
    public JsonNode awaitExecution(String workflowId, String executionId, Duration timeout, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Response response = get("/workflows/" + workflowId + "/executions/" + executionId);
            if (response.status() != 200) {
                throw new AssertionError("reading execution " + executionId + " answered " + response.status() + ": "
                        + response.text());
            }
            last = response.body();
            if (done.test(last)) {
                return last;
            }
            pause();
        }
        throw new AssertionError("execution " + executionId + " did not get there within " + timeout + "; last seen: "
                + last);
    }

    /** Polls until the execution has finished (COMPLETED, FAILED or TERMINATED). */
    public JsonNode awaitFinished(String workflowId, String executionId) {
        return awaitExecution(workflowId, executionId, Duration.ofSeconds(60),
                e -> Set.of("COMPLETED", "FAILED", "TERMINATED").contains(e.get("status").asString()));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
