package io.dataflow.server.limits;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.store.OrganizationUsage;
import io.dataflow.engine.testing.FakeOpenAi;
import io.dataflow.engine.testing.LocalHttpServer;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The per-organization quotas: unfinished executions ({@code DATAFLOW_LIMIT_UNFINISHED_EXECUTIONS}), undelivered
 * webhook events ({@code DATAFLOW_LIMIT_PENDING_EVENTS}), files and their bytes ({@code DATAFLOW_LIMIT_FILES},
 * {@code DATAFLOW_LIMIT_FILE_BYTES}). Over one, a request is 429 with a problem naming the limit and stores nothing;
 * a task whose file would pass the bytes quota fails saying so. Each test has organizations of its own, which other
 * organizations' quotas never touch. A server of its own, with small quotas and no start rate limit.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class OrganizationQuotaTests {

    private static final int MAX_UNFINISHED = 2;
    private static final int MAX_PENDING_EVENTS = 2;
    private static final int MAX_FILES = 3;
    private static final int MAX_FILE_BYTES = 1000;
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static TestServer server;

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase database) {
        server = TestServer.start(database, Map.of(
                "DATAFLOW_LIMIT_STARTS_PER_SECOND", "0",
                "DATAFLOW_LIMIT_UNFINISHED_EXECUTIONS", Integer.toString(MAX_UNFINISHED),
                "DATAFLOW_LIMIT_PENDING_EVENTS", Integer.toString(MAX_PENDING_EVENTS),
                "DATAFLOW_LIMIT_FILES", Integer.toString(MAX_FILES),
                "DATAFLOW_LIMIT_FILE_BYTES", Integer.toString(MAX_FILE_BYTES),
                // A failed webhook attempt waits a minute before the next: undelivered events stay undelivered.
                "DATAFLOW_WEBHOOK_RETRY_BASE_MS", "60000"));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    private static Api newOrganization(String name) {
        return server.newOrganization(name + " " + UUID.randomUUID());
    }

    private static OrganizationUsage usage() {
        return new OrganizationUsage(server.engine().database());
    }

    private static String organizationId(Api api) {
        return server.engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
    }

    // --- unfinished executions

    /** A workflow whose one task waits for an answer that {@code receiver} gives only when it closes. */
    private static String waitingWorkflow(Api api, LocalHttpServer receiver) {
        return api.createWorkflow("""
                {"title": "Waits", "inputs": [], "outputs": [],
                 "tasks": [{"name": "wait", "type": "http.request", "timeout_seconds": 120,
                            "inputs": {"url": "%s", "timeout_ms": 120000}}]}""".formatted(receiver.url("/slow")));
    }

    @Test
    void startsBeyondTheUnfinishedExecutionsCapAre429UntilOneFinishes() {
        Api tenant = newOrganization("busy");
        try (LocalHttpServer receiver = new LocalHttpServer()) {
            receiver.hang("/slow");
            String workflowId = waitingWorkflow(tenant, receiver);
            String executions = "/workflows/" + workflowId + "/executions";
            List<String> running = List.of(tenant.startExecution(workflowId, "{}"),
                    tenant.startExecution(workflowId, "{}"));

            Api.Response refused = tenant.post(executions, "{}");

            JsonNode problem = assertProblem(refused, 429);
            assertThat(problem.get("limit").asString()).isEqualTo("DATAFLOW_LIMIT_UNFINISHED_EXECUTIONS");
            assertThat(problem.get("detail").asString()).contains("(2, DATAFLOW_LIMIT_UNFINISHED_EXECUTIONS)");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(tenant.listAll(executions, "executions", 100)).hasSize(MAX_UNFINISHED);

            Api other = newOrganization("other");
            String otherWorkflow = waitingWorkflow(other, receiver);
            assertThat(other.post("/workflows/" + otherWorkflow + "/executions", "{}").status()).isEqualTo(202);

            // Once one has finished, the organization may start another.
            Api.Response cancelled = tenant.post(executions + "/" + running.getFirst() + "/cancel", null);
            assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
            Api.Response accepted = eventually(() -> tenant.post(executions, "{}"), r -> r.status() != 429);
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        }
    }

    @Test
    void aBatchThatWouldPassTheUnfinishedExecutionsCapIsRefusedWhole() {
        Api tenant = newOrganization("batch");
        try (LocalHttpServer receiver = new LocalHttpServer()) {
            receiver.hang("/slow");
            String workflowId = waitingWorkflow(tenant, receiver);
            String account = server.engine().apiKeys().authenticate(tenant.key()).orElseThrow().organizationId();
            String base = "/accounts/" + account + "/workflows/busy";
            assertThat(tenant.put(base, "{\"class_name\": \"Busy\", \"script_name\": \"" + workflowId + "\"}")
                    .status()).isEqualTo(200);
            assertThat(tenant.post(base + "/instances", "{}").status()).isEqualTo(200);

            // One more fits under the cap of two; a batch of two does not, and starts neither.
            Api.Response refused = tenant.post(base + "/instances/batch", "[{\"params\": {}}, {\"params\": {}}]");

            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.body().get("errors").get(0).get("message").asString())
                    .contains("this batch of 2").contains("DATAFLOW_LIMIT_UNFINISHED_EXECUTIONS");
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            Api.Response listed = tenant.get(base + "/instances");
            assertThat(listed.body().get("result_info").get("total_count").asLong()).isEqualTo(1);
            Api.Response one = tenant.post(base + "/instances/batch", "[{\"params\": {}}]");
            assertThat(one.status()).as(one.text()).isEqualTo(200);
        }
    }

    // --- undelivered events

    /** A webhook URL on this machine where nothing listens: every delivery fails and is retried much later. */
    private static String deadWebhook() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void startsWithAWebhookAre429WhileTheOrganizationHasTooManyUndeliveredEvents() {
        Api tenant = newOrganization("backlog");
        String tenantId = organizationId(tenant);
        String workflowId = tenant.createWorkflow("""
                {"name": "Quick", "steps": [{"type": "StaticTextInput", "input": "hi"}, {"type": "Echo"}]}""");
        String executions = "/workflows/" + workflowId + "/executions";
        String withWebhook = "{\"monitoring\": {\"webhook\": \"" + deadWebhook() + "\"}}";
        tenant.awaitFinished(workflowId, tenant.startExecution(workflowId, withWebhook));
        assertThat(usage().pendingWebhookEvents(tenantId)).isGreaterThanOrEqualTo(MAX_PENDING_EVENTS);

        // The server counts undelivered events at most once a second: until then it may accept a few more.
        Api.Response refused = eventually(() -> tenant.post(executions, withWebhook), r -> r.status() == 429);
        int stored = tenant.listAll(executions, "executions", 100).size();
        Api.Response refusedAgain = tenant.post(executions, withWebhook);

        JsonNode problem = assertProblem(refused, 429);
        assertThat(problem.get("limit").asString()).isEqualTo("DATAFLOW_LIMIT_PENDING_EVENTS");
        assertThat(problem.get("detail").asString()).contains("not yet delivered").contains("limit of 2");
        assertThat(refused.header("Retry-After")).isEqualTo("10");
        assertProblem(refusedAgain, 429);
        assertThat(tenant.listAll(executions, "executions", 100)).hasSize(stored);
        // Starts without a webhook add no events, and another organization's backlog is its own.
        assertThat(tenant.post(executions, "{}").status()).isEqualTo(202);
        Api other = newOrganization("other");
        String otherWorkflow = other.createWorkflow("""
                {"name": "Quick", "steps": [{"type": "StaticTextInput", "input": "hi"}, {"type": "Echo"}]}""");
        assertThat(other.post("/workflows/" + otherWorkflow + "/executions", withWebhook).status()).isEqualTo(202);
    }

    // --- files

    private static Api.Response upload(Api api, int bytes) {
        return api.send(api.request("/files?name=f.bin").POST(HttpRequest.BodyPublishers.ofByteArray(
                new byte[bytes])));
    }

    private static Api.Response uploadMultipart(Api api, int bytes) {
        String boundary = "boundary" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[bytes]);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.request("/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A quota refusal: 429 naming the limit, and no Retry-After, since waiting frees no storage. */
    private static void assertQuotaRefusal(Api.Response response, String limit) {
        JsonNode problem = assertProblem(response, 429);
        assertThat(problem.get("limit").asString()).isEqualTo(limit);
        assertThat(problem.get("detail").asString()).contains(limit).contains("Waiting does not help");
        assertThat(response.header("Retry-After")).isNull();
    }

    @Test
    void uploadsBeyondTheFilesCapAre429AndStoreNothing() {
        Api tenant = newOrganization("files");
        for (int i = 0; i < MAX_FILES; i++) {
            assertThat(upload(tenant, 10).status()).isEqualTo(201);
        }

        Api.Response raw = upload(tenant, 10);
        Api.Response form = uploadMultipart(tenant, 10);

        assertQuotaRefusal(raw, "DATAFLOW_LIMIT_FILES");
        assertQuotaRefusal(form, "DATAFLOW_LIMIT_FILES");
        assertThat(usage().files(organizationId(tenant))).isEqualTo(new OrganizationUsage.Files(MAX_FILES,
                MAX_FILES * 10));
        assertThat(upload(newOrganization("other"), 10).status()).isEqualTo(201);
    }

    @Test
    void uploadsBeyondTheBytesCapAre429AndStoreNothingWhileOneThatFitsIsStored() {
        Api tenant = newOrganization("bytes");
        assertThat(upload(tenant, 600).status()).isEqualTo(201);

        // The raw body declares its length and is refused before it is read; the multipart one is refused by the
        // store once the file's size is known.
        Api.Response raw = upload(tenant, 401);
        Api.Response form = uploadMultipart(tenant, 401);

        assertQuotaRefusal(raw, "DATAFLOW_LIMIT_FILE_BYTES");
        assertQuotaRefusal(form, "DATAFLOW_LIMIT_FILE_BYTES");
        assertThat(form.body().get("detail").asString()).contains("1001 bytes, over its limit of 1000 bytes");
        assertThat(usage().files(organizationId(tenant))).isEqualTo(new OrganizationUsage.Files(1, 600));
        Api.Response fits = uploadMultipart(tenant, 400);
        assertThat(fits.status()).as(fits.text()).isEqualTo(201);
    }

    @Test
    void aTaskWhoseFileWouldPassTheBytesCapFailsSayingSoAndStoresNothing() throws IOException {
        Api tenant = newOrganization("speech");
        try (FakeOpenAi openAi = new FakeOpenAi()) {
            openAi.on("audio/speech", FakeOpenAi.chunked("audio/mpeg", List.of(new byte[700], new byte[700])));
            tenant.createCredential("openai", Json.object().put("api_key", "sk-test").put("base_url",
                    openAi.baseUrl()).toString());
            String workflowId = tenant.createWorkflow("""
                    {"title": "Speak", "inputs": [], "outputs": [],
                     "tasks": [{"name": "speak", "type": "openai.audio.tts",
                                "inputs": {"text": "Hello", "voice": "alloy"}}]}""");

            JsonNode execution = tenant.awaitFinished(workflowId, tenant.startExecution(workflowId, "{}"));

            assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("FAILED");
            assertThat(execution.get("error").toString()).contains("file 'speak.mp3' (1400 bytes)")
                    .contains("over its limit of 1000 bytes");
            assertThat(usage().files(organizationId(tenant))).isEqualTo(new OrganizationUsage.Files(0, 0));
        }
    }

    /** Sends requests until one answers as {@code done} says, pausing a little between them, or fails. */
    private static Api.Response eventually(Supplier<Api.Response> request,
            java.util.function.Predicate<Api.Response> done) {
        Instant deadline = Instant.now().plus(DEADLINE);
        Api.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = request.get();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no answer as expected within " + DEADLINE + "; last: " + last.status() + " "
                + last.text());
    }
}
