package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Text that some databases cannot store (U+0000, lone UTF-16 surrogates) in an error, an output, an output's key or
 * an input is stored on the first try, each such character replaced by U+FFFD, on every database. Before, PostgreSQL
 * refused the failure's transaction, so the execution stayed RUNNING until its lease expired (30 s by default) and
 * then failed with a wrong "lease expired" message. The waits here are shorter than that lease.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OutcomeTextTests {

    /** Well under the default lease of 30 s: a failure that is not recorded at once does not get there in time. */
    private static final Duration AT_ONCE = Duration.ofSeconds(10);
    private static final String FFFD = "\uFFFD";

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    private JsonNode finish(String workflowId, String inputs) {
        String executionId = api().startExecution(workflowId, inputs);
        return api().awaitExecution(workflowId, executionId, AT_ONCE,
                e -> Set.of("COMPLETED", "FAILED", "TERMINATED").contains(e.get("status").asString()));
    }

    /** A workflow of one task of {@code type} with these inputs (JSON), and {@code outputs} (a JSON array). */
    private String workflow(String type, String inputs, String outputs) {
        return api().createWorkflow("""
                {
                  "title": "outcome text %s",
                  "inputs": [ { "name": "text", "type": "text", "default": "x" } ],
                  "tasks": [ { "name": "t", "type": "%s", "retry": { "max_retries": 0 }, "inputs": %s } ],
                  "outputs": %s
                }""".formatted(UUID.randomUUID(), type, inputs, outputs));
    }

    private static void assertFailedWith(JsonNode execution, String message) {
        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.get("error").get("message").asString()).contains(message).doesNotContain("lease");
        JsonNode task = execution.get("tasks").get(0);
        assertThat(task.get("error").get("message").asString()).contains(message);
        assertThat(task.get("attempt_history").get(0).get("error").asString()).contains(message);
    }

    @Test
    void aJsonTransformErrorWithNulFailsAtOnceWithTheNulReplaced() {
        // The expression's own JSONata escape makes the NUL; the workflow document holds none.
        String workflowId = workflow("json.transform",
                "{ \"data\": 1, \"expression\": \"$error(\\\"nul\\\\u0000here\\\")\" }", "[]");

        assertFailedWith(finish(workflowId, "{}"), "nul" + FFFD + "here");
    }

    @Test
    void aTemplateErrorWithNulFailsAtOnceWithTheNulReplaced() {
        String workflowId = workflow("TextOperation.Uppercase",
                "{ \"text\": \"{{ $error(\\\"nul\\\\u0000here\\\") }}\" }", "[]");

        assertFailedWith(finish(workflowId, "{}"), "nul" + FFFD + "here");
    }

    @Test
    void anErrorWithALoneSurrogateIsStoredWithItReplaced() {
        String workflowId = workflow("json.transform",
                "{ \"data\": 1, \"expression\": \"$error(\\\"half \\\\ud800 pair\\\")\" }", "[]");

        assertFailedWith(finish(workflowId, "{}"), "half " + FFFD + " pair");
    }

    @Test
    void anOutputWithNulInAKeyAndAValueCompletesWithThemReplaced() {
        String workflowId = workflow("json.transform",
                "{ \"data\": 1, \"expression\": \"{\\\"k\\\\u0000ey\\\": \\\"v\\\\u0000al \\\\udc00\\\"}\" }",
                "[ { \"name\": \"out\", \"type\": \"object\", \"value\": \"{{ tasks.t.outputs.result }}\" } ]");

        JsonNode execution = finish(workflowId, "{}");

        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        String key = "k" + FFFD + "ey";
        String value = "v" + FFFD + "al " + FFFD;
        JsonNode output = execution.get("tasks").get(0).get("output").get("result");
        assertThat(output.propertyNames()).containsExactly(key);
        assertThat(output.get(key).asString()).isEqualTo(value);
        assertThat(execution.get("outputs").get("out").get(key).asString()).isEqualTo(value);
    }

    @Test
    void nulMadeByATaskFromItsInputReachesTheOutputsReplaced() {
        // An execution's inputs cannot hold NUL (the API refuses it, see BadInputTests); a template's JSONata
        // escape can make one.
        String workflowId = workflow("TextOperation.Uppercase",
                "{ \"text\": \"{{ inputs.text & \\\"\\\\u0000b\\\" }}\" }",
                "[ { \"name\": \"out\", \"type\": \"text\", \"value\": \"{{ tasks.t.outputs.text }}\" } ]");

        JsonNode execution = finish(workflowId, "{\"inputs\": {\"text\": \"a\"}}");

        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        assertThat(execution.get("tasks").get(0).get("input").get("text").asString()).isEqualTo("a" + FFFD + "b");
        assertThat(execution.get("outputs").get("out").asString()).isEqualTo("A" + FFFD + "B");
    }
}
