package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /workflows/{id}/executions/{eid}} writes the execution as it reads its tasks, a few at a time, and its
 * stored JSON as it is, unparsed; the answer is still byte for byte what the whole {@link ExecutionViews.Detail},
 * read and parsed at once, was written as. ({@link ExecutionReadMemoryTests} shows that it is not built whole.)
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExecutionStreamingTests {

    private static final int TASKS = 40;

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    /** Forty tasks, each with a text of 1,000 characters in and out: about 90 KB in all. */
    private String manyTasks() {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add("{ \"name\": \"t%d\", \"type\": \"TextOperation.Uppercase\", \"inputs\": { \"text\": \"%s\" } }"
                    .formatted(i, ("task " + i + " ").repeat(200).substring(0, 1000)));
        }
        return """
                { "title": "streamed %s", "tasks": [ %s ],
                  "outputs": [ { "name": "last", "type": "text", "value": "{{ tasks.t%d.outputs.text }}" } ] }"""
                .formatted(UUID.randomUUID(), String.join(", ", tasks), TASKS - 1);
    }

    @Test
    void aBigExecutionIsStreamedByteForByteAsTheWholeAnswerWas() {
        Api api = server().api();
        String workflowId = api.createWorkflow(manyTasks());
        String executionId = api.startExecution(workflowId, "{}");
        api.awaitFinished(workflowId, executionId);

        Api.Response response = api.get("/workflows/" + workflowId + "/executions/" + executionId);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.header("Content-Length")).isNull();
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        String organization = server().engine().apiKeys().authenticate(api.key()).orElseThrow()
                .organizationId();
        String whole = server().bean(JsonMapper.class).writeValueAsString(ExecutionViews.Detail.of(
                server().engine().executions().find(organization, workflowId, executionId).orElseThrow(), List.of()));
        assertThat(response.text()).isEqualTo(whole);
        assertThat(response.body().get("tasks")).hasSize(TASKS);
    }
}
