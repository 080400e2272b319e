package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /workflows/{id}/executions/{eid}/events/{type}}: a waiting task takes the event and its execution goes
 * on; events are listed on the execution; bad input, unknown and finished executions and other organizations get
 * their problems and change nothing.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExecutionEventsTests {

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private static String approvalWorkflow(Api api) {
        return api.createWorkflow("""
                {"title": "approval %s",
                 "tasks": [
                   {"name": "ask", "type": "TextOperation.Uppercase", "inputs": {"text": "may I?"}},
                   {"name": "answer", "type": "wait_for_event",
                    "inputs": {"event_type": "approval", "timeout": "3 days"}},
                   {"name": "note", "type": "TextOperation.Lowercase",
                    "inputs": {"text": "{{ tasks.answer.outputs.payload.note }}"}}
                 ],
                 "outputs": [{"name": "note", "type": "text", "value": "{{ tasks.note.outputs.text }}"}]}"""
                .formatted(UUID.randomUUID()));
    }

    private static JsonNode awaitWaiting(Api api, String workflowId, String executionId) {
        return api.awaitExecution(workflowId, executionId, Duration.ofSeconds(30),
                e -> e.get("tasks").get(1).get("status").asString().equals("WAITING"));
    }

    @Test
    void aWaitingTaskTakesTheEventAndTheExecutionGoesOn() {
        Api api = server().api();
        String workflowId = approvalWorkflow(api);
        String executionId = api.startExecution(workflowId, "{}");
        JsonNode waiting = awaitWaiting(api, workflowId, executionId);

        Api.Response sent = api.post("/workflows/" + workflowId + "/executions/" + executionId + "/events/approval",
                "{\"note\": \"Yes\"}");

        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        assertThat(sent.body().get("type").asString()).isEqualTo("approval");
        assertThat(sent.body().get("taken_by").asString())
                .isEqualTo(waiting.get("tasks").get(1).get("task_id").asString());
        JsonNode done = api.awaitFinished(workflowId, executionId);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("outputs").get("note").asString()).isEqualTo("yes");
        assertThat(done.get("tasks").get(1).get("output").get("payload").get("note").asString()).isEqualTo("Yes");

        JsonNode events = api.get("/workflows/" + workflowId + "/executions/" + executionId + "/events").body();
        assertThat(events.get("events")).singleElement().satisfies(e -> {
            assertThat(e.get("event_id").asString()).isEqualTo(sent.body().get("event_id").asString());
            assertThat(e.get("payload").get("note").asString()).isEqualTo("Yes");
        });
        Api.Response late = api.post("/workflows/" + workflowId + "/executions/" + executionId + "/events/approval",
                "{}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().get("detail").asString()).contains("has already finished (COMPLETED)");
    }

    @Test
    void badTypesUnknownExecutionsAndOtherOrganizationsAreRefusedAndNothingIsKept() {
        Api api = server().api();
        String workflowId = approvalWorkflow(api);
        String executionId = api.startExecution(workflowId, "{}");
        String events = "/workflows/" + workflowId + "/executions/" + executionId + "/events";
        awaitWaiting(api, workflowId, executionId);

        Api.Response badType = api.post(events + "/" + "x".repeat(101), "{}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body().get("errors").get(0).get("parameter").asString()).isEqualTo("type");
        Api.Response badBody = api.post(events + "/approval", "{\"a\": 1, \"a\": 2}");
        assertThat(badBody.status()).isEqualTo(400);
        Api.Response tooLarge = api.post(events + "/approval", "\"" + "x".repeat(1_048_576) + "\"");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(api.post("/workflows/" + workflowId + "/executions/ex-01m8zzzzzzzzzzzzzzzzzzzzzz/events/approval",
                "{}").status()).isEqualTo(404);
        Api other = server().newOrganization("events other " + UUID.randomUUID());
        assertThat(other.post(events + "/approval", "{}").status()).isEqualTo(404);
        assertThat(other.get(events).status()).isEqualTo(404);

        assertThat(api.get(events).body().get("events")).isEmpty();
        assertThat(api.get("/workflows/" + workflowId + "/executions/" + executionId).body().get("tasks").get(1)
                .get("status").asString()).isEqualTo("WAITING");
        api.post("/workflows/" + workflowId + "/executions/" + executionId + "/cancel", "{}");
    }
}
