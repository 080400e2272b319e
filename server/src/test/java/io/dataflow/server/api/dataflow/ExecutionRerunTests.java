package io.dataflow.server.api.dataflow;

import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /workflows/{id}/executions/{eid}/rerun}: a failed execution rerun from its third step with corrected
 * inputs reuses the first two steps' runs and runs the rest with the new inputs; the two are linked both ways; bad
 * requests name their field and start nothing. On H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExecutionRerunTests {

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    /**
     * shout and flip depend on the text only; match (third) fails on a bad pattern; then join reads match and side.
     * side waits for an event, depends on nothing, and is cancelled when match fails.
     */
    private static String pipeline(Api api) {
        return api.createWorkflow("""
                {"title": "rerun %s",
                 "inputs": [{"name": "text", "type": "text", "required": true},
                            {"name": "pattern", "type": "text", "required": true}],
                 "tasks": [
                   {"name": "shout", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ inputs.text }}"}},
                   {"name": "flip", "type": "TextOperation.Reverse", "inputs": {"text": "{{ tasks.shout.outputs.text }}"}},
                   {"name": "match", "type": "TextOperation.Replace",
                    "inputs": {"text": "{{ tasks.flip.outputs.text }}", "search": "{{ inputs.pattern }}",
                               "regex": true, "replacement": "_"}},
                   {"name": "side", "type": "wait_for_event", "inputs": {"event_type": "side"}},
                   {"name": "join", "type": "TextOperation.Concat",
                    "inputs": {"text": "{{ tasks.match.outputs.text }}", "with": "{{ tasks.side.outputs.payload.v }}",
                               "separator": "|"}}
                 ],
                 "outputs": [{"name": "result", "type": "text", "value": "{{ tasks.join.outputs.text }}"}]}"""
                .formatted(UUID.randomUUID()));
    }

    private static String path(String workflowId, String executionId) {
        return "/workflows/" + workflowId + "/executions/" + executionId;
    }

    private static JsonNode task(JsonNode execution, String name) {
        for (JsonNode task : execution.get("tasks")) {
            if (task.get("name").asString().equals(name)) {
                return task;
            }
        }
        throw new AssertionError("no task " + name + " in " + execution);
    }

    @Test
    void aFailedExecutionRerunFromItsThirdStepReusesTheFirstTwoAndRunsTheRestWithTheNewInputs() {
        String workflowId = pipeline(api());
        String originalId = api().startExecution(workflowId,
                "{\"inputs\": {\"text\": \"abc\", \"pattern\": \"(unclosed\"}}");
        JsonNode original = api().awaitFinished(workflowId, originalId);
        assertThat(original.get("status").asString()).isEqualTo("FAILED");
        assertThat(task(original, "match").get("status").asString()).isEqualTo("FAILED");
        assertThat(task(original, "side").get("status").asString()).isEqualTo("CANCELLED");

        Api.Response rerun = api().post(path(workflowId, originalId) + "/rerun",
                "{\"from_task\": \"match\", \"inputs\": {\"text\": \"xyz\", \"pattern\": \"B\"}}");

        assertThat(rerun.status()).as(rerun.text()).isEqualTo(202);
        String rerunId = rerun.body().get("execution_id").asString();
        assertThat(rerun.header("Location")).isEqualTo(path(workflowId, rerunId));
        assertThat(api().post(path(workflowId, rerunId) + "/events/side", "{\"v\": \"xyz\"}").status())
                .isEqualTo(202);
        JsonNode done = api().awaitFinished(workflowId, rerunId);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("rerun_of").asString()).isEqualTo(originalId);
        assertThat(done.get("inputs").get("text").asString()).isEqualTo("xyz");
        for (String reused : new String[] {"shout", "flip"}) {
            assertThat(task(done, reused).get("output")).as(reused + " is reused, not run again")
                    .isEqualTo(task(original, reused).get("output"));
            assertThat(task(done, reused).get("completed_at")).isEqualTo(task(original, reused).get("completed_at"));
        }
        // match reran on the reused flip ("CBA") with the new pattern; side had not completed there, so it ran.
        assertThat(task(done, "match").get("output").get("text").asString()).isEqualTo("C_A");
        assertThat(task(done, "side").get("output").get("payload").get("v").asString()).isEqualTo("xyz");
        assertThat(done.get("outputs").get("result").asString()).isEqualTo("C_A|xyz");
        assertThat(api().get(path(workflowId, originalId)).body().get("reruns"))
                .extracting(JsonNode::asString).containsExactly(rerunId);
    }

    @Test
    void aRerunWithNewTaskInputsRunsItsTaskWithThemAndReusesTheTasksBeforeIt() {
        String workflowId = pipeline(api());
        String originalId = api().startExecution(workflowId,
                "{\"inputs\": {\"text\": \"abc\", \"pattern\": \"(unclosed\"}}");
        JsonNode original = api().awaitFinished(workflowId, originalId);
        assertThat(original.get("status").asString()).isEqualTo("FAILED");

        // search came from the inputs, replacement was written in the task; text keeps reading flip.
        Api.Response rerun = api().post(path(workflowId, originalId) + "/rerun", "{\"from_task\": \"match\","
                + " \"task_inputs\": {\"search\": \"B\", \"replacement\": \"{{ $lowercase(inputs.pattern) }}\"}}");

        assertThat(rerun.status()).as(rerun.text()).isEqualTo(202);
        String rerunId = rerun.body().get("execution_id").asString();
        api().post(path(workflowId, rerunId) + "/events/side", "{\"v\": \"v\"}");
        JsonNode done = api().awaitFinished(workflowId, rerunId);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(task(done, "match").get("input").get("search").asString()).isEqualTo("B");
        assertThat(task(done, "match").get("input").get("replacement").asString()).isEqualTo("(unclosed");
        assertThat(task(done, "match").get("output").get("text").asString()).isEqualTo("C(unclosedA");
        assertThat(done.get("outputs").get("result").asString()).isEqualTo("C(unclosedA|v");
        for (String reused : new String[] {"shout", "flip"}) {
            assertThat(task(done, reused)).as(reused + " is carried over, not run again").isEqualTo(
                    carriedOver(task(original, reused), task(done, reused)));
        }
        assertThat(done.get("workflow_version").asInt()).as("it runs its own snapshot").isNegative();
        assertThat(done.get("rerun_of").asString()).isEqualTo(originalId);

        assertThat(api().post(path(workflowId, rerunId) + "/restart", null).status()).isEqualTo(200);
        api().post(path(workflowId, rerunId) + "/events/side", "{\"v\": \"w\"}");
        JsonNode restarted = api().awaitFinished(workflowId, rerunId);
        assertThat(restarted.get("outputs").get("result").asString()).as("a restart runs the snapshot")
                .isEqualTo("C(unclosedA|w");
        Api.Response again = api().post(path(workflowId, rerunId) + "/rerun", "{\"from_task\": \"shout\","
                + " \"inputs\": {\"text\": \"xbz\", \"pattern\": \"Q\"}}");
        String againId = again.body().get("execution_id").asString();
        assertThat(api().awaitFinished(workflowId, againId).get("outputs").get("result").asString())
                .as("a rerun of it runs the snapshot too (side is carried over)").isEqualTo("ZqX|w");
        assertThat(api().get("/workflows/" + workflowId).body().get("tasks").get(2).get("inputs").get("search")
                .asString()).as("the workflow is unchanged").isEqualTo("{{ inputs.pattern }}");
    }

    /**
     * A task of the original as a rerun that carries it over shows it: the same but for when its record was created
     * there (and its id, which names its execution).
     */
    private static JsonNode carriedOver(JsonNode task, JsonNode rerunTask) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) task.deepCopy();
        copy.set("task_id", rerunTask.get("task_id"));
        copy.set("created_at", rerunTask.get("created_at"));
        return copy;
    }

    @Test
    void badTaskInputsAreRefusedAtTheirPortAndStoreNothing() {
        String workflowId = pipeline(api());
        String originalId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"abc\", \"pattern\": \"b\"}}");
        assertThat(api().post(path(workflowId, originalId) + "/terminate", null).status()).isEqualTo(200);
        String rerun = path(workflowId, originalId) + "/rerun";

        assertThat(pointers(api().post(rerun, "{\"from_task\": \"match\", \"task_inputs\": {\"nope\": 1}}")))
                .containsExactly("#/task_inputs/nope");
        assertThat(pointers(api().post(rerun, "{\"from_task\": \"match\", \"task_inputs\": {\"regex\": \"yes\"}}")))
                .containsExactly("#/task_inputs/regex");
        Api.Response ghost = api().post(rerun, "{\"from_task\": \"match\","
                + " \"task_inputs\": {\"text\": \"{{ tasks.ghost.outputs.text }}\"}}");
        assertThat(pointers(ghost)).containsExactly("#/task_inputs/text");
        assertThat(ghost.body().get("errors").get(0).get("detail").asString()).contains("unknown task 'ghost'");
        assertThat(pointers(api().post(rerun, "{\"from_task\": \"match\", \"task_inputs\": \"B\"}")))
                .containsExactly("#/task_inputs");
        assertThat(pointers(api().post(rerun, "{\"from_task\": \"match\", \"task_inputs\": {\"search\": 1},"
                + " \"inputs\": {\"text\": 5}}"))).containsExactlyInAnyOrder("#/task_inputs/search",
                        "#/inputs/text", "#/inputs/pattern");
        String good = "{\"from_task\": \"match\", \"task_inputs\": {\"search\": \"B\"}}";
        Api other = TestServer.shared(database).newOrganization("rerun other " + UUID.randomUUID());
        assertThat(other.post(rerun, good).status()).isEqualTo(404);
        assertThat(TestServer.shared(database).keyOf(api(), "workflows:read", "workflows:write").post(rerun, good)
                .status()).isEqualTo(403);

        assertThat(api().get("/workflows/" + workflowId + "/executions").body().get("executions"))
                .as("nothing started").hasSize(1);
        assertThat(TestServer.shared(database).storedVersions(workflowId)).as("no snapshot stored").isEqualTo(1);
    }

    @Test
    void badRerunsNameTheirFieldAndStartNothing() {
        String workflowId = pipeline(api());
        String originalId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"abc\", \"pattern\": \"b\"}}");
        assertThat(api().post(path(workflowId, originalId) + "/terminate", null).status()).isEqualTo(200);
        String rerun = path(workflowId, originalId) + "/rerun";

        Api.Response unknown = api().post(rerun, "{\"from_task\": \"nope\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors").get(0).get("pointer").asString()).isEqualTo("#/from_task");
        assertThat(unknown.body().get("errors").get(0).get("detail").asString())
                .contains("no task 'nope'").contains("'shout', 'flip', 'match', 'side', 'join'");
        Api.Response missing = api().post(rerun, "{\"inputs\": {}, \"extra\": 1}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors")).extracting(e -> e.get("pointer").asString())
                .containsExactlyInAnyOrder("#/from_task", "#/extra");
        Api.Response badInputs = api().post(rerun, "{\"from_task\": \"match\", \"inputs\": {\"text\": 5}}");
        assertThat(badInputs.status()).isEqualTo(400);
        assertThat(badInputs.body().get("errors")).extracting(e -> e.get("pointer").asString())
                .contains("#/inputs/text", "#/inputs/pattern");
        assertThat(api().post(rerun, "[1]").status()).isEqualTo(400);
        assertThat(api().post(rerun, "").status()).isEqualTo(400);
        assertThat(api().post(path(workflowId, "ex-01m8zzzzzzzzzzzzzzzzzzzzzz") + "/rerun",
                "{\"from_task\": \"match\"}").status()).isEqualTo(404);
        Api other = TestServer.shared(database).newOrganization("rerun other " + UUID.randomUUID());
        assertThat(other.post(rerun, "{\"from_task\": \"match\"}").status()).isEqualTo(404);

        assertThat(api().get("/workflows/" + workflowId + "/executions").body().get("executions"))
                .as("nothing started").hasSize(1);
    }

    @Test
    void anUnfinishedExecutionCannotBeRerunYet() {
        String workflowId = api().createWorkflow("""
                {"title": "rerun waiting %s",
                 "tasks": [{"name": "wait", "type": "wait_for_event", "inputs": {"event_type": "go"}},
                           {"name": "after", "type": "TextOperation.Uppercase", "inputs": {"text": "x"}}]}"""
                .formatted(UUID.randomUUID()));
        String executionId = api().startExecution(workflowId, "{}");

        Api.Response refused = api().post(path(workflowId, executionId) + "/rerun", "{\"from_task\": \"after\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("detail").asString()).contains("it can be rerun once it is COMPLETED, FAILED,"
                + " TERMINATED");
        api().post(path(workflowId, executionId) + "/terminate", null);
        Api.Response afterTerminate = api().post(path(workflowId, executionId) + "/rerun", "{\"from_task\": \"after\"}");
        assertThat(afterTerminate.status()).as(afterTerminate.text()).isEqualTo(202);
        String rerunId = afterTerminate.body().get("execution_id").asString();
        api().post(path(workflowId, rerunId) + "/events/go", "{}");
        assertThat(api().awaitFinished(workflowId, rerunId).get("status").asString())
                .as("wait had not completed, so it runs again").isEqualTo("COMPLETED");
    }
}
