package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.durability.SlowEcho;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Steering an execution through {@code /workflows}: pause while a task runs (its result is kept, nothing new starts,
 * resume goes on), pause over a sleep that comes due meanwhile, terminate (the running attempt is told to stop and
 * its late result is dropped), restart (a clean slate, the earlier run readable) and the 409s of actions that do not
 * fit the status. On H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExecutionControlsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    /** slow (SlowEcho, {@code millis}) then next (SlowEcho, quick: not run in memory after slow) then shout. */
    private static String slowThenTwo(Api api, int millis) {
        return api.createWorkflow("""
                {"title": "controls %s",
                 "inputs": [{"name": "text", "type": "text", "required": true}],
                 "tasks": [
                   {"name": "slow", "type": "Test.SlowEcho", "inputs": {"text": "{{ inputs.text }}", "millis": %d}},
                   {"name": "next", "type": "Test.SlowEcho",
                    "inputs": {"text": "{{ tasks.slow.outputs.text }}", "millis": 1}},
                   {"name": "shout", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ tasks.next.outputs.text }}"}}
                 ],
                 "outputs": [{"name": "shouted", "type": "text", "value": "{{ tasks.shout.outputs.text }}"}]}"""
                .formatted(UUID.randomUUID(), millis));
    }

    private static String path(String workflowId, String executionId) {
        return "/workflows/" + workflowId + "/executions/" + executionId;
    }

    private static String status(JsonNode execution) {
        return execution.get("status").asString();
    }

    private static JsonNode task(JsonNode execution, int index) {
        return execution.get("tasks").get(index);
    }

    private JsonNode awaitStatus(String workflowId, String executionId, String status) {
        return api().awaitExecution(workflowId, executionId, WAIT, e -> status(e).equals(status));
    }

    /**
     * Waits until the first task's attempt is running and its body began: the task is RUNNING as soon as it is
     * claimed, and an attempt told to stop before its body began never runs it (nor records that it was stopped).
     */
    private JsonNode awaitAttemptBegun(String workflowId, String executionId, String marker) {
        awaitTaskRunning(workflowId, executionId, 0);
        return api().awaitExecution(workflowId, executionId, WAIT, e -> SlowEcho.STARTED.contains(marker));
    }

    private JsonNode awaitTaskRunning(String workflowId, String executionId, int index) {
        return api().awaitExecution(workflowId, executionId, WAIT,
                e -> task(e, index).get("status").asString().equals("RUNNING"));
    }

    @Test
    void pauseLetsTheRunningTaskFinishKeepsItsResultStartsNothingAndResumeGoesOn() {
        String workflowId = slowThenTwo(api(), 1500);
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"half way\"}}");
        awaitTaskRunning(workflowId, executionId, 0);

        Api.Response paused = api().post(path(workflowId, executionId) + "/pause", null);

        assertThat(paused.status()).as(paused.text()).isEqualTo(200);
        assertThat(status(paused.body())).isEqualTo("PAUSING");
        JsonNode held = awaitStatus(workflowId, executionId, "PAUSED");
        assertThat(task(held, 0).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(task(held, 0).get("output").get("text").asString()).as("the running task's result is kept")
                .isEqualTo("half way");
        assertThat(task(held, 1).get("status").asString()).as("nothing new starts").isEqualTo("PENDING");
        assertThat(task(held, 1).get("attempts").asInt()).isZero();
        Api.Response again = api().post(path(workflowId, executionId) + "/pause", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asString()).isEqualTo("execution " + executionId
                + " is PAUSED; pause is allowed only while it is PENDING, RUNNING, WAITING");

        Api.Response resumed = api().post(path(workflowId, executionId) + "/resume", null);

        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        assertThat(status(resumed.body())).isEqualTo("RUNNING");
        JsonNode done = api().awaitFinished(workflowId, executionId);
        assertThat(status(done)).isEqualTo("COMPLETED");
        assertThat(done.get("outputs").get("shouted").asString()).isEqualTo("HALF WAY");
        assertThat(task(done, 0).get("attempts").asInt()).as("the slow task ran once").isEqualTo(1);
    }

    @Test
    void aSleepThatComesDueWhilePausedCompletesOnResume() {
        String workflowId = api().createWorkflow("""
                {"title": "paused sleep %s",
                 "tasks": [
                   {"name": "nap", "type": "sleep", "inputs": {"duration": 4000}},
                   {"name": "after", "type": "TextOperation.Uppercase", "inputs": {"text": "awake"}}
                 ],
                 "outputs": [{"name": "text", "type": "text", "value": "{{ tasks.after.outputs.text }}"}]}"""
                .formatted(UUID.randomUUID()));
        String executionId = api().startExecution(workflowId, "{}");
        // The execution is WAITING once the park committed and was decided; the task may show WAITING a moment
        // before, while its attempt still counts as running (a pause then answers PAUSING).
        api().awaitExecution(workflowId, executionId, WAIT,
                e -> task(e, 0).get("status").asString().equals("WAITING") && status(e).equals("WAITING"));
        // Long enough that a loaded CI machine pauses it before it comes due (1.5 s was not: it woke, ran, PAUSING).
        Instant due = Instant.now().plusMillis(4000);

        Api.Response paused = api().post(path(workflowId, executionId) + "/pause", null);

        assertThat(status(paused.body())).as("nothing runs: paused at once").isEqualTo("PAUSED");
        // Past the sleep's due time the sleep still waits: it completes on resume, not while paused.
        JsonNode stillPaused = api().awaitExecution(workflowId, executionId, WAIT,
                e -> Instant.now().isAfter(due.plusMillis(500)));
        assertThat(status(stillPaused)).isEqualTo("PAUSED");
        assertThat(task(stillPaused, 0).get("status").asString()).isEqualTo("WAITING");
        Api.Response early = api().post(path(workflowId, executionId) + "/events/go", "{}");
        assertThat(early.status()).as("a paused execution still takes events").isEqualTo(202);

        assertThat(api().post(path(workflowId, executionId) + "/resume", null).status()).isEqualTo(200);

        JsonNode done = api().awaitFinished(workflowId, executionId);
        assertThat(status(done)).isEqualTo("COMPLETED");
        assertThat(done.get("outputs").get("text").asString()).isEqualTo("AWAKE");
    }

    @Test
    void terminateTellsTheRunningAttemptToStopAndDropsItsResult() {
        String marker = "stop me " + UUID.randomUUID();
        String workflowId = slowThenTwo(api(), 60_000);
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"" + marker + "\"}}");
        awaitAttemptBegun(workflowId, executionId, marker);

        Api.Response terminated = api().post(path(workflowId, executionId) + "/terminate", null);

        assertThat(terminated.status()).as(terminated.text()).isEqualTo(200);
        assertThat(status(terminated.body())).isEqualTo("TERMINATED");
        assertThat(terminated.body().get("tasks")).extracting(t -> t.get("status").asString())
                .containsExactly("CANCELLED", "CANCELLED", "CANCELLED");
        api().awaitExecution(workflowId, executionId, WAIT, e -> SlowEcho.STOPPED.contains(marker));
        JsonNode after = api().get(path(workflowId, executionId)).body();
        assertThat(status(after)).isEqualTo("TERMINATED");
        assertThat(task(after, 0).get("output").isNull()).as("the stopped attempt's result is dropped").isTrue();
        Api.Response again = api().post(path(workflowId, executionId) + "/terminate", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asString()).isEqualTo("execution " + executionId
                + " is TERMINATED; terminate is allowed only while it is PENDING, RUNNING, WAITING, PAUSING, PAUSED");
        assertThat(api().get("/workflows/" + workflowId + "/executions?status=TERMINATED").body().get("executions"))
                .extracting(e -> e.get("execution_id").asString()).containsExactly(executionId);
        assertThat(api().get("/workflows/" + workflowId + "/executions?status=cancelled").body().get("executions"))
                .as("the former word still filters").hasSize(1);
    }

    @Test
    void restartRunsAgainFromACleanSlateAndKeepsTheEarlierRunReadable() {
        String workflowId = slowThenTwo(api(), 1);
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"again\"}}");
        JsonNode first = api().awaitFinished(workflowId, executionId);
        assertThat(status(first)).isEqualTo("COMPLETED");
        assertThat(api().post(path(workflowId, executionId) + "/events/ignored", "{\"kept\": 1}").status())
                .as("finished: no event").isEqualTo(409);

        Api.Response restarted = api().post(path(workflowId, executionId) + "/restart", null);

        assertThat(restarted.status()).as(restarted.text()).isEqualTo(200);
        assertThat(restarted.body().get("run").asInt()).isEqualTo(2);
        assertThat(restarted.body().get("outputs").isNull()).isTrue();
        JsonNode second = api().awaitFinished(workflowId, executionId);
        assertThat(status(second)).isEqualTo("COMPLETED");
        assertThat(second.get("outputs").get("shouted").asString()).isEqualTo("AGAIN");
        assertThat(task(second, 0).get("task_id").asString()).as("the new run's tasks are new runs")
                .isNotEqualTo(task(first, 0).get("task_id").asString());
        assertThat(task(second, 0).get("attempts").asInt()).isEqualTo(1);

        JsonNode runs = api().get(path(workflowId, executionId) + "/runs").body();
        assertThat(runs.get("runs")).singleElement().satisfies(run -> {
            assertThat(run.get("run").asInt()).isEqualTo(1);
            assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(run.get("outputs").get("shouted").asString()).isEqualTo("AGAIN");
            assertThat(run.get("tasks")).extracting(t -> t.get("task_id").asString()).containsExactly(
                    task(first, 0).get("task_id").asString(), task(first, 1).get("task_id").asString(),
                    task(first, 2).get("task_id").asString());
            assertThat(run.get("tasks").get(0).get("attempt_history")).hasSize(1);
        });
        assertThat(runs.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void restartWhileATaskRunsStopsItAndTheLateResultTouchesNothing() {
        String marker = "restart me " + UUID.randomUUID();
        String workflowId = slowThenTwo(api(), 60_000);
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"" + marker + "\"}}");
        awaitAttemptBegun(workflowId, executionId, marker);
        String firstRunTask = api().get(path(workflowId, executionId)).body().get("tasks").get(0).get("task_id")
                .asString();

        Api.Response restarted = api().post(path(workflowId, executionId) + "/restart", null);

        assertThat(restarted.status()).as(restarted.text()).isEqualTo(200);
        assertThat(restarted.body().get("run").asInt()).isEqualTo(2);
        api().awaitExecution(workflowId, executionId, WAIT, e -> SlowEcho.STOPPED.contains(marker));
        JsonNode running = awaitTaskRunning(workflowId, executionId, 0);
        assertThat(task(running, 0).get("task_id").asString()).isNotEqualTo(firstRunTask);
        JsonNode earlier = api().get(path(workflowId, executionId) + "/runs").body().get("runs").get(0);
        assertThat(earlier.get("status").asString()).isEqualTo("RUNNING");
        assertThat(earlier.get("tasks").get(0).get("status").asString()).isEqualTo("RUNNING");
        assertThat(api().post(path(workflowId, executionId) + "/terminate", null).status()).isEqualTo(200);
    }

    @Test
    void actionsThatDoNotFitTheStatusAre409AndUnknownOrForeignExecutions404() {
        String workflowId = slowThenTwo(api(), 1);
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"done\"}}");
        api().awaitFinished(workflowId, executionId);

        for (String action : new String[] {"pause", "resume", "terminate", "cancel"}) {
            Api.Response refused = api().post(path(workflowId, executionId) + "/" + action, null);
            assertThat(refused.status()).as(action).isEqualTo(409);
            assertThat(refused.body().get("detail").asString()).as(action)
                    .startsWith("execution " + executionId + " is COMPLETED; ");
        }
        assertThat(status(api().get(path(workflowId, executionId)).body())).isEqualTo("COMPLETED");
        assertThat(api().get(path(workflowId, executionId) + "/runs").body().get("runs")).isEmpty();
        assertThat(api().post(path(workflowId, "ex-01m8zzzzzzzzzzzzzzzzzzzzzz") + "/pause", null).status())
                .isEqualTo(404);
        Api other = TestServer.shared(database).newOrganization("controls other " + UUID.randomUUID());
        for (String action : new String[] {"pause", "resume", "terminate", "restart"}) {
            assertThat(other.post(path(workflowId, executionId) + "/" + action, null).status()).as(action)
                    .isEqualTo(404);
        }
        assertThat(other.get(path(workflowId, executionId) + "/runs").status()).isEqualTo(404);
        assertThat(api().get(path(workflowId, executionId) + "/runs?cursor=nope").status()).isEqualTo(400);
        assertThat(api().get(path(workflowId, executionId) + "/runs?limit=0").status()).isEqualTo(400);
    }

    @Test
    void anExecutionWhoseOtherBranchEndsWhileATaskWaitsIsWaiting() {
        String workflowId = api().createWorkflow("""
                {"title": "branch beside a wait %s",
                 "tasks": [
                   {"name": "wait", "type": "wait_for_event", "inputs": {"event_type": "go"}},
                   {"name": "quick", "type": "TextOperation.Uppercase", "inputs": {"text": "x"}}
                 ]}""".formatted(UUID.randomUUID()));
        String executionId = api().startExecution(workflowId, "{}");

        JsonNode waiting = awaitStatus(workflowId, executionId, "WAITING");

        assertThat(task(waiting, 1).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(api().post(path(workflowId, executionId) + "/events/go", "{}").status()).isEqualTo(202);
        assertThat(status(api().awaitFinished(workflowId, executionId))).isEqualTo("COMPLETED");
    }
}
