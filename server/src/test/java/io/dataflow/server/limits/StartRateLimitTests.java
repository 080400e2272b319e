package io.dataflow.server.limits;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import io.dataflow.server.support.TestWorkflows;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code DATAFLOW_LIMIT_STARTS_PER_SECOND}: an organization that starts faster than its rate, once its burst is
 * spent, gets 429 with {@code Retry-After} and a problem naming the limit, and nothing is started; another
 * organization starts as before. A server of its own whose rate (one start per 100 s, bursts of 3) no test could
 * refill by waiting.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StartRateLimitTests {

    private static final int BURST = 3;
    private static final String WORKFLOW = """
            {"name": "%s", "steps": [{"type": "StaticTextInput", "input": "hi"}, {"type": "Echo"}]}""";

    private static TestServer server;

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase database) {
        server = TestServer.start(database, Map.of("DATAFLOW_LIMIT_STARTS_PER_SECOND", "0.01",
                "DATAFLOW_LIMIT_STARTS_BURST", Integer.toString(BURST)));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    @Test
    void startsBeyondTheBurstAre429WithRetryAfterAndStartNothing() {
        Api tenant = server.newOrganization("fast " + UUID.randomUUID());
        String workflowId = tenant.createWorkflow(WORKFLOW.formatted("Rate"));
        String executions = "/workflows/" + workflowId + "/executions";
        for (int i = 0; i < BURST; i++) {
            // Both start endpoints draw on the one budget.
            Api.Response started = i % 2 == 0 ? tenant.post(executions, "{}")
                    : tenant.post("/workflows/" + workflowId + "/execute", "{}");
            assertThat(started.status()).as(started.text()).isEqualTo(202);
        }

        Api.Response refused = tenant.post(executions, "{\"inputs\": {}}");
        Api.Response refusedSeed000 = tenant.post("/workflows/" + workflowId + "/execute", null);

        for (Api.Response response : new Api.Response[] {refused, refusedSeed000}) {
            JsonNode problem = assertProblem(response, 429);
            assertThat(problem.get("limit").asString()).isEqualTo("DATAFLOW_LIMIT_STARTS_PER_SECOND");
            assertThat(problem.get("detail").asString()).contains("DATAFLOW_LIMIT_STARTS_PER_SECOND")
                    .contains("0.01 per second");
            // One start per 100 s: the next token is up to 100 s away.
            assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 100L);
        }
        assertThat(tenant.listAll(executions, "executions", 100)).hasSize(BURST);
    }

    @Test
    void anotherOrganizationStartsWhileOneIsOverItsRate() {
        Api fast = server.newOrganization("fast " + UUID.randomUUID());
        Api other = server.newOrganization("other " + UUID.randomUUID());
        String fastWorkflow = fast.createWorkflow(WORKFLOW.formatted("Rate"));
        String otherWorkflow = other.createWorkflow(WORKFLOW.formatted("Rate"));
        for (int i = 0; i < BURST; i++) {
            fast.startExecution(fastWorkflow, "{}");
        }
        assertProblem(fast.post("/workflows/" + fastWorkflow + "/executions", "{}"), 429);

        Api.Response response = other.post("/workflows/" + otherWorkflow + "/executions", "{}");

        assertThat(response.status()).as(response.text()).isEqualTo(202);
    }

    @Test
    void aRerunWithNewInputsCountsAsAStartAndOverTheRateStoresNothing() {
        Api tenant = server.newOrganization("rerun " + UUID.randomUUID());
        String workflowId = tenant.createWorkflow(WORKFLOW.formatted("Rate"));
        String originalId = tenant.startExecution(workflowId, "{}");
        tenant.awaitFinished(workflowId, originalId);
        String rerun = "/api/v1/executions/" + originalId + "/rerun";
        String body = "{\"fromNode\": \"step_2\", \"config\": {\"text\": \"ho\"}}";
        for (int i = 1; i < BURST; i++) {
            Api.Response started = i % 2 == 0 ? tenant.post(rerun, body) : tenant.post("/workflows/" + workflowId
                    + "/executions/" + originalId + "/rerun", "{\"from_task\": \"step_2\", \"task_inputs\":"
                    + " {\"text\": \"ho\"}}");
            assertThat(started.status()).as(started.text()).isIn(201, 202);
        }
        long versions = server.storedVersions(workflowId);

        JsonNode problem = assertProblem(tenant.post(rerun, body), 429);

        assertThat(problem.get("limit").asString()).isEqualTo("DATAFLOW_LIMIT_STARTS_PER_SECOND");
        assertThat(tenant.listAll("/workflows/" + workflowId + "/executions", "executions", 100)).hasSize(BURST);
        assertThat(server.storedVersions(workflowId)).as("no snapshot for the refused rerun").isEqualTo(versions);
    }

    @Test
    void aBatchOfInstancesCountsEachAsAStartAllOrNone() {
        Api tenant = server.newOrganization("batch " + UUID.randomUUID());
        String base = boundWorkflow(tenant);
        for (int i = 0; i < BURST - 1; i++) {
            Api.Response single = tenant.post(base + "/instances", "{}");
            assertThat(single.status()).as(single.text()).isEqualTo(200);
        }

        // One start is left: a batch of two is refused whole, not cut to one.
        Api.Response refused = tenant.post(base + "/instances/batch",
                "[{\"instance_id\": \"a\"}, {\"instance_id\": \"b\"}]");

        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.body().get("success").asBoolean()).isFalse();
        assertThat(refused.body().get("errors").get(0).get("message").asString())
                .contains("DATAFLOW_LIMIT_STARTS_PER_SECOND").contains("this batch is 2 starts");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 100L);
        assertThat(instanceCount(tenant, base)).isEqualTo(BURST - 1);
        Api.Response last = tenant.post(base + "/instances", "{\"instance_id\": \"a\"}");
        assertThat(last.status()).as("the refused batch took nothing: " + last.text()).isEqualTo(200);
    }

    @Test
    void aBatchLargerThanTheBurstTakesAFullBucketAndTheStartsAfterItWait() {
        Api tenant = server.newOrganization("big batch " + UUID.randomUUID());
        String base = boundWorkflow(tenant);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < BURST + 2; i++) {
            batch.append(i == 0 ? "" : ", ").append("{\"params\": {}}");
        }

        Api.Response started = tenant.post(base + "/instances/batch", batch.append("]").toString());

        assertThat(started.status()).as(started.text()).isEqualTo(200);
        assertThat(started.body().get("result")).hasSize(BURST + 2);
        // It owes two starts beyond its burst: the next start waits for three refills, up to 300 s here.
        Api.Response next = tenant.post(base + "/instances", "{}");
        assertThat(next.status()).as(next.text()).isEqualTo(429);
        assertThat(Long.parseLong(next.header("Retry-After"))).isBetween(201L, 300L);
        assertThat(instanceCount(tenant, base)).isEqualTo(BURST + 2);
    }

    @Test
    void startsTheEngineRefusesTakeNothingFromTheRate() {
        Api tenant = server.newOrganization("refused " + UUID.randomUUID());
        String empty = TestWorkflows.graph(tenant, "[]");
        String emptyBase = bind(tenant, empty);

        // More refused starts than the burst, in every dialect: a workflow with no task cannot run.
        assertProblem(tenant.post("/api/v1/workflows/" + empty + "/execute", ""), 400);
        assertProblem(tenant.post("/workflows/" + empty + "/execute", null), 400);
        assertProblem(tenant.post("/workflows/" + empty + "/executions", "{}"), 400);
        assertThat(tenant.post(emptyBase + "/instances", "{}").status()).isEqualTo(400);
        assertThat(tenant.post(emptyBase + "/instances/batch", "[{}, {}]").status()).isEqualTo(400);
        // Nor do starts of what does not exist.
        assertProblem(tenant.post("/workflows/wf-nothing/executions", "{}"), 404);
        String unbound = emptyBase.substring(0, emptyBase.lastIndexOf('/') + 1) + "unbound";
        assertThat(tenant.post(unbound + "/instances", "{}").status()).isEqualTo(404);
        assertThat(tenant.post(unbound + "/instances/batch", "[{}]").status()).isEqualTo(404);

        String workflowId = tenant.createWorkflow(WORKFLOW.formatted("Rate"));
        for (int i = 0; i < BURST; i++) {
            Api.Response started = tenant.post("/workflows/" + workflowId + "/executions", "{}");
            assertThat(started.status()).as("the refused starts took nothing: " + started.text()).isEqualTo(202);
        }
        assertProblem(tenant.post("/workflows/" + workflowId + "/executions", "{}"), 429);
    }

    /** Binds a workflow of the organization under a new name; the base path of its /accounts routes. */
    static String boundWorkflow(Api tenant) {
        return bind(tenant, tenant.createWorkflow(WORKFLOW.formatted("Rate")));
    }

    /** Binds this workflow of the organization under a new name; the base path of its /accounts routes. */
    static String bind(Api tenant, String workflowId) {
        String account = server.engine().apiKeys().authenticate(tenant.key()).orElseThrow().organizationId();
        String base = "/accounts/" + account + "/workflows/rate-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response bound = tenant.put(base, "{\"class_name\": \"Rate\", \"script_name\": \"" + workflowId
                + "\"}");
        assertThat(bound.status()).as(bound.text()).isEqualTo(200);
        return base;
    }

    static long instanceCount(Api tenant, String base) {
        Api.Response listed = tenant.get(base + "/instances?per_page=1");
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        return listed.body().get("result_info").get("total_count").asLong();
    }
}
