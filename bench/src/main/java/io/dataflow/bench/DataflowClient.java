package io.dataflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few calls of the server's {@code /workflows} API the scenarios make. Any answer other than the expected
 * status is an {@link ApiException}: a benchmark of a failing server measures nothing. Requests go over
 * Apache HttpClient's blocking client with pooled keep-alive connections: the driver shares the machine with the
 * server it measures, and {@code java.net.http.HttpClient} cost it about 1.7 ms of CPU per request here, several
 * times more. Closing the client closes its connections.
 */
final class DataflowClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** More than the scenarios' concurrent clients, so none waits for a connection. */
    private static final int MAX_CONNECTIONS = 256;

    private final CloseableHttpClient http = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_CONNECTIONS)
                    .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                            .setSocketTimeout(Timeout.ofSeconds(60)).build())
                    .build())
            .build();
    private final URI base;
    private final String apiKey;

    DataflowClient(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /** An execution as {@code GET /workflows/{id}/executions/{eid}} shows it; tasks are absent in lists. */
    record Execution(String executionId, String status, Instant createdAt, Instant startedAt, Instant completedAt,
            List<Task> tasks) {
    }

    record Task(String name, String status, JsonNode output, Instant startedAt, Instant completedAt) {
    }

    record Page(List<Execution> executions, String nextCursor) {
    }

    /** The server answered with a status the call does not expect. */
    static final class ApiException extends RuntimeException {
        ApiException(String message) {
            super(message);
        }
    }

    URI baseUri() {
        return base;
    }

    String apiKey() {
        return apiKey;
    }

    /** Creates a workflow from a {@code /workflows} document and returns its id. */
    String createWorkflow(JsonNode document) throws IOException, InterruptedException {
        return send("POST", "/workflows", document, 201).get("workflow_id").asString();
    }

    /** Creates a workflow from a {@code POST /api/v1/workflows} body and returns its id. */
    String createV1Workflow(JsonNode body) throws IOException {
        return send("POST", "/api/v1/workflows", body, 201).get("workflowId").asString();
    }

    /** Starts an execution with input {@code text} and returns its id. */
    String start(String workflowId, String text) throws IOException, InterruptedException {
        JsonNode body = JSON.createObjectNode().set("inputs", JSON.createObjectNode().put("text", text));
        return send("POST", "/workflows/" + workflowId + "/executions", body, 202).get("execution_id").asString();
    }

    /** A plain-text answer of the server, such as its Prometheus metrics. */
    String text(String path) throws IOException {
        ClassicHttpRequest request = ClassicRequestBuilder.get(base.resolve(path)).setHeader("X-API-Key", apiKey)
                .build();
        Answer answer = http.execute(request, response -> new Answer(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
        if (answer.status() != 200) {
            throw new ApiException("GET " + path + " answered " + answer.status());
        }
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /** Reads the caller's organization; only the answer's status is checked. */
    void organization() throws IOException, InterruptedException {
        send("GET", "/organization", null, 200);
    }

    /** The id of the key's organization, which is its account id in seed 003's {@code /accounts} API. */
    String organizationId() throws IOException {
        return send("GET", "/organization", null, 200).get("organization_id").asString();
    }

    /** Binds {@code name} to the workflow in the account ({@code PUT /accounts/{account}/workflows/{name}}). */
    void bind(String account, String name, String workflowId) throws IOException {
        JsonNode body = JSON.createObjectNode().put("class_name", "Bench").put("script_name", workflowId);
        send("PUT", accountsWorkflow(account, name), body, 200);
    }

    /**
     * Creates instances of the bound workflow with one {@code POST .../instances/batch}, whose body (a JSON array)
     * is already written; returns how many the answer lists as created.
     */
    int createInstances(String account, String name, byte[] batch) throws IOException {
        return sendBytes("POST", accountsWorkflow(account, name) + "/instances/batch", batch, 200).get("result").size();
    }

    /** How many instances of the bound workflow are in each status, by seed 003's words ({@code complete}, ...). */
    Map<String, Long> instanceCounts(String account, String name) throws IOException {
        JsonNode instances = send("GET", accountsWorkflow(account, name), null, 200).get("result")
                .get("instances");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String status : instances.propertyNames()) {
            counts.put(status, instances.get(status).asLong());
        }
        return counts;
    }

    /** The path of a bound workflow, {@code /accounts/{account}/workflows/{name}}. */
    static String accountsWorkflow(String account, String name) {
        return "/accounts/" + URLEncoder.encode(account, StandardCharsets.UTF_8) + "/workflows/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    Execution execution(String workflowId, String executionId) throws IOException, InterruptedException {
        return JSON.treeToValue(send("GET", "/workflows/" + workflowId + "/executions/" + executionId, null, 200),
                Execution.class);
    }

    /**
     * One page (newest first) of a workflow's executions.
     *
     * @param statuses comma-separated status words, or null for all
     * @param cursor the previous page's {@code next_cursor}, or null for the first page
     */
    Page executions(String workflowId, String statuses, int limit, String cursor)
            throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder("/workflows/").append(workflowId).append("/executions?limit=")
                .append(limit);
        if (statuses != null) {
            path.append("&status=").append(URLEncoder.encode(statuses, StandardCharsets.UTF_8));
        }
        if (cursor != null) {
            path.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return JSON.treeToValue(send("GET", path.toString(), null, 200), Page.class);
    }

    /** Every execution of a workflow, reading all pages. */
    List<Execution> allExecutions(String workflowId) throws IOException, InterruptedException {
        List<Execution> all = new ArrayList<>();
        String cursor = null;
        do {
            Page page = executions(workflowId, null, 100, cursor);
            all.addAll(page.executions());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /**
     * Waits until none of the workflow's executions is pending, running or paused. The probe is a one-row,
     * status-filtered list read, far cheaper for the server than reading an execution with all its tasks, so
     * waiting disturbs what is measured as little as possible. Reads start {@code firstInterval} apart and back
     * off to {@code maxInterval}: a short execution is seen promptly, a long one is not read hundreds of times.
     */
    void awaitAllFinished(String workflowId, Duration firstInterval, Duration maxInterval, Duration limit)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        long sleepMillis = Math.max(1, firstInterval.toMillis());
        while (!executions(workflowId, unfinishedWords(workflowId), 1, null).executions().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new ApiException("executions of workflow " + workflowId + " still unfinished after "
                        + limit.toSeconds() + " s");
            }
            Thread.sleep(sleepMillis);
            sleepMillis = Math.min(sleepMillis * 2, maxInterval.toMillis());
        }
    }

    /** The words of the statuses of executions that have not finished, as the server knows them. */
    private String unfinished;

    /**
     * The status filter of unfinished executions: WAITING, PAUSING and PAUSED too for a server that shows them as
     * words of their own, else the words of a server from before those (which counts them as RUNNING and PAUSED and
     * refuses the newer words with 400), so the driver measures both.
     */
    private String unfinishedWords(String workflowId) throws IOException, InterruptedException {
        if (unfinished == null) {
            try {
                executions(workflowId, UNFINISHED, 1, null);
                unfinished = UNFINISHED;
            } catch (ApiException e) {
                unfinished = UNFINISHED_BEFORE_WAITING;
            }
        }
        return unfinished;
    }

    private static final String UNFINISHED = "PENDING,RUNNING,WAITING,PAUSING,PAUSED";
    private static final String UNFINISHED_BEFORE_WAITING = "PENDING,RUNNING,PAUSED";

    @Override
    public void close() {
        http.close(CloseMode.IMMEDIATE);
    }

    private record Answer(int status, byte[] body) {
    }

    /** Sends {@code body} (null for none) as JSON; the answer must have status {@code expected}. */
    private JsonNode send(String method, String path, JsonNode body, int expected) throws IOException {
        return sendBytes(method, path, body == null ? null : JSON.writeValueAsBytes(body), expected);
    }

    /** Sends {@code body} (null for none), JSON already written; the answer must have status {@code expected}. */
    private JsonNode sendBytes(String method, String path, byte[] body, int expected) throws IOException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(base.resolve(path))
                .setHeader("X-API-Key", apiKey).setHeader("Accept", "application/json");
        if (body != null) {
            builder.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        }
        ClassicHttpRequest request = builder.build();
        Answer answer = http.execute(request, response -> new Answer(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
        if (answer.status() != expected) {
            int query = path.indexOf('?');
            throw new ApiException(method + " " + (query < 0 ? path : path.substring(0, query)) + " answered "
                    + answer.status() + " (expected " + expected + "): "
                    + abbreviate(new String(answer.body(), StandardCharsets.UTF_8)));
        }
        return JSON.readTree(answer.body());
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }
}
