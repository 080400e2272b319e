package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.store.EventStore;
import io.dataflow.engine.store.ExecutionStore.ExecutionDetail;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Tasks that park: a sleep waits holding no worker, its execution WAITING while nothing else runs, and completes
 * when its time comes, also on another engine when the one it parked on stopped.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ParkedTaskTests {

    private static TestDatabase.Fresh database;

    @Parameter
    TestDatabase kind;

    private EngineHarness engine;

    @AfterParameterizedClassInvocation
    static void dropDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @BeforeEach
    void startEngine() {
        if (database == null) {
            database = kind.fresh();
        }
        engine = EngineHarness.start(database.database());
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    /** upper, then a sleep of {@code wait}, then lower of what the sleep passed on. */
    private String sleepBetweenTwoTasks() {
        return engine.createWorkflow(new TestDefinition()
                .input("text", PortType.TEXT)
                .input("wait", PortType.TEXT)
                .task("upper", "TextOperation.Uppercase", "{'text': '{{inputs.text}}'}")
                .task("nap", "sleep", "{'value': '{{tasks.upper.outputs.text}}', 'duration': '{{inputs.wait}}'}")
                .task("lower", "TextOperation.Lowercase", "{'text': '{{tasks.nap.outputs.value}}!'}")
                .output("result", PortType.TEXT, "{{tasks.lower.outputs.text}}"));
    }

    @Test
    void aSleepWaitsHoldingNoWorkerThenTheExecutionGoesOn() {
        String workflow = sleepBetweenTwoTasks();
        Execution execution = engine.start(workflow, "{'text': 'Ada', 'wait': '700'}");

        // The execution is read before its tasks, not in one snapshot: wait until both show the park.
        ExecutionDetail waiting = EngineHarness.await("the sleep to park", () -> engine.find(execution),
                detail -> task(detail, "nap").status() == TaskStatus.WAITING
                        && detail.execution().status() == ExecutionStatus.WAITING);
        assertThat(task(waiting, "lower").status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task(waiting, "nap").output()).as("shown once it completes").isNull();

        ExecutionDetail done = engine.awaitTerminal(execution);
        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs().get("result").asString()).isEqualTo("ada!");
        TaskRun nap = task(done, "nap");
        Instant due = Instant.parse(nap.output().get("until").asString());
        assertThat(nap.completedAt()).isAfterOrEqualTo(due);
        assertThat(task(done, "lower").startedAt()).isAfterOrEqualTo(due);
        assertThat(nap.attempts()).singleElement().satisfies(a -> assertThat(a.attempt()).isEqualTo(1));
    }

    @Test
    void aSleepParkedByAStoppedEngineEndsOnAnotherOne() {
        String workflow = sleepBetweenTwoTasks();
        Execution execution = engine.start(workflow, "{'text': 'Grace', 'wait': '1500'}");
        EngineHarness.await("the sleep to park", () -> engine.find(execution),
                detail -> task(detail, "nap").status() == TaskStatus.WAITING);

        engine.close();

        try (EngineHarness next = EngineHarness.start(database.database())) {
            // Read through the first engine's organization; the next engine runs whatever is in the database.
            ExecutionDetail done = EngineHarness.await("the sleep to end on the next engine",
                    () -> engine.find(execution), detail -> detail.execution().status().isTerminal());
            assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(done.execution().outputs().get("result").asString()).isEqualTo("grace!");
            TaskRun nap = task(done, "nap");
            assertThat(nap.completedAt()).isAfterOrEqualTo(Instant.parse(nap.output().get("until").asString()));
        }
    }

    @Test
    void terminatingASleepingExecutionCancelsTheSleep() {
        String workflow = sleepBetweenTwoTasks();
        Execution execution = engine.start(workflow, "{'text': 'x', 'wait': '1 minute'}");
        EngineHarness.await("the sleep to park", () -> engine.find(execution),
                detail -> task(detail, "nap").status() == TaskStatus.WAITING);

        assertThat(engine.engine().executions().act(engine.organizationId(), execution.workflowId(),
                execution.id(), ExecutionAction.TERMINATE)).isInstanceOf(ActionResult.Applied.class);

        ExecutionDetail ended = engine.find(execution);
        assertThat(ended.execution().status()).isEqualTo(ExecutionStatus.TERMINATED);
        assertThat(ended.tasks()).extracting(TaskRun::name, TaskRun::status).containsExactly(
                tuple("upper", TaskStatus.COMPLETED), tuple("nap", TaskStatus.CANCELLED),
                tuple("lower", TaskStatus.CANCELLED));
    }

    @Test
    void aBadDurationFailsTheTaskForGood() {
        String workflow = sleepBetweenTwoTasks();
        Execution execution = engine.start(workflow, "{'text': 'x', 'wait': '400 days'}");

        ExecutionDetail failed = engine.awaitTerminal(execution);
        assertThat(failed.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.execution().error().get("message").asString())
                .isEqualTo("input 'duration' is longer than the most a task may wait, 365 days, got '400 days'");
    }

    /**
     * {@code ask} makes the event type, {@code approval}, which {@code answer} then waits for (timeout from input
     * {@code timeout}); the payload's note is lower-cased.
     */
    private String approvalWorkflow(RetryPolicy retry) {
        return engine.createWorkflow(new TestDefinition()
                .input("timeout", PortType.TEXT)
                .task("ask", "TextOperation.Lowercase", "{'text': 'APPROVAL'}")
                .task("answer", "wait_for_event", "{'event_type': '{{tasks.ask.outputs.text}}',"
                        + " 'timeout': '{{inputs.timeout}}'}", retry)
                .task("note", "TextOperation.Lowercase", "{'text': '{{tasks.answer.outputs.payload.note}}'}")
                .output("note", PortType.TEXT, "{{tasks.note.outputs.text}}"));
    }

    private EventStore.Sending send(Execution execution, String type, String payloadJson) {
        return engine.engine().executions().sendEvent(engine.organizationId(), execution.workflowId(), execution.id(),
                type, Json.parse(payloadJson));
    }

    @Test
    void aWaitTakesTheEventSentWhileItWaitsAndGoesOn() {
        Execution execution = engine.start(approvalWorkflow(null), "{'timeout': '1 minute'}");
        ExecutionDetail waiting = EngineHarness.await("the wait to park", () -> engine.find(execution),
                detail -> task(detail, "answer").status() == TaskStatus.WAITING
                        && detail.execution().status() == ExecutionStatus.WAITING);

        EventStore.Sending sent = send(execution, "approval", "{\"note\": \"Approved\"}");

        assertThat(sent).isInstanceOfSatisfying(EventStore.Sent.class,
                s -> assertThat(s.event().takenBy()).isEqualTo(task(waiting, "answer").id()));
        ExecutionDetail done = engine.awaitTerminal(execution);
        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs().get("note").asString()).isEqualTo("approved");
        JsonNode event = task(done, "answer").output();
        assertThat(event.get("type").asString()).isEqualTo("approval");
        assertThat(event.get("payload").get("note").asString()).isEqualTo("Approved");
        assertThat(Instant.parse(event.get("timestamp").asString())).isBeforeOrEqualTo(task(done, "note").startedAt());
    }

    @Test
    void eventsSentBeforeAWaitAreKeptAndTakenFirstInFirstOutPerType() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("nap", "sleep", "{'value': 'go', 'duration': 300}")
                .task("first", "wait_for_event", "{'event_type': '{{tasks.nap.outputs.value}}', 'timeout': 'PT1M'}")
                .output("got", PortType.ANY, "{{tasks.first.outputs.payload}}"));
        Execution execution = engine.start(workflow, "{}");

        send(execution, "other", "1");
        send(execution, "go", "{\"n\": 1}");
        send(execution, "go", "{\"n\": 2}");

        ExecutionDetail done = engine.awaitTerminal(execution);
        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs().get("got").get("n").asInt()).as("the oldest").isEqualTo(1);
        List<EventStore.Event> events = engine.engine().executions().events(engine.organizationId(), workflow,
                execution.id(), null, 10).orElseThrow().items();
        assertThat(events).extracting(EventStore.Event::type, e -> e.takenBy() != null).containsExactly(
                tuple("other", false), tuple("go", true), tuple("go", false));
    }

    @Test
    void aWaitThatTimesOutFailsAndItsRetryWaitsAgain() {
        Execution execution = engine.start(approvalWorkflow(TestDefinition.retries(2, Duration.ZERO, 1.0)),
                "{'timeout': '300'}");
        ExecutionDetail retried = EngineHarness.await("the first wait to time out", () -> engine.find(execution),
                detail -> task(detail, "answer").attempts().size() == 1
                        && task(detail, "answer").status() == TaskStatus.WAITING);
        assertThat(task(retried, "answer").attempts().getFirst().error())
                .isEqualTo("no 'approval' event arrived before the wait timed out");

        ExecutionDetail failed = engine.awaitTerminal(execution);
        assertThat(failed.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(task(failed, "answer").attempts()).hasSize(2);
        assertThat(failed.execution().error().get("message").asString())
                .isEqualTo("no 'approval' event arrived before the wait timed out");
    }

    @Test
    void eventsAreRefusedForAFinishedOrUnknownExecutionAndABadType() {
        Execution execution = engine.start(approvalWorkflow(null), "{'timeout': '1 minute'}");
        assertThatThrownBy(() -> send(execution, "not ok", "{}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("letters, digits, '-' and '_'");
        engine.engine().executions().act(engine.organizationId(), execution.workflowId(), execution.id(),
                ExecutionAction.TERMINATE);

        assertThat(send(execution, "approval", "{}")).isEqualTo(new EventStore.Finished(ExecutionStatus.TERMINATED));
        assertThat(engine.engine().executions().sendEvent("org-other", execution.workflowId(), execution.id(),
                "approval", null)).isInstanceOf(EventStore.NoExecution.class);
    }

    private static TaskRun task(ExecutionDetail detail, String name) {
        return detail.tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
