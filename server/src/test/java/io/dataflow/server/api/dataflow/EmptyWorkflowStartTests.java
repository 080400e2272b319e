package io.dataflow.server.api.dataflow;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.StoredRows;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import io.dataflow.server.support.TestWorkflows;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /workflows} refuses {@code steps: []}, but a workflow can be left with no task through {@code /api/v1} (an
 * empty draft, a graph of only a trigger). Such a workflow takes no execution here either, since it would never end:
 * both start endpoints are {@code 400} at the document's list of tasks ({@code #/steps} on seed 000's
 * {@code execute}, {@code #/tasks} on seed 001's {@code executions}); an execution left on such a version is
 * terminated, but neither restarted, rerun, nor restarted by a bulk job. Nothing is stored.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EmptyWorkflowStartTests {

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api organization() {
        return server().newOrganization("empty workflows " + UUID.randomUUID());
    }

    private StoredRows stored() {
        return new StoredRows(server());
    }

    private static void refusedAt(Api.Response response, String workflowId, String pointer) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(pointers(response)).containsExactly(pointer);
        assertThat(problem.get("detail").asString()).isEqualTo("workflow " + workflowId + " has no "
                + pointer.substring(2) + " to run: add one");
    }

    @Test
    void bothStartEndpointsRefuseAWorkflowWithoutTasksAtItsListOfTasks() {
        Api api = organization();
        for (String nodes : TestWorkflows.NO_TASK_NODES) {
            String id = TestWorkflows.graph(api, nodes);

            refusedAt(api.post("/workflows/" + id + "/execute", null), id, "#/steps");
            refusedAt(api.post("/workflows/" + id + "/execute", "{\"input\": {}}"), id, "#/steps");
            refusedAt(api.post("/workflows/" + id + "/executions", "{\"inputs\": {}}"), id, "#/tasks");

            assertThat(stored().executions(id)).as(nodes).isZero();
            assertThat(api.get("/workflows/" + id + "/executions").body().get("executions")).isEmpty();
        }
    }

    @Test
    void anExecutionLeftOnAVersionWithoutTasksIsTerminatedButNeitherRestartedNorRerun() {
        Api api = organization();
        String id = api.createWorkflow(TestWorkflows.dummy());
        String execution = api.startExecution(id, "{}");
        api.awaitFinished(id, execution);
        Api.Response emptied = api.put("/api/v1/workflows/" + id, "{\"nodes\": [], \"connections\": []}");
        assertThat(emptied.body().get("version").asInt()).as(emptied.text()).isEqualTo(2);
        stored().strand(execution, 2);
        String path = "/workflows/" + id + "/executions/" + execution;
        assertThat(api.get(path).body().get("status").asString()).isEqualTo("PENDING");

        Api.Response terminated = api.post(path + "/terminate", null);
        assertThat(terminated.status()).as(terminated.text()).isEqualTo(200);
        refusedAt(api.post(path + "/restart", null), id, "#/tasks");
        refusedAt(api.post(path + "/rerun", "{\"from_task\": \"step_1\"}"), id, "#/tasks");

        Api.Response job = api.post("/workflows/" + id + "/executions/bulk", "{\"action\": \"restart\","
                + " \"filter\": {\"ids\": [\"" + execution + "\"]}}");
        assertThat(job.status()).as(job.text()).isEqualTo(202);
        JsonNode done = BulkJobsApiTests.awaitFinished(api, job.header("Location"));
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("counts").toString()).isEqualTo(
                "{\"matched\":1,\"applied\":0,\"skipped\":1,\"not_found\":0}");

        JsonNode after = api.get(path).body();
        assertThat(after.get("status").asString()).isEqualTo("TERMINATED");
        assertThat(after.get("run").asInt()).isEqualTo(1);
        assertThat(stored().executions(id)).isEqualTo(1);
    }
}
