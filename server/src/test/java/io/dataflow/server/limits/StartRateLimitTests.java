package io.dataflow.server.limits;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
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
}
