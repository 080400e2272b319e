package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.parameters;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's executions: one read node by node, a workflow's executions filtered and paged, the controls (pause,
 * resume, terminate, restart, rerun from a node), who may see an execution, and bad input. On H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExecutionsV1ApiTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> FINISHED = Set.of("completed", "failed", "terminated");

    /** trigger -> nap (a ten-minute sleep passing the name on) -> echo: waits until it is told otherwise. */
    static final String NAPPING_GRAPH = """
            {
              "name": "%s",
              "nodes": [
                {"id": "trigger", "nodeId": "trigger.manual", "config": {"inputs": [{"name": "name", "type": "text"}]}},
                {"id": "nap", "nodeId": "sleep", "config": {"duration": "10 minutes"}},
                {"id": "echo", "nodeId": "Echo"}
              ],
              "connections": [
                {"sourceNodeId": "trigger", "sourcePort": "name", "targetNodeId": "nap", "targetPort": "value"},
                {"sourceNodeId": "nap", "sourcePort": "value", "targetNodeId": "echo", "targetPort": "input"}
              ]
            }""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api organization() {
        return server().newOrganization("v1 executions " + UUID.randomUUID());
    }

    private static String create(Api api, String graph) {
        Api.Response created = api.post("/api/v1/workflows", graph.formatted("executions " + UUID.randomUUID()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("workflowId").asString();
    }

    private static String execute(Api api, String workflowId, String triggerInputs) {
        Api.Response executed = api.post("/api/v1/workflows/" + workflowId + "/execute",
                "{\"triggerInputs\": " + triggerInputs + "}");
        assertThat(executed.status()).as(executed.text()).isEqualTo(201);
        return executed.body().get("executionId").asString();
    }

    private static JsonNode await(Api api, String executionId, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Api.Response response = api.get("/api/v1/executions/" + executionId);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            last = response.body();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("execution " + executionId + " did not get there; last seen: " + last);
    }

    private static JsonNode awaitFinished(Api api, String executionId) {
        return await(api, executionId, e -> FINISHED.contains(e.get("status").asString()));
    }

    private static JsonNode awaitNap(Api api, String executionId) {
        return await(api, executionId, e -> e.get("nodes").path("nap").path("status").asString().equals("waiting"));
    }

    private static String status(Api.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().get("status").asString();
    }

    @Test
    void anExecutionReadsNodeByNodeInCamelCase() {
        Api api = organization();
        String workflowId = create(api, WorkflowsV1ApiTests.GREETING_GRAPH);
        String executionId = execute(api, workflowId, "{\"name\": \"ada\"}");

        JsonNode done = awaitFinished(api, executionId);

        assertThat(done.propertyNames()).containsExactly("id", "workflowId", "workflowVersion", "status",
                "triggerInputs", "output", "error", "createdAt", "startedAt", "finishedAt", "rerunOf", "nodes");
        assertThat(done.get("id").asString()).isEqualTo(executionId);
        assertThat(done.get("workflowId").asString()).isEqualTo(workflowId);
        assertThat(done.get("workflowVersion").asInt()).isEqualTo(1);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("triggerInputs").get("name").asString()).isEqualTo("ada");
        assertThat(done.get("output").get("echo").get("text").asString()).isEqualTo("ADA");
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(done.get("nodes").propertyNames()).containsExactly("shout", "echo");
        JsonNode shout = done.get("nodes").get("shout");
        assertThat(shout.propertyNames()).containsExactly("nodeId", "status", "input", "output", "error", "attempts",
                "attemptHistory", "startedAt", "finishedAt");
        assertThat(shout.get("nodeId").asString()).isEqualTo("TextOperation.Uppercase");
        assertThat(shout.get("status").asString()).isEqualTo("completed");
        assertThat(shout.get("input").get("text").asString()).isEqualTo("ada");
        assertThat(shout.get("output").get("text").asString()).isEqualTo("ADA");
        assertThat(shout.get("attempts").asInt()).isEqualTo(1);
        assertThat(shout.get("attemptHistory").get(0).get("status").asString()).isEqualTo("completed");
        assertThat(done.get("nodes").get("echo").get("input").get("text").asString()).isEqualTo("ADA");
    }

    @Test
    void aWorkflowsExecutionsAreFilteredByStatusAndPagedByOffset() {
        Api api = organization();
        String workflowId = create(api, WorkflowsV1ApiTests.GREETING_GRAPH);
        List<String> newestFirst = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            String executionId = execute(api, workflowId, "{\"name\": \"" + name + "\"}");
            awaitFinished(api, executionId);
            newestFirst.add(0, executionId);
        }
        String napping = create(api, NAPPING_GRAPH);
        String waiting = execute(api, napping, "{\"name\": \"z\"}");
        awaitNap(api, waiting);

        JsonNode first = api.get("/api/v1/workflows/" + workflowId + "/executions?limit=2").body();
        assertThat(first.propertyNames()).containsExactly("count", "limit", "offset", "executions");
        assertThat(first.get("count").asLong()).isEqualTo(3);
        assertThat(first.get("limit").asInt()).isEqualTo(2);
        assertThat(first.get("executions").valueStream().map(e -> e.get("id").asString()))
                .containsExactlyElementsOf(newestFirst.subList(0, 2));
        JsonNode summary = first.get("executions").get(0);
        assertThat(summary.get("status").asString()).isEqualTo("completed");
        assertThat(summary.get("workflowId").asString()).isEqualTo(workflowId);
        assertThat(summary.has("nodes")).isFalse();
        JsonNode second = api.get("/api/v1/workflows/" + workflowId + "/executions?limit=2&offset=2").body();
        assertThat(second.get("offset").asInt()).isEqualTo(2);
        assertThat(second.get("executions").valueStream().map(e -> e.get("id").asString()))
                .containsExactly(newestFirst.get(2));

        assertThat(api.get("/api/v1/workflows/" + workflowId + "/executions?status=running").body().get("count")
                .asLong()).isZero();
        assertThat(api.get("/api/v1/workflows/" + workflowId + "/executions?status=failed,completed").body()
                .get("count").asLong()).isEqualTo(3);
        JsonNode waitingOnes = api.get("/api/v1/workflows/" + napping + "/executions?status=waiting,running").body();
        assertThat(waitingOnes.get("executions").valueStream().map(e -> e.get("id").asString()))
                .containsExactly(waiting);
        assertThat(api.get("/api/v1/workflows/" + napping + "/executions?status=completed").body().get("count")
                .asLong()).isZero();
        assertThat(status(api.post("/api/v1/executions/" + waiting + "/terminate", ""))).isEqualTo("terminated");
    }

    @Test
    void pauseResumeTerminateAndRestartSteerAWaitingExecution() {
        Api api = organization();
        String workflowId = create(api, NAPPING_GRAPH);
        String executionId = execute(api, workflowId, "{\"name\": \"ada\"}");
        String path = "/api/v1/executions/" + executionId;
        assertThat(awaitNap(api, executionId).get("status").asString()).isIn("running", "waiting");

        Api.Response paused = api.post(path + "/pause", "");
        assertThat(status(paused)).isIn("pausing", "paused");
        assertThat(paused.body().get("nodes").get("nap").get("status").asString()).isEqualTo("waiting");
        await(api, executionId, e -> e.get("status").asString().equals("paused"));
        JsonNode again = assertProblem(api.post(path + "/pause", ""), 409);
        assertThat(again.get("detail").asString()).isEqualTo("execution " + executionId
                + " is paused; pause is allowed only while it is queued, running, waiting");
        assertThat(again.get("executionStatus").asString()).isEqualTo("paused");

        assertThat(status(api.post(path + "/resume", ""))).isIn("waiting", "running");
        assertProblem(api.post(path + "/resume", ""), 409);

        Api.Response terminated = api.post(path + "/terminate", "");
        assertThat(status(terminated)).isEqualTo("terminated");
        assertThat(terminated.body().get("nodes").get("nap").get("status").asString()).isEqualTo("cancelled");
        assertThat(terminated.body().get("finishedAt").isNull()).isFalse();
        assertProblem(api.post(path + "/terminate", ""), 409);
        Api.Response rerun = api.post(path + "/rerun", "{\"fromNode\": \"nap\"}");
        assertThat(rerun.status()).as("a terminated execution has finished: " + rerun.text()).isEqualTo(201);
        String rerunId = rerun.body().get("executionId").asString();
        assertThat(awaitNap(api, rerunId).get("rerunOf").asString()).isEqualTo(executionId);
        assertThat(status(api.post("/api/v1/executions/" + rerunId + "/terminate", ""))).isEqualTo("terminated");

        Api.Response restarted = api.post(path + "/restart", "");
        assertThat(status(restarted)).isIn("queued", "running", "waiting");
        assertThat(restarted.body().get("id").asString()).isEqualTo(executionId);
        JsonNode napping = awaitNap(api, executionId);
        assertThat(napping.get("triggerInputs").get("name").asString()).isEqualTo("ada");
        JsonNode unfinished = assertProblem(api.post(path + "/rerun", "{\"fromNode\": \"nap\"}"), 409);
        assertThat(unfinished.get("detail").asString()).contains("it can be rerun once it is completed, failed, "
                + "terminated");
        assertThat(status(api.post(path + "/terminate", ""))).isEqualTo("terminated");
    }

    @Test
    void rerunFromANodeReusesWhatCameBeforeIt() {
        Api api = organization();
        String workflowId = create(api, WorkflowsV1ApiTests.GREETING_GRAPH);
        String original = execute(api, workflowId, "{\"name\": \"ada\"}");
        awaitFinished(api, original);

        Api.Response rerun = api.post("/api/v1/executions/" + original + "/rerun", "{\"fromNode\": \"echo\"}");

        assertThat(rerun.status()).as(rerun.text()).isEqualTo(201);
        assertThat(rerun.body().propertyNames()).containsExactly("executionId");
        String rerunId = rerun.body().get("executionId").asString();
        assertThat(rerun.header("Location")).isEqualTo("/api/v1/executions/" + rerunId);
        JsonNode done = awaitFinished(api, rerunId);
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("rerunOf").asString()).isEqualTo(original);
        assertThat(done.get("output").get("echo").get("text").asString()).isEqualTo("ADA");

        String withNewInputs = api.post("/api/v1/executions/" + original + "/rerun",
                "{\"fromNode\": \"shout\", \"triggerInputs\": {\"name\": \"grace\"}}").body().get("executionId")
                .asString();
        assertThat(awaitFinished(api, withNewInputs).get("output").get("echo").get("text").asString())
                .isEqualTo("GRACE");
        JsonNode listed = api.get("/api/v1/workflows/" + workflowId + "/executions").body();
        assertThat(listed.get("count").asLong()).isEqualTo(3);
    }

    @Test
    void onlyThoseWhoMayReadTheWorkflowSeeItsExecutions() {
        Api admin = organization();
        Api owner = server().keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        Api colleague = server().keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        String workflowId = create(owner, WorkflowsV1ApiTests.GREETING_GRAPH);
        String executionId = execute(owner, workflowId, "{\"name\": \"ada\"}");
        awaitFinished(owner, executionId);
        String path = "/api/v1/executions/" + executionId;

        assertProblem(colleague.get(path), 404);
        assertProblem(colleague.get("/api/v1/workflows/" + workflowId + "/executions"), 404);
        assertProblem(colleague.post(path + "/restart", ""), 404);
        assertProblem(colleague.post(path + "/rerun", "{\"fromNode\": \"echo\"}"), 404);
        Api stranger = organization();
        assertProblem(stranger.get(path), 404);
        assertProblem(stranger.get("/api/v1/workflows/" + workflowId + "/executions"), 404);
        assertProblem(stranger.post(path + "/terminate", ""), 404);
        assertThat(admin.get(path).status()).as("administrators read everything").isEqualTo(200);

        String colleagueId = server().engine().apiKeys().authenticate(colleague.key()).orElseThrow().userId();
        owner.post("/api/v1/workflows/" + workflowId + "/share", "{\"userId\": \"" + colleagueId + "\"}");
        assertThat(colleague.get(path).status()).isEqualTo(200);
        assertThat(colleague.get("/api/v1/workflows/" + workflowId + "/executions").body().get("count").asLong())
                .isEqualTo(1);
    }

    @Test
    void badInputIsA400NamingTheFieldAndChangesNothing() {
        Api api = organization();
        String workflowId = create(api, WorkflowsV1ApiTests.GREETING_GRAPH);
        String executionId = execute(api, workflowId, "{\"name\": \"ada\"}");
        awaitFinished(api, executionId);
        String list = "/api/v1/workflows/" + workflowId + "/executions";
        String rerun = "/api/v1/executions/" + executionId + "/rerun";

        for (String query : List.of("?status=done", "?status=running,,completed", "?status=RUNNING")) {
            Api.Response response = api.get(list + query);
            assertProblem(response, 400);
            assertThat(parameters(response)).as(query).containsExactly("status");
        }
        for (String query : List.of("?limit=0", "?limit=101", "?limit=ten")) {
            Api.Response response = api.get(list + query);
            assertProblem(response, 400);
            assertThat(parameters(response)).as(query).containsExactly("limit");
        }
        Api.Response offset = api.get(list + "?offset=-1");
        assertProblem(offset, 400);
        assertThat(parameters(offset)).containsExactly("offset");

        assertThat(refusedAt(api.post(rerun, "{\"fromNode\": \"nowhere\"}"))).containsExactly("#/fromNode");
        assertThat(assertProblem(api.post(rerun, "{\"fromNode\": \"trigger\"}"), 400).get("errors").get(0)
                .get("detail").asString()).contains("'shout'", "'echo'");
        assertThat(refusedAt(api.post(rerun, "{\"fromNode\": 7}"))).containsExactly("#/fromNode");
        assertThat(refusedAt(api.post(rerun, "{}"))).containsExactly("#/fromNode");
        assertThat(refusedAt(api.post(rerun, "{\"fromNode\": \"shout\", \"triggerInputs\": [1]}")))
                .containsExactly("#/triggerInputs");
        assertThat(refusedAt(api.post(rerun, "{\"fromNode\": \"shout\", \"from_task\": \"shout\"}")))
                .containsExactly("#/from_task");
        assertThat(refusedAt(api.post(rerun, "{\"fromNode\": \"shout\", \"triggerInputs\": {\"name\": 5}}")))
                .containsExactly("#/triggerInputs/name");
        assertProblem(api.post(rerun, "[]"), 400);
        assertProblem(api.post(rerun, "not json"), 400);

        assertProblem(api.get("/api/v1/executions/exe-nothing"), 404);
        assertProblem(api.post("/api/v1/executions/exe-nothing/pause", ""), 404);
        assertProblem(api.post("/api/v1/executions/exe-nothing/rerun", "{\"fromNode\": \"echo\"}"), 404);
        assertProblem(api.get("/api/v1/workflows/wf-nothing/executions"), 404);
        assertThat(api.get(list).body().get("count").asLong()).as("nothing was started").isEqualTo(1);
    }

    @Test
    void theOpenApiDocumentDescribesEachEndpointAndTheNodesByTheirId() {
        JsonNode doc = server().api().get("/v3/api-docs").body();
        JsonNode paths = doc.get("paths");

        assertThat(paths.get("/api/v1/executions/{executionId}").has("get")).isTrue();
        assertThat(paths.get("/api/v1/workflows/{id}/executions").has("get")).isTrue();
        for (String action : List.of("pause", "resume", "terminate", "restart", "rerun")) {
            assertThat(paths.get("/api/v1/executions/{executionId}/" + action).has("post")).as(action).isTrue();
        }
        JsonNode nodes = doc.get("components").get("schemas").get("V1Execution").get("properties").get("nodes");
        assertThat(nodes.get("type").asString()).isEqualTo("object");
        assertThat(nodes.get("additionalProperties").get("$ref").asString()).endsWith("/V1NodeRun");
    }

    private static List<String> refusedAt(Api.Response response) {
        assertProblem(response, 400);
        return pointers(response);
    }
}
