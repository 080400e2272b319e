package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.StartedBy;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Bulk terminate of 10,000 executions over HTTP: every sleeping execution of the workflow is TERMINATED by one
 * request, and the executions the filter does not select (paused ones of the same workflow, sleeping ones of
 * another) are untouched. The executions are real ones, started through the engine (as the API would, many at a
 * time) so that starting them does not meet the organization's start rate limit.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BulkTerminateTests {

    private static final int SLEEPERS = 10_000;
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    @Parameter
    TestDatabase database;

    @Test
    void bulkTerminateOfTenThousandExecutions() throws Exception {
        TestServer server = TestServer.shared(database);
        Api api = server.newOrganization("bulk-" + UUID.randomUUID());
        String organization = server.engine().apiKeys().authenticate(api.key()).orElseThrow()
                .organizationId();
        String workflowId = sleeper(api);
        String otherWorkflowId = sleeper(api);
        List<String> sleeping = start(server, organization, workflowId, SLEEPERS);
        List<String> paused = start(server, organization, workflowId, 3);
        List<String> elsewhere = start(server, organization, otherWorkflowId, 3);
        awaitCount(server, workflowId, "WAITING", SLEEPERS + paused.size());
        paused.forEach(id -> server.engine().executions().act(organization, workflowId, id, ExecutionAction.PAUSE));
        awaitCount(server, otherWorkflowId, "WAITING", elsewhere.size());

        Api.Response accepted = api.post("/workflows/" + workflowId + "/executions/bulk",
                "{\"action\": \"terminate\", \"filter\": {\"status\": [\"WAITING\"]}}");
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String location = accepted.header("Location");
        assertThat(location).isEqualTo("/workflows/" + workflowId + "/executions/bulk/"
                + accepted.body().get("job_id").asString());
        assertThat(accepted.body().get("expected").asInt()).isEqualTo(SLEEPERS);

        JsonNode job = awaitFinished(api, location);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.get("counts")).isEqualTo(Json.parse("{\"matched\": " + SLEEPERS + ", \"applied\": " + SLEEPERS
                + ", \"skipped\": 0, \"not_found\": 0}"));
        Map<String, Integer> statuses = statuses(server, workflowId);
        assertThat(statuses.get("TERMINATED")).as("%s", statuses).isEqualTo(SLEEPERS);
        assertThat(statuses(server, sleeping)).as("the sleepers").containsOnlyKeys("TERMINATED");
        assertThat(statuses(server, paused)).as("the paused ones").doesNotContainKey("TERMINATED");
        assertThat(statuses(server, elsewhere)).as("another workflow's").containsOnlyKeys("WAITING");

        // Tidy up, by ids this time: nothing of this test stays asleep on the shared server.
        List<String> rest = new ArrayList<>(paused);
        Api.Response tidy = api.post("/workflows/" + workflowId + "/executions/bulk",
                "{\"action\": \"terminate\", \"filter\": {\"ids\": " + Json.write(rest) + "}}");
        assertThat(awaitFinished(api, tidy.header("Location")).get("counts").get("applied").asInt()).isEqualTo(3);
        Api.Response other = api.post("/workflows/" + otherWorkflowId + "/executions/bulk",
                "{\"action\": \"terminate\", \"filter\": {\"status\": [\"WAITING\"]}}");
        assertThat(awaitFinished(api, other.header("Location")).get("counts").get("applied").asInt()).isEqualTo(3);
        assertThat(statuses(server, paused)).containsOnlyKeys("TERMINATED");
    }

    /** A workflow whose executions sleep for an hour: they stay WAITING until something stops them. */
    private static String sleeper(Api api) {
        return api.createWorkflow("""
                {"title": "sleeper %s",
                 "tasks": [{"name": "nap", "type": "sleep", "inputs": {"duration": "PT1H"}}],
                 "outputs": []}""".formatted(UUID.randomUUID()));
    }

    /** Starts {@code count} executions through the engine, many at once, as concurrent API requests would. */
    static List<String> start(TestServer server, String organization, String workflowId, int count)
            throws Exception {
        ExecutionService executions = server.engine().executions();
        Semaphore inFlight = new Semaphore(256);
        List<Future<Execution>> started = new ArrayList<>(count);
        try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                started.add(starters.submit(() -> {
                    try {
                        return executions.start(organization, workflowId, new ExecutionService.StartRequest(
                                Json.object(), null, "api.dataflow", StartedBy.UNKNOWN)).orElseThrow();
                    } finally {
                        inFlight.release();
                    }
                }));
            }
        }
        List<String> ids = new ArrayList<>(count);
        for (Future<Execution> execution : started) {
            ids.add(execution.get().id());
        }
        return ids;
    }

    private static JsonNode awaitFinished(Api api, String location) {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Api.Response read = api.get(location);
            assertThat(read.status()).as(read.text()).isEqualTo(200);
            last = read.body();
            if (List.of("COMPLETED", "FAILED").contains(last.get("status").asString())) {
                return last;
            }
            pause();
        }
        throw new AssertionError("bulk job " + location + " did not finish within " + DEADLINE + "; last seen: "
                + last);
    }

    private static void awaitCount(TestServer server, String workflowId, String status, int count) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            Integer seen = statuses(server, workflowId).get(status);
            if (seen != null && seen == count) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(count + " executions were not " + status + " within " + DEADLINE
                        + "; last seen: " + statuses(server, workflowId));
            }
            pause();
        }
    }

    /** How many of the workflow's executions are in each engine status. */
    private static Map<String, Integer> statuses(TestServer server, String workflowId) {
        return query(server, "SELECT status, COUNT(*) FROM executions WHERE workflow_id = ? GROUP BY status",
                List.of(workflowId));
    }

    /** How many of these executions are in each engine status. */
    private static Map<String, Integer> statuses(TestServer server, List<String> ids) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            query(server, "SELECT status, COUNT(*) FROM executions WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ") GROUP BY status", chunk)
                    .forEach((status, n) -> counts.merge(status, n, Integer::sum));
        }
        return counts;
    }

    private static Map<String, Integer> query(TestServer server, String sql, List<String> params) {
        Map<String, Integer> counts = new TreeMap<>();
        try (Connection connection = server.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setString(i + 1, params.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
