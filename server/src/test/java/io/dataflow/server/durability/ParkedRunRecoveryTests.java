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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Kills the server (SIGKILL) while executions sleep or wait for an event, and checks that a new server on the same
 * database ends each sleep no earlier than its time (one that came due while no server ran ends at start-up, one due
 * later on time) and that the wait still takes the event sent after the restart.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ParkedRunRecoveryTests {

    private static final String WORKFLOW = """
            {"title": "nap between two steps",
             "inputs": [{"name": "text", "type": "text"}, {"name": "wait", "type": "text"}],
             "tasks": [
               {"name": "upper", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ inputs.text }}"}},
               {"name": "nap", "type": "sleep",
                "inputs": {"value": "{{ tasks.upper.outputs.text }}", "duration": "{{ inputs.wait }}"}},
               {"name": "lower", "type": "TextOperation.Lowercase", "inputs": {"text": "{{ tasks.nap.outputs.value }}"}}
             ],
             "outputs": [{"name": "result", "type": "text", "value": "{{ tasks.lower.outputs.text }}"}]}""";
    private static final String APPROVAL = """
            {"title": "approval",
             "tasks": [
               {"name": "ask", "type": "TextOperation.Uppercase", "inputs": {"text": "may I?"}},
               {"name": "answer", "type": "wait_for_event", "inputs": {"event_type": "approval", "timeout": "3 days"}}
             ],
             "outputs": [{"name": "note", "type": "any", "value": "{{ tasks.answer.outputs.payload }}"}]}""";

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
    void sleepsEndNoEarlierThanTheirTimeAndAWaitTakesItsEventAfterTheServerWasKilled() throws Exception {
        db = database.fresh();
        Map<String, String> settings = new HashMap<>(TestServer.properties(db));
        settings.put("DATAFLOW_LEASE_MS", "1500");

        String workflowId;
        String dueWhileDown;
        String dueAfterRestart;
        String approvalId;
        String waiting;
        try (ServerProcess first = ServerProcess.start(settings)) {
            Api api = first.api();
            approvalId = api.createWorkflow(APPROVAL);
            waiting = api.startExecution(approvalId, "{}");
            api.awaitExecution(approvalId, waiting, Duration.ofSeconds(30),
                    e -> e.get("tasks").get(1).get("status").asString().equals("WAITING"));
            // The short sleep is started last, so that the server is killed while it sleeps even on a busy machine.
            workflowId = api.createWorkflow(WORKFLOW);
            dueAfterRestart = start(api, workflowId, "Grace", "PT20S");
            dueWhileDown = start(api, workflowId, "Ada", "1 second");
            for (String execution : new String[] {dueWhileDown, dueAfterRestart}) {
                api.awaitExecution(workflowId, execution, Duration.ofSeconds(30),
                        e -> e.get("tasks").get(1).get("status").asString().equals("WAITING"));
            }
            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(settings)) {
            Api api = second.api();
            Api.Response sent = api.post("/workflows/" + approvalId + "/executions/" + waiting + "/events/approval",
                    "{\"approved\": true}");
            assertThat(sent.status()).as(sent.text()).isEqualTo(202);
            JsonNode approved = api.awaitFinished(approvalId, waiting);
            assertThat(approved.get("status").asString()).as(approved.toString()).isEqualTo("COMPLETED");
            assertThat(approved.get("outputs").get("note").get("approved").asBoolean()).isTrue();
            assertSleptThenCompleted(api, workflowId, dueWhileDown, "ada");
            assertSleptThenCompleted(api, workflowId, dueAfterRestart, "grace");
        }
        assertThat(count("SELECT COUNT(*) FROM task_attempts")).as("no attempt was lost or failed").isZero();
    }

    private static String start(Api api, String workflowId, String text, String wait) {
        Api.Response started = api.post("/workflows/" + workflowId + "/executions",
                "{\"inputs\": {\"text\": \"" + text + "\", \"wait\": \"" + wait + "\"}}");
        assertThat(started.status()).isEqualTo(202);
        return started.body().get("workflow_execution_id").asString();
    }

    private static void assertSleptThenCompleted(Api api, String workflowId, String executionId, String result) {
        JsonNode execution = api.awaitExecution(workflowId, executionId, Duration.ofSeconds(90),
                e -> e.get("status").asString().matches("COMPLETED|FAILED|TERMINATED"));
        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        assertThat(execution.get("outputs").get("result").asString()).isEqualTo(result);
        JsonNode nap = execution.get("tasks").get(1);
        Instant due = Instant.parse(nap.get("output").get("until").asString());
        assertThat(Instant.parse(nap.get("completed_at").asString())).isAfterOrEqualTo(due);
        assertThat(Instant.parse(execution.get("tasks").get(2).get("started_at").asString())).isAfterOrEqualTo(due);
        assertThat(nap.get("attempts").asInt()).isEqualTo(1);
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
