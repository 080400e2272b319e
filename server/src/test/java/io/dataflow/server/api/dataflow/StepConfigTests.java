package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.TaskDef;
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
 * A {@code /workflows} task's {@code config} as Cloudflare's Workflows write a step's: accepted on tasks and on
 * linear steps, given back by GET as sent, and meaning the retry policy and time limit it says (next to the dialect's
 * own {@code retry} and {@code timeout_seconds}, one form for each). Bad ones: {@link WorkflowValidationTests}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StepConfigTests {

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    /** The definition the engine stores for the workflow. */
    private Definition definition(Api api, String workflowId) {
        String organization = server().engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
        return server().engine().workflows().find(Access.admin(organization), workflowId).orElseThrow().version()
                .definition();
    }

    @Test
    void aTasksConfigIsGivenBackAsSentAndMeansWhatItSays() {
        Api api = server().newOrganization("step config " + UUID.randomUUID());
        String tasks = """
                [{"name": "a", "type": "Echo", "inputs": {"text": "x"},
                  "config": {"retries": {"limit": 3, "delay": "2 seconds", "backoff": "linear"},
                             "timeout": "1 minute"}},
                 {"name": "b", "type": "Echo", "inputs": {"text": "x"}, "config": {"timeout": 1500}},
                 {"name": "c", "type": "Echo", "inputs": {"text": "x"}, "retry": {"max_retries": 1, "delay_ms": 100},
                  "config": {"timeout": "PT30S"}},
                 {"name": "d", "type": "Echo", "inputs": {"text": "x"},
                  "config": {"retries": {"limit": 0, "delay": 0, "backoff": "constant"}}, "timeout_seconds": 9}]""";
        String id = api.createWorkflow("{\"title\": \"configured " + UUID.randomUUID() + "\", \"tasks\": " + tasks
                + "}");

        JsonNode shown = api.get("/workflows/" + id).body();
        assertThat(shown.get("tasks")).isEqualTo(Json.parse(tasks));
        Definition definition = definition(api, id);
        TaskDef a = definition.task("a").orElseThrow();
        assertThat(a.retry()).isEqualTo(RetryPolicy.linear(4, Duration.ofSeconds(2), RetryPolicy.MAX_DELAY));
        assertThat(a.timeout()).isEqualTo(Duration.ofMinutes(1));
        TaskDef b = definition.task("b").orElseThrow();
        assertThat(b.retry()).isNull();
        assertThat(b.timeout()).isEqualTo(Duration.ofMillis(1500));
        TaskDef c = definition.task("c").orElseThrow();
        assertThat(c.retry()).isEqualTo(new RetryPolicy(2, Duration.ofMillis(100), 2.0, Duration.ofMinutes(5)));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
        TaskDef d = definition.task("d").orElseThrow();
        assertThat(d.retry()).isEqualTo(new RetryPolicy(1, Duration.ZERO, 1.0, RetryPolicy.MAX_DELAY));
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void aLinearWorkflowsStepsTakeConfigToo() {
        Api api = server().newOrganization("step config " + UUID.randomUUID());
        String steps = """
                [{"type": "StaticTextInput", "input": "Hello",
                  "config": {"retries": {"limit": 5, "delay": 250}, "timeout": "10 seconds"}},
                 {"type": "TextOperation.Reverse"}]""";
        String id = api.createWorkflow("{\"name\": \"linear " + UUID.randomUUID() + "\", \"steps\": " + steps + "}");

        assertThat(api.get("/workflows/" + id).body().get("steps")).isEqualTo(Json.parse(steps));
        TaskDef first = definition(api, id).tasks().getFirst();
        assertThat(first.retry()).isEqualTo(new RetryPolicy(6, Duration.ofMillis(250), 2.0, RetryPolicy.MAX_DELAY));
        assertThat(first.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(definition(api, id).tasks().get(1).retry()).isNull();
        String execution = api.startExecution(id, "{}");
        assertThat(api.awaitFinished(id, execution).get("status").asString()).isEqualTo("COMPLETED");
    }
}
