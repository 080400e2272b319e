package io.dataflow.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.ServerProcess;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Stops the engine the hard way in the middle of executions and checks that a new server on the same database
 * finishes every accepted execution, with each task's output recorded exactly once.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CrashRecoveryTests {

    private static final int EXECUTIONS = 6;

    @Parameter
    TestDatabase database;

    private TestDatabase.Fresh db;

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.drop();
        }
    }

    @Test
    void killedServerLosesNoExecutionAndRecordsEachTaskOnce() throws Exception {
        db = database.fresh();
        Map<String, String> settings = new HashMap<>(TestServer.properties(db));
        settings.put("DATAFLOW_LEASE_MS", "1500");
        settings.put("DATAFLOW_WORKERS", "4");

        String workflowId;
        List<String> executions = new ArrayList<>();
        try (ServerProcess first = ServerProcess.start(settings)) {
            Api api = first.api();
            workflowId = api.createWorkflow("""
                    {"title": "slow chain", "inputs": [{"name": "text", "type": "text"}],
                     "tasks": [
                       {"name": "a", "type": "Test.SlowEcho", "inputs": {"text": "{{ inputs.text }}", "millis": 700}},
                       {"name": "b", "type": "Test.SlowEcho", "inputs": {"text": "{{ tasks.a.outputs.text }}-b", "millis": 700}},
                       {"name": "c", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ tasks.b.outputs.text }}"}}
                     ],
                     "outputs": [{"name": "result", "type": "text", "value": "{{ tasks.c.outputs.text }}"}]}""");
            for (int i = 0; i < EXECUTIONS; i++) {
                Api.Response started = api.post("/workflows/" + workflowId + "/executions",
                        "{\"inputs\": {\"text\": \"run" + i + "\"}}");
                assertThat(started.status()).isEqualTo(202);
                executions.add(started.body().get("workflow_execution_id").asString());
            }
            // Kill while attempts are in flight: at least one task of the first execution is running.
            api.awaitExecution(workflowId, executions.getFirst(), Duration.ofSeconds(30),
                    e -> e.get("tasks").valueStream().anyMatch(t -> t.get("status").asString().equals("RUNNING")));
            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(settings)) {
            Api api = second.api();
            for (int i = 0; i < EXECUTIONS; i++) {
                JsonNode execution = api.awaitExecution(workflowId, executions.get(i), Duration.ofSeconds(90),
                        e -> e.get("status").asString().matches("COMPLETED|FAILED|TERMINATED"));
                assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
                assertThat(execution.get("outputs").get("result").asString()).isEqualTo("RUN" + i + "-B");
                for (JsonNode task : execution.get("tasks")) {
                    long completed = task.get("attempt_history").valueStream()
                            .filter(a -> a.get("status").asString().equals("COMPLETED")).count();
                    assertThat(completed).as("completed attempts of %s in %s", task.get("name"), execution)
                            .isEqualTo(1);
                }
            }
            assertThat(api.get("/workflows/" + workflowId + "/executions?limit=100").body().get("executions"))
                    .hasSize(EXECUTIONS);
        }
        // Some attempt was really cut off by the kill and taken over after its lease expired.
        assertThat(count(db, "SELECT COUNT(*) FROM task_attempts WHERE status = 'LOST'")).isPositive();
        // Each task's output is recorded once, on its task run; the successful attempt has no row of its own.
        assertThat(count(db, "SELECT COUNT(*) FROM task_runs WHERE status = 'COMPLETED' AND output IS NOT NULL"))
                .isEqualTo(EXECUTIONS * 3L);
        assertThat(count(db, "SELECT COUNT(*) FROM task_attempts WHERE status = 'COMPLETED'")).isZero();
    }

    private static long count(TestDatabase.Fresh db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
