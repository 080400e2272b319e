package io.dataflow.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Webhook events carry outputs as they are stored: with U+0000 replaced by U+FFFD, and never more than the output
 * cap (a task whose output is over it fails, and its events carry the error instead).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WebhookPayloadLimitsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FFFD = "\uFFFD";

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    private List<WebhookReceiver.Request> run(WebhookReceiver receiver, String task, String outputs) {
        String workflowId = api().createWorkflow("""
                { "title": "webhook payload %s", "tasks": [ %s ], "outputs": %s }"""
                .formatted(UUID.randomUUID(), task, outputs));
        String executionId = api().startExecution(workflowId,
                "{\"monitoring\": {\"webhook\": \"" + receiver.url() + "\"}}");
        api().awaitFinished(workflowId, executionId);
        return receiver.awaitDelivered(5, WAIT);
    }

    @Test
    void eventsCarryOutputsWithNulReplaced() {
        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            List<WebhookReceiver.Request> events = run(receiver, """
                    { "name": "t", "type": "json.transform",
                      "inputs": { "data": 1, "expression": "{\\"k\\\\u0000ey\\": \\"v\\\\u0000al\\"}" } }""",
                    "[ { \"name\": \"out\", \"type\": \"object\", \"value\": \"{{ tasks.t.outputs.result }}\" } ]");

            String key = "k" + FFFD + "ey";
            JsonNode taskCompleted = events.get(3).json().get("data").get("task");
            assertThat(taskCompleted.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(taskCompleted.get("output").get("result").get(key).asString()).isEqualTo("v" + FFFD + "al");
            JsonNode executionCompleted = events.get(4).json().get("data");
            assertThat(executionCompleted.get("outputs").get("out").get(key).asString()).isEqualTo("v" + FFFD + "al");
            // No NUL escape anywhere (the expression's own text holds an escaped backslash before "u0000").
            assertThat(events).extracting(WebhookReceiver.Request::body)
                    .noneMatch(body -> body.matches("(?s).*(?<!\\\\)\\\\u0000.*"));
        }
    }

    @Test
    void aTaskOverTheCapSendsItsErrorNotItsOutput() {
        try (WebhookReceiver receiver = WebhookReceiver.answering200()) {
            List<WebhookReceiver.Request> events = run(receiver,
                    "{ \"name\": \"big\", \"type\": \"Test.BigText\", \"inputs\": { \"length\": 2097152 } }", "[]");

            JsonNode taskFailed = events.get(3).json().get("data").get("task");
            assertThat(taskFailed.get("status").asString()).isEqualTo("FAILED");
            assertThat(taskFailed.get("error").get("message").asString()).contains("DATAFLOW_MAX_OUTPUT_BYTES");
            assertThat(events).extracting(e -> e.body().length()).allMatch(length -> length < 16 * 1024);
        }
    }
}
