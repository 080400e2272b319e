package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * A task's output and an execution's outputs are capped at {@code DATAFLOW_MAX_OUTPUT_BYTES} (1 MiB by default) of
 * JSON: a bigger one fails the task (or the execution) with an error naming the size, the cap and the setting, and
 * the execution stays small to read. Before, {@code [1..10000000]} made an execution whose GET was 158 MB. A task's
 * input over the cap is stored cut down, for display only.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OutputSizeLimitTests {

    private static final int MIB = 1024 * 1024;

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    private static String workflow(String tasks, String outputs) {
        return """
                { "title": "output limit %s", "tasks": %s, "outputs": %s }""".formatted(UUID.randomUUID(), tasks,
                outputs);
    }

    private static String bigText(String name, int length) {
        return "{ \"name\": \"%s\", \"type\": \"Test.BigText\", \"inputs\": { \"length\": %d } }".formatted(name,
                length);
    }

    private static JsonNode run(Api api, String workflow) {
        String workflowId = api.createWorkflow(workflow);
        return api.awaitFinished(workflowId, api.startExecution(workflowId, "{}"));
    }

    private static void assertFailedOverTheCap(JsonNode execution, String what) {
        assertFailedOverTheCap(execution, what, MIB);
    }

    private static void assertFailedOverTheCap(JsonNode execution, String what, long cap) {
        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.get("error").get("message").asString())
                .contains(what).containsPattern("(is|are) \\d+ bytes of JSON, more than the " + cap + " bytes")
                .contains("DATAFLOW_MAX_OUTPUT_BYTES");
    }

    /** The execution as read back, which stays small: the output over the cap was never stored. */
    private JsonNode read(JsonNode execution) {
        Api.Response response = api().get("/workflows/" + execution.get("workflow_id").asString() + "/executions/"
                + execution.get("execution_id").asString());
        assertThat(response.text().length()).isLessThan(64 * 1024);
        return response.body();
    }

    @Test
    void aTaskOutputOverTheCapFailsTheTaskAndIsNotStored() {
        JsonNode execution = run(api(), workflow("[" + bigText("big", 2 * MIB) + "]", "[]"));

        assertFailedOverTheCap(execution, "the task's output is 2097163 bytes of JSON");
        JsonNode task = read(execution).get("tasks").get(0);
        assertThat(task.get("status").asString()).isEqualTo("FAILED");
        assertThat(task.get("output").isNull()).isTrue();
        assertThat(task.get("attempts").asInt()).as("failed for good, not retried").isEqualTo(1);
    }

    @Test
    void aJsonTransformMakingAHugeArrayFailsTheTask() {
        JsonNode execution = run(api(), workflow("""
                [ { "name": "range", "type": "json.transform", "inputs": { "data": 1, "expression": "[1..200000]" } } ]""",
                "[]"));

        assertFailedOverTheCap(execution, "the task's output is");
        read(execution);
    }

    @Test
    void anHttpResponseOverTheCapFailsTheTask() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] body = "y".repeat(2 * MIB).getBytes(StandardCharsets.US_ASCII);
        server.createContext("/big", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            JsonNode execution = run(api(), workflow("""
                    [ { "name": "fetch", "type": "http.request", "inputs": { "url": "http://127.0.0.1:%d/big" } } ]"""
                    .formatted(server.getAddress().getPort()), "[]"));

            assertFailedOverTheCap(execution, "the task's output is");
            read(execution);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void outputsOverTheCapFailTheExecution() {
        JsonNode execution = run(api(), workflow("[" + bigText("a", 600_000) + ", " + bigText("b", 600_000) + "]", """
                [ { "name": "a", "type": "text", "value": "{{ tasks.a.outputs.text }}" },
                  { "name": "b", "type": "text", "value": "{{ tasks.b.outputs.text }}" } ]"""));

        assertFailedOverTheCap(execution, "the workflow's outputs are 1200015 bytes of JSON");
        assertThat(execution.get("outputs").isNull()).isTrue();
        assertThat(execution.get("tasks").valueStream().map(t -> t.get("status").asString()))
                .containsOnly("COMPLETED");
    }

    @Test
    void anInputOverTheCapIsStoredCutDownAndTheTaskStillRuns() {
        // Each template only reads an output, so no expression builds more than the expression limits allow; the
        // input they make together is over the cap.
        JsonNode execution = run(api(), workflow("[" + bigText("a", 600_000) + ", " + bigText("b", 600_000) + """
                , { "name": "both", "type": "json.transform",
                    "inputs": { "data": { "a": "{{ tasks.a.outputs.text }}", "b": "{{ tasks.b.outputs.text }}" },
                                "expression": "$length(a) + $length(b)" } } ]""",
                "[ { \"name\": \"length\", \"type\": \"integer\", \"value\": \"{{ tasks.both.outputs.result }}\" } ]"));

        assertThat(execution.get("status").asString()).as(execution.get("error").toString()).isEqualTo("COMPLETED");
        assertThat(execution.get("outputs").get("length").asInt()).isEqualTo(1_200_000);
        JsonNode both = execution.get("tasks").get(2);
        // {"a":"<600000>","b":"<600000>"} is the largest field, so it is the one cut.
        assertThat(both.get("input").get("data").asString()).isEqualTo("[truncated: 1200015 bytes]");
        assertThat(both.get("input").get("expression").asString()).isEqualTo("$length(a) + $length(b)");
    }

    @Test
    void theSettingRaisesTheCap() {
        try (TestServer server = TestServer.start(database, Map.of("DATAFLOW_MAX_OUTPUT_BYTES", String.valueOf(4 * MIB)))) {
            JsonNode execution = run(server.api(), workflow("[" + bigText("big", 2 * MIB) + "]",
                    "[ { \"name\": \"text\", \"type\": \"text\", \"value\": \"{{ tasks.big.outputs.text }}\" } ]"));

            assertThat(execution.get("status").asString()).as(execution.get("error").toString())
                    .isEqualTo("COMPLETED");
            assertThat(execution.get("outputs").get("text").asString()).hasSize(2 * MIB);
            assertFailedOverTheCap(run(server.api(), workflow("[" + bigText("bigger", 5 * MIB) + "]", "[]")),
                    "the task's output is 5242891 bytes of JSON", 4 * MIB);
        }
    }
}
