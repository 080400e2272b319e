package io.dataflow.server.limits;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9, finding 2: expressions a member of an organization can write once froze the server. Several run at once
 * here while the test keeps asking for {@code /actuator/health}: it must keep answering, and each execution ends
 * with its expression's result or with the limit it hit.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class RunawayExpressionTests {

    /** Generous: a health check answers in milliseconds; before the fix it waited 7 s to forever. */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "TERMINATED");

    @Parameter
    TestDatabase database;

    private static String transform(String expression) {
        return """
                {"title": "p %s", "inputs": [], "tasks": [{"name": "t", "type": "json.transform", "timeout_seconds": 1,
                 "inputs": {"data": 1, "expression": "%s"}}], "outputs": []}"""
                .formatted(UUID.randomUUID(), expression.replace("\"", "\\\""));
    }

    @Test
    void healthKeepsAnsweringWhileRunawayExpressionsRunAndEachStopsAtItsLimit() {
        TestServer server = TestServer.shared(database);
        Api admin = server.newOrganization("runaway " + UUID.randomUUID());
        Api member = server.keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        // The reproduction from the issue: dashjoin's $pad is quadratic, so 300000 took seconds of CPU per run...
        String padded = member.createWorkflow(transform("$length($pad(\"\", 300000, \"x\"))"));
        // ... and 10000000 never returned.
        String huge = member.createWorkflow(transform("$length($pad(\"\", 10000000, \"x\"))"));
        // A regular expression that backtracks for hours.
        String backtracking = member.createWorkflow(transform("$match($pad(\"\", 40, \"a\"), /(.*a){12}b/)"));

        List<String[]> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (String workflow : List.of(padded, huge, backtracking)) {
                runs.add(new String[] {workflow, member.startExecution(workflow, "{}")});
            }
        }

        List<JsonNode> finished = awaitAllWhileCheckingHealth(member, runs);

        for (int i = 0; i < runs.size(); i++) {
            JsonNode execution = finished.get(i);
            String workflow = runs.get(i)[0];
            if (workflow.equals(padded)) {
                // Linear now, and well within the string limit: milliseconds of work. The time limit is wall-clock
                // time, so on a machine busy enough (the backtracking runs here hold the cores for a second each)
                // it may still be stopped, by the time limit and nothing else.
                if (execution.get("status").asString().equals("COMPLETED")) {
                    assertThat(member.get("/workflows/" + workflow + "/executions/" + runs.get(i)[1]).text())
                            .contains("300000");
                } else {
                    assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("FAILED");
                    assertThat(execution.toString()).contains("ran longer than 1000 ms");
                }
            } else {
                assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("FAILED");
                assertThat(execution.toString()).contains(workflow.equals(huge)
                        ? "the expression built a string longer than 1048576 characters"
                        : "ran longer than 1000 ms");
            }
        }
    }

    /** Polls health and the executions until all finished; every health check must answer 200. */
    private static List<JsonNode> awaitAllWhileCheckingHealth(Api api, List<String[]> runs) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            Api.Response health = api.send(api.request("/actuator/health").timeout(HEALTH_TIMEOUT).GET());
            assertThat(health.status()).as(health.text()).isEqualTo(200);
            List<JsonNode> executions = new ArrayList<>();
            for (String[] run : runs) {
                executions.add(api.get("/workflows/" + run[0] + "/executions/" + run[1]).body());
            }
            if (executions.stream().allMatch(e -> FINISHED.contains(e.get("status").asString()))) {
                return executions;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the executions did not finish within " + DEADLINE + ": " + executions);
            }
        }
    }
}
