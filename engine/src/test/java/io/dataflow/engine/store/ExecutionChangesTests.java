package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@link ExecutionChanges}: a watcher of an execution is told once per committed transaction that changed it, after
 * the commit, never for another execution or a transaction that rolled back; every control and an event sent tell
 * it too; a watcher that throws keeps nothing else from running.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ExecutionChangesTests {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private StoreFixture stores;
    private TaskQueue queue;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "changes");
        queue = new TaskQueue(stores.database, stores.outbox, clock, OutputLimits.DEFAULT, stores.plans);
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void aWatcherIsToldOnceEachChangeCommitsAndOnlyOfItsOwnExecution() {
        TestDefinition twoTasks = new TestDefinition().task("a", "Test.Pure", "{}")
                .task("b", "Test.Pure", "{'value': '{{tasks.a.outputs.value}}'}");
        Execution watched = stores.start(null, twoTasks);
        Execution other = stores.start(null, twoTasks);
        // What the watcher sees of the execution when told, read on another connection: only committed rows.
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger otherTold = new AtomicInteger();

        try (ExecutionChanges.Watch watch = stores.changes.watch(watched.id(), () -> seen.add(state(watched)));
                ExecutionChanges.Watch otherWatch = stores.changes.watch(other.id(), otherTold::incrementAndGet)) {
            List<ClaimedTask> claimed = queue.claim("worker", 10, LEASE);
            assertThat(claimed).hasSize(2);
            assertThat(seen).as("one transaction, told once: the execution and its task both changed")
                    .containsExactly("RUNNING a=RUNNING b=PENDING");
            assertThat(otherTold).hasValue(1);

            ClaimedTask a = claimed.stream().filter(t -> t.execution().id().equals(watched.id())).findFirst()
                    .orElseThrow();
            assertThat(stores.transitions.complete(success(a, NO_OUTPUTS), LEASE).recorded()).isTrue();
            assertThat(seen).containsExactly("RUNNING a=RUNNING b=PENDING", "RUNNING a=COMPLETED b=RUNNING");
            assertThat(otherTold).as("the other execution did not change").hasValue(1);

            assertThat(stores.transitions.complete(success(a, NO_OUTPUTS), LEASE).recorded()).isFalse();
            assertThat(seen).as("a stale result changes nothing and tells nobody").hasSize(2);
            assertThat(stores.changes.watched(watched.id())).isTrue();
        }
        assertThat(stores.changes.watched(watched.id())).as("a closed watch is forgotten").isFalse();
        assertThat(stores.changes.watched(other.id())).isFalse();
        assertThat(stores.transitions.actAll(stores.organizationId, watched.workflowId(), List.of(watched.id()),
                ExecutionAction.TERMINATE).getFirst()).isInstanceOf(ActionResult.Applied.class);
        assertThat(seen).as("nobody is told after the watch closed").hasSize(2);
    }

    @Test
    void aTransactionThatRollsBackTellsNobody() {
        Execution execution = stores.start(null, new TestDefinition().task("a", "Test.Pure", "{}"));
        ClaimedTask a = queue.claim("worker", 10, LEASE).getFirst();
        AtomicInteger told = new AtomicInteger();

        try (ExecutionChanges.Watch watch = stores.changes.watch(execution.id(), told::incrementAndGet)) {
            // The last task's completion records its event, then settling the execution throws: all rolled back.
            assertThatThrownBy(() -> stores.transitions.complete(success(a, FAILING_SETTLER), LEASE))
                    .hasMessageContaining("settling failed");
            assertThat(state(execution)).as("rolled back").isEqualTo("RUNNING a=RUNNING");
            assertThat(told).hasValue(0);

            assertThat(stores.transitions.complete(success(a, NO_OUTPUTS), LEASE).recorded()).isTrue();
            assertThat(told).hasValue(1);
            assertThat(state(execution)).isEqualTo("COMPLETED a=COMPLETED");
        }
    }

    @Test
    void aWatcherThatThrowsKeepsTheWakeUpsOfItsTransactionFromNothing() {
        String workflowId = stores.workflow(new TestDefinition().task("a", "Test.Pure", "{}"));
        Execution execution = new Execution(Ids.next("ex"), stores.organizationId, workflowId, 1,
                ExecutionStatus.QUEUED, Json.object(), null, null, null, "api.dataflow", clock.instant(), null, null);
        AtomicInteger told = new AtomicInteger();
        stores.changes.watch(execution.id(), () -> {
            told.incrementAndGet();
            throw new IllegalStateException("a broken watcher");
        });
        stores.wakeUps.clear();

        // Inserting tells the watchers first (its event), then wakes the claimers.
        assertThat(stores.executions.insertAll(List.of(new ExecutionStore.NewExecution(execution,
                PlannedStep.of(stores.plans.plan(workflowId, 1), StepDefaults.ENGINE))))).containsExactly(true);

        assertThat(told).hasValue(1);
        assertThat(stores.wakeUps.told()).containsExactly(Optional.empty());
    }

    @Test
    void theControlsAndAnEventGivenToAWaitingTaskTellTheWatchers() {
        try (TestDatabase.Fresh fresh = kind.fresh(); EngineHarness harness = EngineHarness.start(fresh.database())) {
            Engine engine = harness.engine();
            String workflowId = harness.createWorkflow(new TestDefinition()
                    .task("wait", "wait_for_event", "{'event_type': 'go'}")
                    .task("upper", "TextOperation.Uppercase", "{'text': 'done'}"));
            Execution execution = harness.start(workflowId, "{}");
            AtomicInteger told = new AtomicInteger();
            try (ExecutionChanges.Watch watch = engine.changes().watch(execution.id(), told::incrementAndGet)) {
                EngineHarness.await("the wait to park", () -> harness.find(execution),
                        d -> d.execution().status() == ExecutionStatus.WAITING);
                // A control and an event commit on the caller's thread, which tells the watchers before returning.
                for (ExecutionAction action : List.of(ExecutionAction.PAUSE, ExecutionAction.RESUME)) {
                    int before = told.get();
                    assertThat(engine.executions().act(harness.organizationId(), workflowId, execution.id(), action))
                            .isInstanceOf(ActionResult.Applied.class);
                    assertThat(told.get()).as(action.word()).isGreaterThan(before);
                }
                int beforeEvent = told.get();
                assertThat(engine.executions().sendEvent(harness.organizationId(), workflowId, execution.id(), "go",
                        Json.object())).isInstanceOf(EventStore.Sent.class);
                assertThat(told.get()).as("the event given to the waiting task").isGreaterThan(beforeEvent);

                assertThat(harness.awaitTerminal(execution).execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
                // After the event's own commit, the workers' (the wait completed, upper run and the execution
                // settled), counted from before the event: the workers may commit before sendEvent returns.
                assertThat(told.get()).isGreaterThanOrEqualTo(beforeEvent + 3);

                for (ExecutionAction action : List.of(ExecutionAction.RESTART, ExecutionAction.TERMINATE)) {
                    int before = told.get();
                    assertThat(engine.executions().act(harness.organizationId(), workflowId, execution.id(), action))
                            .isInstanceOf(ActionResult.Applied.class);
                    assertThat(told.get()).as(action.word()).isGreaterThan(before);
                }
            }
        }
    }

    private static final TaskTransitions.Settler NO_OUTPUTS = settler(false);
    private static final TaskTransitions.Settler FAILING_SETTLER = settler(true);

    private static TaskTransitions.Settler settler(boolean fails) {
        return new TaskTransitions.Settler() {
            @Override
            public Set<String> needs() {
                return Set.of();
            }

            @Override
            public JsonNode outputs(Map<String, JsonNode> taskOutputs) {
                if (fails) {
                    throw new IllegalStateException("settling failed");
                }
                return Json.object();
            }
        };
    }

    private static TaskTransitions.Success success(ClaimedTask task, TaskTransitions.Settler settler) {
        JsonNode output = Json.object().put("value", "x");
        return new TaskTransitions.Success(task, StoredJson.of(Json.object()), StoredJson.of(output), null, List.of(),
                Map.of(task.name(), output), settler);
    }

    /** The execution's status and its tasks' as committed, e.g. {@code RUNNING a=COMPLETED b=PENDING}. */
    private String state(Execution execution) {
        ExecutionStore.ExecutionDetail detail = stores.find(execution).orElseThrow();
        StringBuilder state = new StringBuilder(detail.execution().status().name());
        for (TaskRun task : detail.tasks()) {
            state.append(' ').append(task.name()).append('=').append(task.status());
        }
        return state.toString();
    }
}
