package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import io.dataflow.server.support.TestWorkflows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Every request of seed 000 ("Workflows"), as the seed shows it, against the real server on each database. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class Seed000ContractTests {

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    @Test
    void createWorkflowAnswers201WithItsId() {
        Api.Response response = api().post("/workflows", TestWorkflows.dummy());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("workflow_id").asString()).startsWith("wf-");
        assertThat(response.header("Location")).isEqualTo("/workflows/" + response.body().get("workflow_id").asString());
    }

    @Test
    void dummyWorkflowEchoesTheReversedText() {
        String workflowId = api().createWorkflow(TestWorkflows.dummy());

        Api.Response started = api().post("/workflows/" + workflowId + "/execute", null);
        assertThat(started.status()).isEqualTo(202);
        String executionId = started.body().get("execution_id").asString();
        assertThat(executionId).startsWith("ex-");

        JsonNode execution = api().awaitFinished(workflowId, executionId);
        assertThat(execution.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(execution.get("execution_id").asString()).isEqualTo(executionId);
        assertThat(execution.get("workflow_id").asString()).isEqualTo(workflowId);
        JsonNode tasks = execution.get("tasks");
        assertThat(tasks).hasSize(3);
        assertThat(tasks.get(0).get("type").asString()).isEqualTo("StaticTextInput");
        assertThat(tasks.get(0).get("input").get("text").asString()).isEqualTo("Hello, world!");
        assertThat(tasks.get(0).get("output").get("text").asString()).isEqualTo("Hello, world!");
        assertThat(tasks.get(1).get("type").asString()).isEqualTo("TextOperation.Reverse");
        assertThat(tasks.get(1).get("input").get("text").asString()).isEqualTo("Hello, world!");
        assertThat(tasks.get(2).get("type").asString()).isEqualTo("Echo");
        assertThat(tasks.get(2).get("output").get("text").asString()).isEqualTo("!dlrow ,olleH");
        for (JsonNode task : tasks) {
            assertThat(task.get("task_id").asString()).startsWith("task-");
            assertThat(task.get("status").asString()).isEqualTo("COMPLETED");
        }
        assertThat(execution.get("outputs").get("text").asString()).isEqualTo("!dlrow ,olleH");
    }

    @Test
    void executeWithInputUsesIt() {
        String workflowId = api().createWorkflow(TestWorkflows.dummy());

        Api.Response started = api().post("/workflows/" + workflowId + "/execute",
                "{\"input\": {\"text\": \"Hello, world!\"}}");
        assertThat(started.status()).isEqualTo(202);

        JsonNode execution = api().awaitFinished(workflowId, started.body().get("execution_id").asString());
        assertThat(execution.get("tasks").get(2).get("output").get("text").asString()).isEqualTo("!dlrow ,olleH");

        Api.Response other = api().post("/workflows/" + workflowId + "/execute", "{\"input\": {\"text\": \"abc\"}}");
        JsonNode second = api().awaitFinished(workflowId, other.body().get("execution_id").asString());
        assertThat(second.get("outputs").get("text").asString()).isEqualTo("cba");
    }

    @Test
    void listExecutionsNewestFirst() {
        String workflowId = api().createWorkflow(TestWorkflows.dummy());
        String first = api().post("/workflows/" + workflowId + "/execute", "{}").body().get("execution_id").asString();
        String second = api().post("/workflows/" + workflowId + "/execute", "{}").body().get("execution_id").asString();
        api().awaitFinished(workflowId, first);
        api().awaitFinished(workflowId, second);

        Api.Response list = api().get("/workflows/" + workflowId + "/executions");

        assertThat(list.status()).isEqualTo(200);
        JsonNode executions = list.body().get("executions");
        assertThat(executions).hasSize(2);
        assertThat(executions.get(0).get("execution_id").asString()).isEqualTo(second);
        assertThat(executions.get(1).get("execution_id").asString()).isEqualTo(first);
        for (JsonNode e : executions) {
            assertThat(e.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(e.has("created_at")).isTrue();
            assertThat(e.has("started_at")).isTrue();
            assertThat(e.has("completed_at")).isTrue();
        }
    }

    @Test
    void executeWithTheSeedsWebhookIsAccepted() {
        String workflowId = api().createWorkflow(TestWorkflows.dummy());

        Api.Response started = api().post("/workflows/" + workflowId + "/execute", """
                {
                  "input": { "text": "Hello, world!" },
                  "webhook_url": "https://example.com/webhook"
                }""");

        assertThat(started.status()).isEqualTo(202);
        JsonNode execution = api().awaitFinished(workflowId, started.body().get("execution_id").asString());
        assertThat(execution.get("outputs").get("text").asString()).isEqualTo("!dlrow ,olleH");
    }
}
