package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
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
 * {@code POST /api/v1/executions/:id/rerun} with {@code config}: the rerun node runs with the new input values, the
 * nodes before it keep their runs, the new execution runs its own snapshot (restarts and reruns of it too), and bad
 * values are refused at {@code #/config/<port>} with nothing stored. On H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RerunNodeInputsV1ApiTests {

    /**
     * trigger (name) -> shout -> greet (a Concat whose text comes by connection and whose with is in its config) ->
     * echo.
     */
    private static final String GRAPH = """
            {
              "name": "rerun inputs %s",
              "nodes": [
                {"id": "trigger", "nodeId": "trigger.manual", "config": {"inputs": [{"name": "name", "type": "text"}]}},
                {"id": "shout", "nodeId": "TextOperation.Uppercase"},
                {"id": "greet", "nodeId": "TextOperation.Concat", "config": {"with": "!"}},
                {"id": "echo", "nodeId": "Echo"}
              ],
              "connections": [
                {"sourceNodeId": "trigger", "sourcePort": "name", "targetNodeId": "shout", "targetPort": "text"},
                {"sourceNodeId": "shout", "sourcePort": "text", "targetNodeId": "greet", "targetPort": "text"},
                {"sourceNodeId": "greet", "sourcePort": "text", "targetNodeId": "echo", "targetPort": "text"}
              ]
            }""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api organization() {
        return server().newOrganization("v1 rerun inputs " + UUID.randomUUID());
    }

    private static String create(Api api) {
        Api.Response created = api.post("/api/v1/workflows", GRAPH.formatted(UUID.randomUUID()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("workflowId").asString();
    }

    /** Starts an execution of the workflow and waits for it to finish; its v1 view. */
    private static JsonNode ran(Api api, String workflowId, String name) {
        Api.Response executed = api.post("/api/v1/workflows/" + workflowId + "/execute",
                "{\"triggerInputs\": {\"name\": \"" + name + "\"}}");
        assertThat(executed.status()).as(executed.text()).isEqualTo(201);
        return finished(api, workflowId, executed.body().get("executionId").asString());
    }

    private static JsonNode finished(Api api, String workflowId, String executionId) {
        api.awaitFinished(workflowId, executionId);
        Api.Response view = api.get("/api/v1/executions/" + executionId);
        assertThat(view.status()).as(view.text()).isEqualTo(200);
        assertThat(view.body().get("status").asString()).as(view.text()).isEqualTo("completed");
        return view.body();
    }

    /** Reruns an execution; the new execution once it has finished. */
    private static JsonNode rerun(Api api, String workflowId, String executionId, String body) {
        Api.Response rerun = api.post("/api/v1/executions/" + executionId + "/rerun", body);
        assertThat(rerun.status()).as(rerun.text()).isEqualTo(201);
        return finished(api, workflowId, rerun.body().get("executionId").asString());
    }

    private static JsonNode node(JsonNode execution, String id) {
        return execution.get("nodes").get(id);
    }

    private static String output(JsonNode execution, String id) {
        return node(execution, id).get("output").get("text").asString();
    }

    @Test
    void theRerunNodeRunsWithItsNewInputsAndTheNodesBeforeItKeepTheirRuns() {
        Api api = organization();
        String workflowId = create(api);
        JsonNode original = ran(api, workflowId, "ada");
        assertThat(output(original, "echo")).isEqualTo("ADA!");

        // text came by connection, with from the config; separator is not given and keeps its default.
        JsonNode rerun = rerun(api, workflowId, original.get("id").asString(),
                "{\"fromNode\": \"greet\", \"config\": {\"text\": \"hey {{ tasks.shout.outputs.text }}\","
                        + " \"with\": \"?\"}}");

        assertThat(rerun.get("rerunOf").asString()).isEqualTo(original.get("id").asString());
        assertThat(node(rerun, "greet").get("input").get("text").asString()).isEqualTo("hey ADA");
        assertThat(node(rerun, "greet").get("input").get("with").asString()).isEqualTo("?");
        assertThat(output(rerun, "greet")).isEqualTo("hey ADA?");
        assertThat(output(rerun, "echo")).as("downstream runs on the new output").isEqualTo("hey ADA?");
        assertThat(rerun.get("output").get("echo").get("text").asString()).isEqualTo("hey ADA?");
        assertThat(node(rerun, "shout")).as("shout is carried over, not run again: input, output, attempts, times")
                .isEqualTo(node(original, "shout"));
        assertThat(rerun.get("workflowVersion").asInt()).as("it runs its own snapshot").isNegative();
        JsonNode versions = api.get("/api/v1/workflows/" + workflowId + "/versions").body();
        assertThat(versions.get("versions")).as("which no listing shows").hasSize(1);
        JsonNode graph = api.get("/api/v1/workflows/" + workflowId).body();
        assertThat(graph.get("nodes").get(2).get("config").get("with").asString()).as("the workflow is unchanged")
                .isEqualTo("!");
        assertThat(output(ran(api, workflowId, "bob"), "echo")).isEqualTo("BOB!");
    }

    @Test
    void aRestartOrARerunOfSuchARerunRunsItsSnapshotAgain() {
        Api api = organization();
        String workflowId = create(api);
        JsonNode original = ran(api, workflowId, "ada");
        JsonNode edited = rerun(api, workflowId, original.get("id").asString(),
                "{\"fromNode\": \"greet\", \"config\": {\"with\": \"?\"}}");
        String editedId = edited.get("id").asString();
        assertThat(output(edited, "echo")).isEqualTo("ADA?");

        Api.Response restarted = api.post("/api/v1/executions/" + editedId + "/restart", "");
        assertThat(restarted.status()).as(restarted.text()).isEqualTo(200);
        JsonNode again = finished(api, workflowId, editedId);
        assertThat(output(again, "echo")).as("a restart runs the snapshot").isEqualTo("ADA?");
        assertThat(again.get("workflowVersion").asInt()).isEqualTo(edited.get("workflowVersion").asInt());

        JsonNode fromEcho = rerun(api, workflowId, editedId, "{\"fromNode\": \"echo\"}");
        assertThat(fromEcho.get("workflowVersion").asInt()).isEqualTo(edited.get("workflowVersion").asInt());
        assertThat(node(fromEcho, "greet")).as("the edited run is carried over").isEqualTo(node(again, "greet"));
        JsonNode newName = rerun(api, workflowId, editedId,
                "{\"fromNode\": \"shout\", \"triggerInputs\": {\"name\": \"bob\"}}");
        assertThat(output(newName, "echo")).as("a rerun of it runs the snapshot").isEqualTo("BOB?");

        JsonNode editedTwice = rerun(api, workflowId, editedId,
                "{\"fromNode\": \"shout\", \"config\": {\"text\": \"cy\"}, \"triggerInputs\": {\"name\": \"x\"}}");
        assertThat(output(editedTwice, "echo")).as("its own change and the earlier one").isEqualTo("CY?");
        assertThat(editedTwice.get("workflowVersion").asInt()).isLessThan(edited.get("workflowVersion").asInt());
        assertThat(editedTwice.get("triggerInputs").get("name").asString()).isEqualTo("x");
    }

    @Test
    void badNewInputsAndAPausedWorkflowAreRefusedAndNothingIsStored() {
        Api api = organization();
        String workflowId = create(api);
        String originalId = ran(api, workflowId, "ada").get("id").asString();
        String rerun = "/api/v1/executions/" + originalId + "/rerun";

        Api.Response unknown = api.post(rerun, "{\"fromNode\": \"greet\", \"config\": {\"nope\": \"x\"}}");
        assertThat(pointers(unknown)).containsExactly("#/config/nope");
        assertThat(assertProblem(unknown, 400).get("errors").get(0).get("detail").asString())
                .contains("no input 'nope'").contains("text, with, separator");
        assertThat(pointers(api.post(rerun, "{\"fromNode\": \"greet\", \"config\": {\"with\": 5}}")))
                .containsExactly("#/config/with");
        Api.Response ghost = api.post(rerun,
                "{\"fromNode\": \"greet\", \"config\": {\"text\": \"{{ tasks.ghost.outputs.text }}\"}}");
        assertThat(pointers(ghost)).containsExactly("#/config/text");
        assertThat(assertProblem(ghost, 400).get("errors").get(0).get("detail").asString())
                .contains("unknown task 'ghost'");
        assertThat(pointers(api.post(rerun, "{\"fromNode\": \"greet\", \"config\": {\"with\": null}}")))
                .containsExactly("#/config/with");
        assertThat(pointers(api.post(rerun, "{\"fromNode\": \"greet\", \"config\": [1]}")))
                .containsExactly("#/config");
        Api.Response cycle = api.post(rerun,
                "{\"fromNode\": \"shout\", \"config\": {\"text\": \"{{ tasks.echo.outputs.text }}\"}}");
        assertThat(pointers(cycle)).containsExactly("#/config");
        assertThat(assertProblem(cycle, 400).get("detail").asString()).contains("cycle");
        assertThat(pointers(api.post(rerun, "{\"fromNode\": \"greet\", \"config\": {\"nope\": 1},"
                + " \"triggerInputs\": {\"name\": 5}}"))).as("every problem at once")
                .containsExactlyInAnyOrder("#/config/nope", "#/triggerInputs/name");

        assertThat(api.post("/api/v1/workflows/" + workflowId + "/deploy", "").status()).isEqualTo(200);
        assertThat(api.put("/api/v1/workflows/" + workflowId + "/status", "{\"status\": \"paused\"}").status())
                .isEqualTo(200);
        assertProblem(api.post(rerun, "{\"fromNode\": \"greet\", \"config\": {\"with\": \"?\"}}"), 409);

        assertThat(api.get("/api/v1/workflows/" + workflowId + "/executions").body().get("count").asLong())
                .as("nothing started").isEqualTo(1);
        assertThat(server().storedVersions(workflowId)).as("no snapshot stored").isEqualTo(1);
    }

    @Test
    void onlyThoseWhoMayExecuteTheWorkflowRerunItWithNewInputs() {
        Api admin = organization();
        String workflowId = create(admin);
        String originalId = ran(admin, workflowId, "ada").get("id").asString();
        String rerun = "/api/v1/executions/" + originalId + "/rerun";
        String body = "{\"fromNode\": \"greet\", \"config\": {\"with\": \"?\"}}";

        assertProblem(server().newOrganization("v1 rerun stranger " + UUID.randomUUID()).post(rerun, body), 404);
        assertProblem(server().keyOf(admin, "workflows:read", "workflows:write").post(rerun, body), 403);
        assertProblem(server().keyOf(admin, "workflows:read", "workflows:execute").post(rerun, body), 404);

        assertThat(admin.get("/api/v1/workflows/" + workflowId + "/executions").body().get("count").asLong())
                .isEqualTo(1);
        assertThat(server().storedVersions(workflowId)).isEqualTo(1);
    }
}
