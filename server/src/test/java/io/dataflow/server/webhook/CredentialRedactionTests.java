package io.dataflow.server.webhook;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.detailAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code {{ secrets.<name>.<field> }}} in task inputs: the task gets the real value, and the value appears in no
 * answer of the API and no webhook, where it is {@code [redacted]}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CredentialRedactionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameter
    TestDatabase database;

    private Api organization() {
        return TestServer.shared(database).newOrganization("secrets " + UUID.randomUUID());
    }

    @Test
    void tasksUseTheSecretWhileNoAnswerOrWebhookShowsIt() {
        String secret = "sk-" + UUID.randomUUID().toString().replace("-", "");
        Api api = organization();
        assertThat(api.post("/api/v1/credentials", """
                {"name": "openai", "value": {"api_key": "%s"}}""".formatted(secret)).status()).isEqualTo(201);
        String workflowId = api.createWorkflow("""
                {
                  "title": "Uses a secret",
                  "tasks": [
                    { "name": "use", "type": "TextOperation.Concat",
                      "inputs": { "text": "{{ secrets.openai.api_key }}", "with": "-tail" } },
                    { "name": "measure", "type": "TextOperation.Length",
                      "inputs": { "text": "{{ secrets.openai.api_key }}-tail" } },
                    { "name": "after", "type": "TextOperation.Length",
                      "inputs": { "text": "{{ tasks.use.outputs.text }}" } }
                  ],
                  "outputs": [
                    { "name": "joined", "type": "text", "value": "{{ tasks.use.outputs.text }}" },
                    { "name": "length", "type": "integer", "value": "{{ tasks.measure.outputs.length }}" }
                  ]
                }""");

        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            String executionId = api.startExecution(workflowId,
                    "{\"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}");
            JsonNode execution = api.awaitFinished(workflowId, executionId);
            List<WebhookReceiver.Request> events = receiver.awaitDelivered(9, WAIT);

            assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
            // The task had the real value: the secret and "-tail".
            assertThat(execution.get("outputs").get("length").asInt()).isEqualTo(secret.length() + 5);
            // What it returned was redacted before its successor read it.
            assertThat(execution.get("outputs").get("joined").asString()).isEqualTo("[redacted]-tail");

            List<String> seen = new ArrayList<>();
            seen.add(execution.toString());
            seen.add(api.get("/workflows/" + workflowId + "/executions/" + executionId).text());
            seen.add(api.get("/workflows/" + workflowId + "/executions").text());
            seen.add(api.get("/workflows/" + workflowId).text());
            events.forEach(event -> seen.add(event.body()));
            assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(secret));
            assertThat(String.join("\n", seen)).contains("[redacted]");
        }
    }

    @Test
    void aMissingCredentialFailsTheTaskNamingIt() {
        Api api = organization();
        String workflowId = api.createWorkflow("""
                {
                  "title": "Needs a secret",
                  "tasks": [ { "name": "use", "type": "TextOperation.Uppercase",
                               "inputs": { "text": "{{ secrets.nowhere.api_key }}" } } ]
                }""");

        JsonNode execution = api.awaitFinished(workflowId, api.startExecution(workflowId, "{}"));

        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.toString()).contains("no credential named 'nowhere'");
    }

    @Test
    void workflowOutputsCannotReadSecrets() {
        Api.Response response = organization().post("/workflows", """
                {
                  "title": "Leaks",
                  "tasks": [ { "name": "a", "type": "TextOperation.Uppercase", "inputs": { "text": "x" } } ],
                  "outputs": [ { "name": "leak", "type": "text", "value": "{{ secrets.openai.api_key }}" } ]
                }""");

        assertProblem(response, 400);
        assertThat(detailAt(response, "#/outputs/0/value")).contains("reads secrets");
    }
}
