package io.dataflow.server.webhook;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import io.dataflow.engine.testing.LocalHttpServer;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Who may use a credential ({@code usableBy}) and whether templates may read it ({@code templates}), applied to the
 * key that started the execution: the reproduction by a member key, the same workflow run by the admin, a
 * task type's own credential input for the whole organization, and rules changed between runs and during one.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class CredentialUseTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The reproduction: the secret reversed, and base64-encoded. */
    private static final String REPRODUCTION = """
            {
              "title": "Reads a secret back",
              "tasks": [
                { "name": "reverse", "type": "json.transform",
                  "inputs": { "data": "{{ secrets.team.api_key }}", "expression": "$join($reverse($split($, \\"\\")), \\"\\")" } },
                { "name": "encode", "type": "json.transform",
                  "inputs": { "data": "{{ secrets.team.api_key }}", "expression": "$base64encode($)" } }
              ],
              "outputs": [
                { "name": "reversed", "type": "any", "value": "{{ tasks.reverse.outputs.result }}" },
                { "name": "encoded", "type": "any", "value": "{{ tasks.encode.outputs.result }}" }
              ]
            }""";

    @Parameter
    TestDatabase database;

    /** Characters that URL encoders, JSON and base64 all write differently. */
    private final String secret = "p@ss/w+rd=" + UUID.randomUUID().toString().replace("-", "");
    private final LocalHttpServer web = new LocalHttpServer();

    @AfterEach
    void closeWeb() {
        web.close();
    }

    private TestServer server() {
        return TestServer.shared(database);
    }

    /** A new organization, with its admin key. */
    private Api admin() {
        return server().newOrganization("credential use " + UUID.randomUUID());
    }

    /** A key of the admin's organization without the admin scope. */
    private Api member(Api admin) {
        return server().keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
    }

    private void createCredential(Api admin, String name, String rules, String valueJson) {
        Api.Response response = admin.post("/api/v1/credentials", "{\"name\": \"" + name + "\"" + rules
                + ", \"value\": " + valueJson + "}");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
    }

    private void replaceCredential(Api admin, String name, String rules, String valueJson) {
        Api.Response response = admin.put("/api/v1/credentials/" + name, "{\"value\": " + valueJson + rules + "}");
        assertThat(response.status()).as(response.text()).isEqualTo(200);
    }

    private String teamValue() {
        return Json.object().put("api_key", secret).toString();
    }

    @Test
    void aMemberKeyCannotReadAnAdminsCredentialBack() {
        Api admin = admin();
        Api member = member(admin);
        createCredential(admin, "team", "", teamValue());
        String workflowId = member.createWorkflow(REPRODUCTION);

        JsonNode problem = assertProblem(member.post("/workflows/" + workflowId + "/executions", "{}"), 403);

        assertThat(problem.get("detail").asString()).isEqualTo("credential 'team' may be used only by executions"
                + " started with an admin key, and this one was started by a key without the admin scope");
        assertThat(member.get("/workflows/" + workflowId + "/executions").body().get("executions")).isEmpty();
        assertThat(problem.toString()).doesNotContain(secret);

        // The same start through /api/v1 is refused alike, in that dialect's shape.
        JsonNode v1 = assertProblem(member.post("/api/v1/workflows/" + workflowId + "/execute", "{}"), 403);
        assertThat(v1.get("detail").asString()).isEqualTo(problem.get("detail").asString());
        assertThat(member.get("/api/v1/workflows/" + workflowId + "/executions").body().get("count").asInt())
                .isZero();
    }

    @Test
    void theAdminReadsItThroughTemplatesOnlyWhileTemplatesAreAllowed() {
        Api admin = admin();
        createCredential(admin, "team", "", teamValue());
        String workflowId = admin.createWorkflow(REPRODUCTION);

        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            JsonNode done = admin.awaitFinished(workflowId, admin.startExecution(workflowId,
                    "{\"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}"));

            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
            // Allowed to template it, the admin can transform it past redaction: that is what templates allow.
            assertThat(done.get("outputs").get("reversed").asString()).isEqualTo(reversed(secret));
            // Its base64 is recognized, as is the value itself.
            assertThat(done.get("outputs").get("encoded").asString()).isEqualTo("[redacted]");
            List<String> seen = new ArrayList<>(awaitFinalEvent(receiver));
            seen.add(done.toString());
            assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(secret, base64(secret)));
        }

        replaceCredential(admin, "team", ", \"templates\": false", teamValue());
        JsonNode problem = assertProblem(admin.post("/workflows/" + workflowId + "/executions", "{}"), 403);
        assertThat(problem.get("detail").asString()).isEqualTo("credential 'team' may not be read by {{ secrets }}"
                + " templates; only a task type's own credential input may use it");
    }

    @Test
    void rulesChangedWhileAnExecutionWaitsAreAppliedWhenItsTaskRuns() throws Exception {
        Api admin = admin();
        Api member = member(admin);
        createCredential(admin, "team", ", \"usableBy\": \"organization\", \"templates\": true", teamValue());
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        web.handle("/hold", exchange -> {
            arrived.countDown();
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LocalHttpServer.send(exchange, 200, "text/plain", "");
        });
        String workflowId = member.createWorkflow("""
                {
                  "title": "Waits, then reads a secret back",
                  "tasks": [
                    { "name": "hold", "type": "http.request", "inputs": { "url": "%s" } },
                    { "name": "reverse", "type": "json.transform",
                      "inputs": { "data": "{{ tasks.hold.outputs.text & secrets.team.api_key }}",
                                  "expression": "$join($reverse($split($, \\"\\")), \\"\\")" } }
                  ],
                  "outputs": [ { "name": "reversed", "type": "any", "value": "{{ tasks.reverse.outputs.result }}" } ]
                }""".formatted(web.url("/hold")));

        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            String executionId = member.startExecution(workflowId,
                    "{\"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}");
            assertThat(arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            replaceCredential(admin, "team", "", teamValue()); // admins only again
            release.countDown();
            JsonNode done = member.awaitFinished(workflowId, executionId);

            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("FAILED");
            JsonNode reverse = task(done, "reverse");
            assertThat(reverse.get("status").asString()).isEqualTo("FAILED");
            assertThat(reverse.get("attempts").asInt()).isEqualTo(1);
            assertThat(done.toString()).contains("credential 'team' may be used only by executions started with an"
                    + " admin key");
            List<String> seen = new ArrayList<>(awaitFinalEvent(receiver));
            seen.add(done.toString());
            seen.add(member.get("/workflows/" + workflowId + "/executions").text());
            assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(secret, reversed(secret),
                    base64(secret)));
        }
    }

    @Test
    void anOrganizationCredentialServesMembersThroughATasksOwnCredentialInput() throws IOException {
        try (FakeOpenAi openAi = new FakeOpenAi()) {
            openAi.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("A short summary.")));
            Api admin = admin();
            Api member = member(admin);
            String value = Json.object().put("api_key", secret).put("base_url", openAi.baseUrl()).toString();
            // Closed to templates: a task type's own credential input does not need them.
            createCredential(admin, "team-ai", ", \"templates\": false", value);
            String workflowId = member.createWorkflow("""
                    {
                      "title": "Summarizes",
                      "tasks": [ { "name": "summarize", "type": "ai.summarize",
                                   "inputs": { "text": "A long text.", "credential": "team-ai" } } ],
                      "outputs": [ { "name": "summary", "type": "text",
                                     "value": "{{ tasks.summarize.outputs.summary }}" } ]
                    }""");

            JsonNode adminsOnly = member.awaitFinished(workflowId, member.startExecution(workflowId, "{}"));
            replaceCredential(admin, "team-ai", ", \"usableBy\": \"organization\"", value);
            JsonNode organization = member.awaitFinished(workflowId, member.startExecution(workflowId, "{}"));
            replaceCredential(admin, "team-ai", ", \"usableBy\": \"admins\"", value);
            JsonNode adminsAgain = member.awaitFinished(workflowId, member.startExecution(workflowId, "{}"));

            for (JsonNode refused : List.of(adminsOnly, adminsAgain)) {
                assertThat(refused.get("status").asString()).as(refused.toString()).isEqualTo("FAILED");
                assertThat(task(refused, "summarize").get("attempts").asInt()).isEqualTo(1);
                assertThat(refused.toString()).contains("credential 'team-ai' may be used only by executions started"
                        + " with an admin key");
            }
            assertThat(organization.get("status").asString()).as(organization.toString()).isEqualTo("COMPLETED");
            assertThat(organization.get("outputs").get("summary").asString()).isEqualTo("A short summary.");
            // Only the run the rules allowed reached the provider, with the key.
            assertThat(openAi.onlyRequest().header("Authorization")).isEqualTo("Bearer " + secret);
            assertThat(List.of(adminsOnly, organization, adminsAgain))
                    .allSatisfy(run -> assertThat(run.toString()).doesNotContain(secret));
        }
    }

    @Test
    void aSecretSentInAQueryIsRedactedFromTheOutputAndTheWebhooks() {
        Api admin = admin();
        createCredential(admin, "team", "", teamValue());
        web.handle("/echo", exchange -> LocalHttpServer.send(exchange, 200, "text/plain",
                exchange.getRequestURI().getRawQuery()));
        String workflowId = admin.createWorkflow("""
                {
                  "title": "Sends a secret in a query",
                  "tasks": [ { "name": "call", "type": "http.request",
                               "inputs": { "url": "%s", "query": { "key": "{{ secrets.team.api_key }}" } } } ],
                  "outputs": [ { "name": "echo", "type": "text", "value": "{{ tasks.call.outputs.text }}" } ]
                }""".formatted(web.url("/echo")));

        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            JsonNode done = admin.awaitFinished(workflowId, admin.startExecution(workflowId,
                    "{\"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}"));

            String sent = URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");
            assertThat(web.last().uri()).endsWith("?key=" + sent);
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.get("outputs").get("echo").asString()).isEqualTo("key=[redacted]");
            List<String> seen = new ArrayList<>(awaitFinalEvent(receiver));
            assertThat(String.join("\n", seen)).contains("key=[redacted]");
            seen.add(done.toString());
            assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(secret, sent));
        }
    }

    /** The bodies delivered once the execution's last event (its COMPLETED or FAILED) has arrived. */
    private static List<String> awaitFinalEvent(WebhookReceiver receiver) {
        Instant deadline = Instant.now().plus(WAIT);
        while (receiver.delivered().stream().map(WebhookReceiver.Request::json).noneMatch(event ->
                event.path("type").asString().equals("execution.status_changed")
                        && Set.of("COMPLETED", "FAILED").contains(event.path("data").path("status").asString()))) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no final event within " + WAIT + "; requests: " + receiver.requests());
            }
            WebhookReceiver.pause();
        }
        return receiver.delivered().stream().map(WebhookReceiver.Request::body).toList();
    }

    private static JsonNode task(JsonNode execution, String name) {
        for (JsonNode task : execution.get("tasks")) {
            if (task.get("name").asString().equals(name)) {
                return task;
            }
        }
        throw new AssertionError("no task " + name + " in " + execution);
    }

    private static String reversed(String text) {
        return new StringBuilder(text).reverse().toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
