package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.store.ExecutionStore.ExecutionDetail;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

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

        ExecutionDetail waiting = EngineHarness.await("the sleep to park", () -> engine.find(execution),
                detail -> task(detail, "nap").status() == TaskStatus.WAITING);
        assertThat(waiting.execution().status()).isEqualTo(ExecutionStatus.WAITING);
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

        assertThat(engine.engine().executions().cancel(engine.organizationId(), execution.workflowId(),
                execution.id())).contains(true);

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

    private static TaskRun task(ExecutionDetail detail, String name) {
        return detail.tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
