package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.AttemptStatus;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The queue and the transitions on each database, with a settable clock: a lease that expires is reclaimed as a
 * LOST attempt, only the holder of the current attempt of a running task run can record its outcome, a retry waits
 * its delay, and nothing of an execution that ended is retried. Each test has a database of its own, so a claim can
 * only find the task runs the test made.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SchedulerFencingTests {

    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final RetryPolicy THREE = TestDefinition.retries(3, Duration.ZERO, 1.0);
    private static final TaskTransitions.Settler NO_OUTPUTS = new TaskTransitions.Settler() {
        @Override
        public Set<String> needs() {
            return Set.of();
        }

        @Override
        public JsonNode outputs(Map<String, JsonNode> taskOutputs) {
            return Json.object();
        }
    };

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private StoreFixture stores;
    private TaskQueue queue;
    private TaskTransitions transitions;
    private ExecutionStore executions;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "fencing");
        queue = new TaskQueue(stores.database, stores.outbox, clock, OutputLimits.DEFAULT, stores.plans);
        transitions = stores.transitions;
        executions = stores.executions;
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) { // null when PostgreSQL is skipped
            stores.close();
        }
    }

    @Test
    void anExpiredLeaseIsReclaimedAndTheFirstHoldersLateResultIsStale() {
        Execution execution = startExecution(3);
        ClaimedTask first = claimOne("worker-1");
        assertThat(first.attempt()).isEqualTo(1);

        clock.advance(LEASE.plusMillis(1));
        assertThat(transitions.reclaimExpiredLeases(10)).isEqualTo(1);

        TaskRun reclaimed = task(execution, "a");
        assertThat(reclaimed.status()).isEqualTo(TaskStatus.READY);
        assertThat(reclaimed.attempts()).singleElement().satisfies(lost -> {
            assertThat(lost.status()).isEqualTo(AttemptStatus.LOST);
            assertThat(lost.worker()).isEqualTo("worker-1");
        });

        ClaimedTask second = claimOne("worker-2");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(queue.renew("worker-1", List.of(first.id()), LEASE)).as("not cancelled: the late result is fenced")
                .isEmpty();

        TaskTransitions.Completion stale = complete(first, "from worker-1");
        assertThat(stale.recorded()).isFalse();
        assertThat(stale.next()).isEmpty();
        TaskRun untouched = task(execution, "a");
        assertThat(untouched.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(untouched.attempt()).isEqualTo(2);
        assertThat(untouched.output()).isNull();
        assertThat(untouched.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.LOST);
        assertThat(task(execution, "b").status()).isEqualTo(TaskStatus.PENDING);
        assertThat(transitions.fail(first, null, "late failure", true, Duration.ZERO)).as("a stale failure").isEmpty();
        assertThat(task(execution, "a").status()).isEqualTo(TaskStatus.RUNNING);

        TaskTransitions.Completion current = complete(second, "from worker-2");
        assertThat(current.recorded()).isTrue();
        TaskRun completed = task(execution, "a");
        assertThat(completed.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(completed.output().get("value").asString()).isEqualTo("from worker-2");
        assertThat(completed.attempts()).extracting(TaskAttempt::status, TaskAttempt::worker)
                .containsExactly(tuple(AttemptStatus.LOST, "worker-1"), tuple(AttemptStatus.COMPLETED, "worker-2"));
        assertThat(current.next()).hasValueSatisfying(next -> {
            assertThat(next.name()).isEqualTo("b");
            assertThat(next.worker()).isEqualTo("worker-2");
        });
    }

    @Test
    void aLeaseLostOnTheLastAttemptFailsTheExecution() {
        Execution execution = startExecution(1);
        claimOne("worker-1");

        clock.advance(LEASE.plusMillis(1));
        assertThat(transitions.reclaimExpiredLeases(10)).as("task runs made ready again").isZero();

        ExecutionStore.ExecutionDetail detail = find(execution);
        assertThat(detail.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(task(execution, "a").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task(execution, "a").attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.LOST);
        assertThat(task(execution, "b").status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void oneBatchRecordsTheCompletionsOfSeveralExecutionsAndDropsOnlyTheStaleOne() {
        Execution first = startExecution(3);
        Execution second = startExecution(3);
        List<ClaimedTask> claimed = queue.claim("worker-1", 10, LEASE);
        assertThat(claimed).hasSize(2);
        ClaimedTask stale = new ClaimedTask(claimed.getFirst().id(), "worker-0", claimed.getFirst().execution(), "a",
                "Test.Flaky", 7, 3, Json.object(), claimed.getFirst().executionCreatedAt(), clock.instant());

        List<TaskTransitions.Completion> completions = transitions.completeAll(List.of(success(stale, "stale"),
                success(claimed.get(0), "one"), success(claimed.get(1), "two")), LEASE);

        assertThat(completions.get(0).recorded()).as("the stale attempt").isFalse();
        assertThat(completions.get(0).next()).isEmpty();
        for (int i = 1; i <= 2; i++) {
            ClaimedTask done = claimed.get(i - 1);
            assertThat(completions.get(i).recorded()).isTrue();
            assertThat(completions.get(i).next()).as("b of the same execution, claimed for the same worker")
                    .hasValueSatisfying(next -> {
                        assertThat(next.execution().id()).isEqualTo(done.execution().id());
                        assertThat(next.name()).isEqualTo("b");
                        assertThat(next.attempt()).isEqualTo(1);
                        assertThat(next.worker()).isEqualTo("worker-1");
                    });
        }
        for (Execution execution : List.of(first, second)) {
            TaskRun a = task(execution, "a");
            assertThat(a.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(a.output().get("value").asString()).isIn("one", "two");
            assertThat(a.attempts()).extracting(TaskAttempt::status, TaskAttempt::worker)
                    .containsExactly(tuple(AttemptStatus.COMPLETED, "worker-1"));
            TaskRun b = task(execution, "b");
            assertThat(b.status()).isEqualTo(TaskStatus.RUNNING);
            assertThat(b.id()).isEqualTo(Ids.taskRun(execution.id(), 1, "b"));
        }
    }

    @Test
    void aLeaseThatIsRenewedIsNotReclaimed() {
        startExecution(3);
        ClaimedTask claimed = claimOne("worker-1");

        clock.advance(LEASE.dividedBy(2));
        assertThat(queue.renew("worker-1", List.of(claimed.id()), LEASE)).as("nothing to stop").isEmpty();
        clock.advance(LEASE.dividedBy(2).plusMillis(1));

        assertThat(transitions.reclaimExpiredLeases(10)).isZero();
        assertThat(complete(claimed, "done").recorded()).isTrue();
    }

    @Test
    void renewingTheLeaseOfARunWhoseExecutionWasTerminatedOrRestartedNamesItToStop() {
        Execution terminated = startExecution(2);
        ClaimedTask first = claimOne("worker-1");
        assertThat(transitions.cancel(ExecutionRef.of(terminated))).isTrue();
        Execution restarted = startExecution(2);
        ClaimedTask second = claimOne("worker-1");
        assertThat(transitions.actAll(restarted.organizationId(), restarted.workflowId(), List.of(restarted.id()),
                ExecutionAction.RESTART)).singleElement().isInstanceOf(ActionResult.Applied.class);

        assertThat(queue.renew("worker-1", List.of(first.id(), second.id()), LEASE))
                .containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(complete(first, "late").recorded()).isFalse();
        assertThat(complete(second, "late").recorded()).isFalse();
    }

    @Test
    void theStoreWakesClaimersOnlyOnceTheWorkItMadeReadyIsCommitted() {
        // Each wake-up must find its work: count the claimable task runs another connection sees when it arrives.
        List<Long> claimableWhenWoken = new CopyOnWriteArrayList<>();
        stores.wakeUps.onWakeUp(() -> claimableWhenWoken.add(stores.database.read(sql -> sql.one(
                "SELECT COUNT(*) AS n FROM task_runs WHERE status = 'READY'", r -> r.longValue("n")).orElseThrow())));

        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("b", "Test.Flaky", after("a"), THREE).task("c", "Test.Flaky", after("a"), THREE));
        assertThat(stores.wakeUps.told()).as("after the start").containsExactly(Optional.empty());
        assertThat(claimableWhenWoken).containsExactly(1L);

        ClaimedTask a = claimOne("worker-1");
        Duration delay = Duration.ofSeconds(30);
        transitions.fail(a, null, "try again", true, delay);
        assertThat(stores.wakeUps.told()).as("after a failure to retry").containsExactly(Optional.empty(),
                Optional.of(clock.instant().plus(delay)));

        clock.advance(delay);
        a = claimOne("worker-1");
        stores.wakeUps.clear();
        claimableWhenWoken.clear();
        TaskTransitions.Completion completion = transitions.complete(new TaskTransitions.Success(a, stored(Json.object()),
                stored(Json.object().put("value", "one")), clock.instant(), List.of(), Map.of(), NO_OUTPUTS), LEASE);
        assertThat(completion.next()).as("b is claimed for the same worker").isPresent();
        assertThat(stores.wakeUps.told()).as("c became ready for the dispatcher").containsExactly(Optional.empty());
        assertThat(claimableWhenWoken).containsExactly(1L);

        clock.advance(LEASE.plusMillis(1));
        stores.wakeUps.clear();
        assertThat(transitions.reclaimExpiredLeases(10)).isEqualTo(1);
        assertThat(stores.wakeUps.told()).as("b's lease was taken back").containsExactly(Optional.of(clock.instant()));
        assertThat(find(execution).tasks()).extracting(TaskRun::name, TaskRun::status).containsExactly(
                tuple("a", TaskStatus.COMPLETED), tuple("b", TaskStatus.READY), tuple("c", TaskStatus.READY));
    }

    @Test
    void aStepGetsItsRunOnlyWhenItBecomesRunnableUnderTheIdReadsShowedForIt() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("b", "Test.Flaky", "{}", THREE)
                .task("j", "Test.Flaky", "{'value': '{{tasks.a.outputs.value}}{{tasks.b.outputs.value}}'}", THREE));
        assertThat(runNames(execution)).as("rows after the start").containsExactly("a", "b");
        TaskRun pending = task(execution, "j");
        assertThat(pending.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(pending.id()).isEqualTo(Ids.taskRun(execution.id(), 1, "j"));
        assertThat(pending.createdAt()).isEqualTo(execution.createdAt());

        List<ClaimedTask> claimed = queue.claim("worker-1", 10, LEASE);
        ClaimedTask a = claimed.stream().filter(t -> t.name().equals("a")).findFirst().orElseThrow();
        ClaimedTask b = claimed.stream().filter(t -> t.name().equals("b")).findFirst().orElseThrow();
        assertThat(complete(a, "one").next()).as("the join still waits for b").isEmpty();
        assertThat(runNames(execution)).containsExactly("a", "b");

        TaskTransitions.Completion joined = complete(b, "two");
        assertThat(joined.next()).hasValueSatisfying(j -> {
            assertThat(j.name()).isEqualTo("j");
            assertThat(j.id()).isEqualTo(pending.id());
            assertThat(j.worker()).isEqualTo("worker-1");
        });
        assertThat(runNames(execution)).containsExactly("a", "b", "j");
        assertThat(task(execution, "j").status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void joinsCompletedInOneTransactionCreateTheirSuccessorOnce() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("b", "Test.Flaky", "{}", THREE)
                .task("j", "Test.Flaky", "{'value': '{{tasks.a.outputs.value}}{{tasks.b.outputs.value}}'}", THREE));
        List<ClaimedTask> claimed = queue.claim("worker-1", 10, LEASE);

        List<TaskTransitions.Completion> completions = transitions.completeAll(
                claimed.stream().map(task -> success(task, task.name())).toList(), LEASE);

        assertThat(completions).filteredOn(c -> c.next().isPresent()).singleElement()
                .satisfies(c -> assertThat(c.next().get().name()).isEqualTo("j"));
        assertThat(runNames(execution)).containsExactly("a", "b", "j");
    }

    @Test
    void aFailureCancelsTheStepsNotReachedWithRunsOfTheirOwn() {
        Execution execution = startExecution(3);
        ClaimedTask a = claimOne("worker-1");

        assertThat(transitions.fail(a, null, "broken", false, Duration.ZERO)).isEmpty();

        assertThat(runNames(execution)).containsExactly("a", "b");
        assertThat(find(execution).tasks()).extracting(TaskRun::name, TaskRun::status, TaskRun::id).containsExactly(
                tuple("a", TaskStatus.FAILED, a.id()), tuple("b", TaskStatus.CANCELLED, Ids.taskRun(execution.id(), 1, "b")));
    }

    @Test
    void outputsThatCannotBeComputedFailTheExecutionTheirTasksCompleted() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE));
        ClaimedTask a = claimOne("worker-1");
        TaskTransitions.Settler broken = new TaskTransitions.Settler() {
            @Override
            public Set<String> needs() {
                return Set.of();
            }

            @Override
            public JsonNode outputs(Map<String, JsonNode> taskOutputs) throws TaskTransitions.SettleException {
                throw new TaskTransitions.SettleException("output 'x' cannot be computed");
            }
        };

        TaskTransitions.Completion completion = transitions.complete(new TaskTransitions.Success(a,
                stored(Json.object()), stored(Json.object()), null, List.of(), Map.of(), broken), LEASE);

        assertThat(completion.settled()).contains(ExecutionStatus.FAILED);
        ExecutionStore.ExecutionDetail detail = find(execution);
        assertThat(detail.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(detail.execution().error().get("message").asString()).isEqualTo("output 'x' cannot be computed");
        assertThat(task(execution, "a").status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aParkedRunComesDueAtItsTimeOnceAndCompletesWithTheOutputItParkedWith() {
        Execution execution = startExecution(3);
        ClaimedTask a = claimOne("worker-1");
        Instant until = clock.instant().plusSeconds(60);
        stores.wakeUps.clear();

        assertThat(transitions.park(a, Json.object(), until, stored(Json.object().put("value", "rested")), null))
                .isTrue();
        assertThat(stores.wakeUps.told()).as("the timer is set on commit").containsExactly(Optional.of(until));
        assertThat(task(execution, "a").status()).isEqualTo(TaskStatus.WAITING);
        assertThat(find(execution).execution().status()).isEqualTo(ExecutionStatus.WAITING);
        assertThat(queue.nextDue()).contains(until);
        assertThat(queue.claimDue("worker-1", 10, LEASE)).as("before its time").isEmpty();
        assertThat(queue.claim("worker-1", 10, LEASE)).as("a parked run is not claimed as ready work").isEmpty();

        clock.advance(Duration.ofSeconds(60));
        List<TaskQueue.DueTask> due = queue.claimDue("worker-1", 10, LEASE);
        assertThat(due).singleElement().satisfies(d -> {
            assertThat(d.task().id()).isEqualTo(a.id());
            assertThat(d.task().attempt()).isEqualTo(1);
            assertThat(d.output().node().get("value").asString()).isEqualTo("rested");
        });
        assertThat(find(execution).execution().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(queue.claimDue("worker-2", 10, LEASE)).as("claimed once").isEmpty();

        // Its node dies before completing it: it waits again, due at once, rather than sleeping anew.
        clock.advance(LEASE.plusMillis(1));
        assertThat(transitions.reclaimExpiredLeases(10)).isEqualTo(1);
        assertThat(task(execution, "a").status()).isEqualTo(TaskStatus.WAITING);
        assertThat(task(execution, "a").attempts()).as("no attempt was lost").isEmpty();
        TaskQueue.DueTask again = queue.claimDue("worker-2", 10, LEASE).getFirst();

        TaskTransitions.Completion completion = transitions.complete(new TaskTransitions.Success(again.task(), null,
                again.output(), null, List.of(), Map.of(), NO_OUTPUTS), LEASE);
        assertThat(completion.next()).as("b follows").isPresent();
        TaskRun rested = task(execution, "a");
        assertThat(rested.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(rested.output().get("value").asString()).isEqualTo("rested");
        assertThat(rested.input()).as("kept from the attempt").isEqualTo(Json.object());
        assertThat(queue.nextDue()).isEmpty();
    }

    @Test
    void aParkedRunOfAFailedExecutionIsCancelled() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("c", "Test.Flaky", "{}", THREE));
        List<ClaimedTask> claimed = queue.claim("worker-1", 10, LEASE);
        ClaimedTask a = claimed.stream().filter(t -> t.name().equals("a")).findFirst().orElseThrow();
        ClaimedTask c = claimed.stream().filter(t -> t.name().equals("c")).findFirst().orElseThrow();
        assertThat(transitions.park(c, null, clock.instant().plusSeconds(60), stored(Json.object()), null)).isTrue();
        assertThat(find(execution).execution().status()).as("a still runs").isEqualTo(ExecutionStatus.RUNNING);

        transitions.fail(a, null, "broken", false, Duration.ZERO);

        assertThat(task(execution, "c").status()).isEqualTo(TaskStatus.CANCELLED);
        clock.advance(Duration.ofSeconds(61));
        assertThat(queue.claimDue("worker-1", 10, LEASE)).isEmpty();
    }

    @Test
    void nothingIsWokenForWorkThatWasNotMadeReady() {
        Execution execution = startExecution(1);
        ClaimedTask a = claimOne("worker-1");
        stores.wakeUps.clear();

        transitions.fail(a, null, "broken", false, Duration.ZERO);
        assertThat(transitions.reclaimExpiredLeases(10)).isZero();
        assertThat(transitions.fail(a, null, "stale", true, Duration.ZERO)).isEmpty();

        assertThat(stores.wakeUps.told()).isEmpty();
        assertThat(find(execution).execution().status()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void aFailedAttemptIsClaimableAgainOnlyOnceItsRetryDelayPassed() {
        Execution execution = startExecution(3);
        ClaimedTask first = claimOne("worker-1");
        Duration delay = Duration.ofSeconds(2);

        assertThat(transitions.fail(first, null, "try again", true, delay)).contains(clock.instant().plus(delay));
        TaskAttempt failed = task(execution, "a").attempts().getFirst();
        assertThat(failed.status()).isEqualTo(AttemptStatus.FAILED);

        clock.advance(delay.minusMillis(1));
        assertThat(queue.claim("worker-1", 10, LEASE)).as("claimable before the delay passed").isEmpty();
        clock.advance(Duration.ofMillis(1));
        ClaimedTask second = claimOne("worker-1");
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.attemptStartedAt()).isAfterOrEqualTo(failed.finishedAt().plus(delay));
    }

    @Test
    void aTaskStillRunningWhenItsExecutionFailsIsNotRetried() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("c", "Test.Flaky", "{}", THREE));
        List<ClaimedTask> claimed = queue.claim("worker-1", 10, LEASE);
        assertThat(claimed).extracting(ClaimedTask::name).containsExactlyInAnyOrder("a", "c");
        ClaimedTask a = claimed.stream().filter(t -> t.name().equals("a")).findFirst().orElseThrow();
        ClaimedTask c = claimed.stream().filter(t -> t.name().equals("c")).findFirst().orElseThrow();

        assertThat(transitions.fail(a, null, "broken", false, Duration.ZERO)).isEmpty();
        assertThat(find(execution).execution().status()).isEqualTo(ExecutionStatus.FAILED);

        assertThat(transitions.fail(c, null, "would pass next time", true, Duration.ZERO)).as("a retry").isEmpty();
        assertThat(task(execution, "c").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task(execution, "c").attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.FAILED);
        assertThat(queue.claim("worker-1", 10, LEASE)).as("claimable after the execution failed").isEmpty();
        ExecutionStore.ExecutionDetail detail = find(execution);
        assertThat(detail.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(detail.execution().error().get("task").asString()).as("the task that failed it").isEqualTo("a");
    }

    @Test
    void aLostLeaseOfAFailedExecutionIsNotRetried() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("c", "Test.Flaky", "{}", THREE));
        List<ClaimedTask> claimed = queue.claim("worker-1", 10, LEASE);
        ClaimedTask a = claimed.stream().filter(t -> t.name().equals("a")).findFirst().orElseThrow();
        assertThat(transitions.fail(a, null, "broken", false, Duration.ZERO)).isEmpty();

        clock.advance(LEASE.plusMillis(1));
        assertThat(transitions.reclaimExpiredLeases(10)).as("task runs made ready again").isZero();

        assertThat(task(execution, "c").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task(execution, "c").attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.LOST);
        assertThat(queue.claim("worker-1", 10, LEASE)).as("claimable after the execution failed").isEmpty();
    }

    @Test
    void aCompletionAfterCancelIsDropped() {
        Execution execution = startExecution(3);
        ClaimedTask claimed = claimOne("worker-1");

        assertThat(transitions.cancel(ExecutionRef.of(execution))).isTrue();
        assertThat(complete(claimed, "too late").recorded()).isFalse();
        assertThat(transitions.fail(claimed, null, "too late", true, Duration.ZERO)).isEmpty();

        ExecutionStore.ExecutionDetail detail = find(execution);
        assertThat(detail.execution().status()).isEqualTo(ExecutionStatus.TERMINATED);
        assertThat(detail.execution().outputs()).isNull();
        assertThat(detail.tasks()).extracting(TaskRun::status).containsOnly(TaskStatus.CANCELLED);
        TaskRun a = task(execution, "a");
        assertThat(a.output()).isNull();
        assertThat(a.attempts()).isEmpty();
        assertThat(transitions.cancel(ExecutionRef.of(execution))).as("a second cancel").isFalse();
        assertThat(queue.claim("worker-2", 10, LEASE)).as("claimable after cancel").isEmpty();
    }

    @Test
    void aChainRecordsItsHeadAndTheTasksRunAfterItAndSettlesTheExecution() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("b", "Test.Pure", after("a"), THREE).task("c", "Test.Pure", after("b"), THREE));
        ClaimedTask a = claimOne("worker-1");
        Instant aFinished = clock.instant().plusMillis(1);
        TaskTransitions.Chained b = chained(a, "b", aFinished, "two");
        TaskTransitions.Chained c = chained(a, "c", b.finishedAt(), "three");

        TaskTransitions.Completion completion = transitions.complete(new TaskTransitions.Success(a, stored(Json.object()),
                stored(Json.object().put("value", "one")), aFinished, List.of(b, c), Map.of(), NO_OUTPUTS), LEASE);

        assertThat(completion.recorded()).isTrue();
        assertThat(completion.settled()).contains(ExecutionStatus.COMPLETED);
        ExecutionStore.ExecutionDetail detail = find(execution);
        assertThat(detail.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(detail.tasks()).extracting(TaskRun::name, TaskRun::status, t -> t.output().get("value").asString())
                .containsExactly(tuple("a", TaskStatus.COMPLETED, "one"), tuple("b", TaskStatus.COMPLETED, "two"),
                        tuple("c", TaskStatus.COMPLETED, "three"));
        for (TaskTransitions.Chained step : List.of(b, c)) {
            TaskRun run = task(execution, step.task().name());
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.startedAt()).isEqualTo(step.task().attemptStartedAt());
            assertThat(run.completedAt()).isEqualTo(step.finishedAt());
            assertThat(run.attempts()).extracting(TaskAttempt::status, TaskAttempt::worker)
                    .containsExactly(tuple(AttemptStatus.COMPLETED, "worker-1"));
        }
        assertThat(task(execution, "a").completedAt()).isEqualTo(aFinished);
    }

    @Test
    void aStaleHeadDropsItsWholeChain() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("b", "Test.Pure", after("a"), THREE).task("c", "Test.Pure", after("b"), THREE));
        ClaimedTask a = claimOne("worker-1");
        clock.advance(LEASE.plusMillis(1));
        assertThat(transitions.reclaimExpiredLeases(10)).isEqualTo(1);
        TaskTransitions.Chained b = chained(a, "b", clock.instant(), "two");

        TaskTransitions.Completion completion = transitions.complete(new TaskTransitions.Success(a, stored(Json.object()),
                stored(Json.object().put("value", "one")), clock.instant(), List.of(b), Map.of(), NO_OUTPUTS), LEASE);

        assertThat(completion.recorded()).isFalse();
        assertThat(completion.next()).isEmpty();
        assertThat(find(execution).tasks()).extracting(TaskRun::name, TaskRun::status).containsExactly(
                tuple("a", TaskStatus.READY), tuple("b", TaskStatus.PENDING), tuple("c", TaskStatus.PENDING));
        assertThat(task(execution, "b").output()).isNull();
    }

    @Test
    void aChainEndingBeforeTheLastTaskClaimsTheNextOneForTheSameWorker() {
        Execution execution = startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", THREE)
                .task("b", "Test.Pure", after("a"), THREE).task("c", "Test.Flaky", after("b"), THREE));
        ClaimedTask a = claimOne("worker-1");
        TaskTransitions.Chained b = chained(a, "b", clock.instant(), "two");

        TaskTransitions.Completion completion = transitions.complete(new TaskTransitions.Success(a, stored(Json.object()),
                stored(Json.object().put("value", "one")), clock.instant(), List.of(b), Map.of(), NO_OUTPUTS), LEASE);

        assertThat(completion.recorded()).isTrue();
        assertThat(completion.next()).hasValueSatisfying(next -> {
            assertThat(next.name()).isEqualTo("c");
            assertThat(next.worker()).isEqualTo("worker-1");
        });
        assertThat(find(execution).tasks()).extracting(TaskRun::name, TaskRun::status).containsExactly(
                tuple("a", TaskStatus.COMPLETED), tuple("b", TaskStatus.COMPLETED), tuple("c", TaskStatus.RUNNING));
        assertThat(find(execution).execution().status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    /** A task run in memory after {@code head}: started when the one before finished, done a millisecond later. */
    private static TaskTransitions.Chained chained(ClaimedTask head, String name, Instant startedAt, String value) {
        ClaimedTask task = new ClaimedTask(head.execution().taskRun(name), head.worker(),
                head.execution(), name, "Test.Pure", 1, 3, head.executionInputs(), head.executionCreatedAt(),
                startedAt);
        return new TaskTransitions.Chained(task, stored(Json.object()), stored(Json.object().put("value", value)),
                startedAt.plusMillis(1));
    }

    /** An execution of two tasks, a then b (b depends on a), with a ready now. */
    private Execution startExecution(int maxAttempts) {
        RetryPolicy retry = TestDefinition.retries(maxAttempts, Duration.ZERO, 1.0);
        return startExecution(new TestDefinition().task("a", "Test.Flaky", "{}", retry)
                .task("b", "Test.Flaky", after("a"), retry));
    }

    private Execution startExecution(TestDefinition definition) {
        return stores.start(null, definition);
    }

    /** The input of a step that passes on the value of {@code step}, on which it so depends. */
    private static String after(String step) {
        return "{'value': '{{tasks." + step + ".outputs.value}}'}";
    }

    /** The steps of the execution that have a run row, in definition order. */
    private List<String> runNames(Execution execution) {
        return stores.database.read(sql -> sql.query("SELECT name FROM task_runs WHERE execution_id = ?"
                + " ORDER BY position", r -> r.string("name"), execution.id()));
    }

    private ClaimedTask claimOne(String worker) {
        List<ClaimedTask> claimed = queue.claim(worker, 10, LEASE);
        assertThat(claimed).as("claimed by " + worker).hasSize(1);
        return claimed.getFirst();
    }

    private TaskTransitions.Completion complete(ClaimedTask task, String value) {
        return transitions.complete(success(task, value), LEASE);
    }

    /** A successful attempt of a (whose successor is b) or of b (the last task). */
    private static TaskTransitions.Success success(ClaimedTask task, String value) {
        JsonNode output = Json.object().put("value", value);
        return new TaskTransitions.Success(task, stored(Json.object()), stored(output), null, List.of(),
                Map.of(task.name(), output), NO_OUTPUTS);
    }

    private static StoredJson stored(JsonNode value) {
        return StoredJson.of(value);
    }

    private ExecutionStore.ExecutionDetail find(Execution execution) {
        return stores.find(execution).orElseThrow();
    }

    private TaskRun task(Execution execution, String name) {
        return find(execution).tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
