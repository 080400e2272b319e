package io.dataflow.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.Engine;
import io.dataflow.engine.ExecutionService;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import io.dataflow.server.support.TestWorkflows;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks of {@code /workflows} executions, received by a real HTTP receiver: every status change arrives once,
 * in order, signed per Standard Webhooks, retried on failure with a stable id; private targets are refused.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WebhookDeliveryTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Retries come quickly, so the tests see several without waiting long. */
    private static final Map<String, String> FAST_RETRIES = Map.of("DATAFLOW_WEBHOOK_RETRY_BASE_MS", "20");

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    @Test
    void organizationShowsItsSigningSecret() {
        Api.Response response = api().get("/organization");

        assertThat(response.status()).isEqualTo(200);
        JsonNode org = response.body();
        assertThat(org.get("organization_id").asString()).startsWith("org");
        assertThat(org.get("name").asString()).isNotBlank();
        assertThat(Instant.parse(org.get("created_at").asString())).isBefore(Instant.now().plusSeconds(1));
        String secret = org.get("webhook_signing_secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        assertThat(api().withKey(null).get("/organization").status()).isEqualTo(401);
    }

    @Test
    void receiverGetsEveryStatusChangeInOrderSigned() {
        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            String workflowId = api().createWorkflow(TestWorkflows.dummy());
            String executionId = start000(api(), workflowId, receiver.url());
            JsonNode execution = api().awaitFinished(workflowId, executionId);

            List<WebhookReceiver.Request> events = receiver.awaitDelivered(9, WAIT);

            assertThat(receiver.requests()).hasSize(9);
            assertThat(kinds(events)).containsExactlyElementsOf(expectedKinds(execution));
            String secret = signingSecret(api());
            for (WebhookReceiver.Request event : events) {
                assertSigned(event, secret);
                assertThat(event.contentType()).isEqualTo("application/json");
                assertThat(event.userAgent()).isEqualTo("DataFlowPlatform-Webhooks/1");
                JsonNode body = event.json();
                assertThat(Instant.parse(body.get("timestamp").asString())).isNotNull();
                JsonNode data = body.get("data");
                assertThat(data.get("execution_id").asString()).isEqualTo(executionId);
                assertThat(data.get("workflow_execution_id").asString()).isEqualTo(executionId);
                assertThat(data.get("workflow_id").asString()).isEqualTo(workflowId);
                assertThat(data.get("workflow_version").asInt()).isEqualTo(1);
            }
            assertThat(events.stream().map(WebhookReceiver.Request::id).distinct()).hasSize(9);

            JsonNode tasks = execution.get("tasks");
            for (int i = 0; i < 3; i++) {
                JsonNode running = events.get(2 + 2 * i).json().get("data").get("task");
                JsonNode completed = events.get(3 + 2 * i).json().get("data").get("task");
                for (JsonNode task : List.of(running, completed)) {
                    assertThat(task.get("task_id").asString()).isEqualTo(tasks.get(i).get("task_id").asString());
                    assertThat(task.get("type").asString()).isEqualTo(tasks.get(i).get("type").asString());
                    assertThat(task.get("attempt").asInt()).isEqualTo(1);
                }
                assertThat(completed.get("output")).isEqualTo(tasks.get(i).get("output"));
                assertThat(completed.get("error").isNull()).isTrue();
            }
            JsonNode last = events.get(8).json();
            assertThat(last.get("type").asString()).isEqualTo("execution.status_changed");
            assertThat(last.get("data").get("outputs").get("text").asString()).isEqualTo("!dlrow ,olleH");
            assertThat(last.get("data").get("error").isNull()).isTrue();
        }
    }

    @Test
    void failingReceiverStillGetsEveryEventOnceInOrder() {
        try (TestServer server = TestServer.start(database, FAST_RETRIES);
                WebhookReceiver firstFails = WebhookReceiver.failingFirst(3);
                WebhookReceiver eachFailsOnce = WebhookReceiver.failingFirstAttemptOfEachEvent()) {
            Api api = server.api();
            String secret = signingSecret(api);
            String workflowId = api.createWorkflow(TestWorkflows.dummy());
            String first = start000(api, workflowId, firstFails.url());
            String second = start000(api, workflowId, eachFailsOnce.url());
            JsonNode firstExecution = api.awaitFinished(workflowId, first);
            JsonNode secondExecution = api.awaitFinished(workflowId, second);

            // The first event is tried until it succeeds; the others wait behind it.
            List<WebhookReceiver.Request> delivered = firstFails.awaitDelivered(9, WAIT);
            assertThat(kinds(delivered)).containsExactlyElementsOf(expectedKinds(firstExecution));
            assertThat(delivered.stream().map(WebhookReceiver.Request::id).distinct()).hasSize(9);
            List<WebhookReceiver.Request> all = firstFails.requests();
            assertThat(all).hasSize(12);
            for (int i = 0; i < 4; i++) {
                assertThat(all.get(i).id()).isEqualTo(delivered.getFirst().id());
                assertThat(all.get(i).body()).isEqualTo(delivered.getFirst().body());
                assertThat(all.get(i).answered()).isEqualTo(i < 3 ? 500 : 200);
            }
            all.forEach(request -> assertSigned(request, secret));

            // Every event fails once, then succeeds under the same id, before the next one is sent.
            List<WebhookReceiver.Request> each = eachFailsOnce.awaitDelivered(9, WAIT);
            assertThat(kinds(each)).containsExactlyElementsOf(expectedKinds(secondExecution));
            List<WebhookReceiver.Request> pairs = eachFailsOnce.requests();
            assertThat(pairs).hasSize(18);
            for (int i = 0; i < 9; i++) {
                assertThat(pairs.get(2 * i).answered()).isEqualTo(500);
                assertThat(pairs.get(2 * i + 1).answered()).isEqualTo(200);
                assertThat(pairs.get(2 * i).id()).isEqualTo(pairs.get(2 * i + 1).id()).isEqualTo(each.get(i).id());
            }
            assertThat(each.stream().map(WebhookReceiver.Request::id).distinct()).hasSize(9);
            pairs.forEach(request -> assertSigned(request, secret));
        }
    }

    @Test
    void seed001MonitoringWebhookGetsTheUpdates() {
        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            String workflowId = api().createWorkflow("""
                    {
                      "title": "Shout %s",
                      "inputs": [ { "name": "text", "type": "text" } ],
                      "tasks": [
                        { "name": "shout", "type": "TextOperation.Uppercase", "inputs": { "text": "{{inputs.text}}" } }
                      ],
                      "outputs": [ { "name": "loud", "type": "text", "value": "{{tasks.shout.outputs.text}}" } ]
                    }""".formatted(UUID.randomUUID()));
            Api.Response started = api().post("/workflows/" + workflowId + "/executions",
                    "{\"inputs\": {\"text\": \"hi\"}, \"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}");
            assertThat(started.status()).isEqualTo(202);
            String executionId = started.body().get("workflow_execution_id").asString();
            JsonNode execution = api().awaitFinished(workflowId, executionId);

            List<WebhookReceiver.Request> events = receiver.awaitDelivered(5, WAIT);

            assertThat(kinds(events)).containsExactly("execution PENDING", "execution RUNNING", "task shout RUNNING",
                    "task shout COMPLETED", "execution COMPLETED");
            assertThat(kinds(events)).containsExactlyElementsOf(expectedKinds(execution));
            String secret = signingSecret(api());
            events.forEach(event -> assertSigned(event, secret));
            JsonNode data = events.get(4).json().get("data");
            assertThat(data.get("workflow_execution_id").asString()).isEqualTo(executionId);
            assertThat(data.get("outputs").get("loud").asString()).isEqualTo("HI");
            assertThat(events.get(3).json().get("data").get("task").get("output").get("text").asString())
                    .isEqualTo("HI");
        }
    }

    @Test
    void waitingPausingPausedAndTerminatedAreWebhookEventsToo() {
        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            String workflowId = api().createWorkflow("""
                    {
                      "title": "Steered %s",
                      "tasks": [
                        { "name": "wait", "type": "wait_for_event", "inputs": { "event_type": "go" } },
                        { "name": "after", "type": "TextOperation.Uppercase",
                          "inputs": { "text": "{{ tasks.wait.outputs.type }}" } }
                      ]
                    }""".formatted(UUID.randomUUID()));
            Api.Response started = api().post("/workflows/" + workflowId + "/executions",
                    "{\"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}");
            String executionId = started.body().get("workflow_execution_id").asString();
            String path = "/workflows/" + workflowId + "/executions/" + executionId;
            api().awaitExecution(workflowId, executionId, WAIT, e -> e.get("status").asString().equals("WAITING"));
            assertThat(api().post(path + "/pause", null).status()).isEqualTo(200);
            assertThat(api().post(path + "/resume", null).status()).isEqualTo(200);
            assertThat(api().post(path + "/terminate", null).status()).isEqualTo(200);

            List<WebhookReceiver.Request> events = receiver.awaitDelivered(10, WAIT);

            assertThat(kinds(events)).containsExactly("execution PENDING", "execution RUNNING", "task wait RUNNING",
                    "task wait WAITING", "execution WAITING", "execution PAUSED", "execution WAITING",
                    "task wait CANCELLED", "task after CANCELLED", "execution TERMINATED");
        }
    }

    @Test
    void privateTargetsAreRefusedWhenNotAllowed() {
        try (TestServer server = TestServer.start(database, Map.of("DATAFLOW_ALLOW_PRIVATE_NETWORKS", "false"));
                WebhookReceiver receiver = WebhookReceiver.answering200()) {
            Api api = server.api();
            String workflowId = api.createWorkflow(TestWorkflows.dummy());

            Api.Response execute = api.post("/workflows/" + workflowId + "/execute",
                    "{\"webhook_url\": \"" + receiver.url() + "\"}");
            assertThat(execute.status()).isEqualTo(400);
            assertThat(execute.body().get("errors").get(0).get("pointer").asString()).isEqualTo("#/webhook_url");
            assertThat(execute.body().get("errors").get(0).get("detail").asString())
                    .contains("DATAFLOW_ALLOW_PRIVATE_NETWORKS");
            Api.Response executions = api.post("/workflows/" + workflowId + "/executions",
                    "{\"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}");
            assertThat(executions.status()).isEqualTo(400);
            assertThat(executions.body().get("errors").get(0).get("pointer").asString())
                    .isEqualTo("#/monitoring/webhook");
            assertThat(api.get("/workflows/" + workflowId + "/executions").body().get("executions")).isEmpty();

            // A URL that got past the request check (its name resolved elsewhere then) is checked again when sent.
            Engine engine = server.engine();
            String organizationId = api.get("/organization").body().get("organization_id").asString();
            String executionId = engine.executions().start(organizationId, workflowId,
                    new ExecutionService.StartRequest(null, receiver.url(), "api.dataflow")).orElseThrow().id();
            String error = awaitFirstAttemptError(engine, executionId);
            assertThat(error).contains("refused").contains("DATAFLOW_ALLOW_PRIVATE_NETWORKS");
            assertThat(receiver.requests()).isEmpty();
        }
    }

    private static String start000(Api api, String workflowId, String webhook) {
        Api.Response started = api.post("/workflows/" + workflowId + "/execute",
                "{\"webhook_url\": \"" + webhook + "\"}");
        assertThat(started.status()).isEqualTo(202);
        return started.body().get("execution_id").asString();
    }

    private static String signingSecret(Api api) {
        return api.get("/organization").body().get("webhook_signing_secret").asString();
    }

    /** Each event as "execution STATUS" or "task NAME STATUS". */
    private static List<String> kinds(List<WebhookReceiver.Request> events) {
        return events.stream().map(e -> {
            JsonNode body = e.json();
            JsonNode data = body.get("data");
            return switch (body.get("type").asString()) {
                case "execution.status_changed" -> "execution " + data.get("status").asString();
                case "task.status_changed" -> "task " + data.get("task").get("name").asString() + " "
                        + data.get("task").get("status").asString();
                default -> "unknown " + body;
            };
        }).toList();
    }

    /** What a finished, successful execution's receiver should have seen, from the execution as the API shows it. */
    private static List<String> expectedKinds(JsonNode execution) {
        List<String> kinds = new ArrayList<>(List.of("execution PENDING", "execution RUNNING"));
        for (JsonNode task : execution.get("tasks")) {
            kinds.add("task " + task.get("name").asString() + " RUNNING");
            kinds.add("task " + task.get("name").asString() + " COMPLETED");
        }
        kinds.add("execution COMPLETED");
        return kinds;
    }

    /** Verifies a request as a Standard Webhooks receiver would, with nothing of the server's code. */
    private static void assertSigned(WebhookReceiver.Request request, String secret) {
        assertThat(request.id()).isNotBlank();
        long timestamp = Long.parseLong(request.timestamp());
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        String expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                    (request.id() + "." + request.timestamp() + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        assertThat(Arrays.asList(request.signature().split(" "))).contains(expected);
    }

    private static String awaitFirstAttemptError(Engine engine, String executionId) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            List<String> errors = engine.database().read(sql -> sql.query("SELECT a.error FROM webhook_attempts a"
                    + " JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.execution_id = ?"
                    + " ORDER BY d.sequence, a.attempt", r -> r.string("error"), executionId));
            if (!errors.isEmpty()) {
                return errors.getFirst();
            }
            WebhookReceiver.pause();
        }
        throw new AssertionError("no delivery attempt was recorded for execution " + executionId + " within " + WAIT);
    }
}
