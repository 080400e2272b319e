package io.dataflow.engine.run;

import static io.dataflow.engine.testing.TestDefinition.retries;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.AttemptStatus;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.store.ExecutionStore.ExecutionDetail;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.Gate;
import io.dataflow.engine.testing.ReadsCredential;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real engine on each database, with test task types: parallel branches, long chains, retries with backoff,
 * timeouts, cancellation and many executions at once. Each test starts its own engine on the class's database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class SchedulerTests {

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

    /** Opens the class's database on its first test, so that a skipped PostgreSQL skips (and counts) each test. */
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

    @Test
    void independentTasksRunInParallelAndTheirSuccessorSeesBothOutputs() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .input("x", PortType.TEXT)
                .task("a", "Test.Flaky", "{'value': '{{inputs.x}}'}")
                .task("b", "Test.Barrier", "{'value': 'b:{{tasks.a.outputs.value}}', 'parties': 2}")
                .task("c", "Test.Barrier", "{'value': 'c:{{tasks.a.outputs.value}}', 'parties': 2}")
                .task("d", "Test.Flaky",
                        "{'value': {'b': '{{tasks.b.outputs.value}}', 'c': '{{tasks.c.outputs.value}}'}}")
                .output("result", PortType.ANY, "{{tasks.d.outputs.value}}"));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{'x': 'hi'}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs().get("result"))
                .isEqualTo(Json.parse("{\"b\": \"b:hi\", \"c\": \"c:hi\"}"));
        assertThat(done.tasks()).extracting(TaskRun::status).containsOnly(TaskStatus.COMPLETED);
    }

    @Test
    void aLongChainCompletesWithEachTaskRunOnce() {
        TestDefinition chain = new TestDefinition().input("x", PortType.TEXT)
                .task("t0", "Test.Flaky", "{'value': '{{inputs.x}}'}");
        for (int i = 1; i < 30; i++) {
            chain.task("t" + i, "Test.Flaky", "{'value': '{{tasks.t" + (i - 1) + ".outputs.value}}>" + i + "'}");
        }
        chain.output("result", PortType.TEXT, "{{tasks.t29.outputs.value}}");

        ExecutionDetail done = engine.awaitTerminal(engine.start(engine.createWorkflow(chain), "{'x': '0'}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        StringBuilder expected = new StringBuilder("0");
        for (int i = 1; i < 30; i++) {
            expected.append('>').append(i);
        }
        assertThat(done.execution().outputs().get("result").asString()).isEqualTo(expected.toString());
        assertThat(done.tasks()).hasSize(30).allSatisfy(task -> {
            assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(task.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.COMPLETED);
            assertThat(engine.invocations().of(done.execution().id(), task.name())).as(task.name()).isEqualTo(1);
        });
    }

    @Test
    void aChainOfPureTasksRecordsEveryTaskOnceInOrder() {
        TestDefinition chain = new TestDefinition().input("x", PortType.TEXT)
                .task("p0", "Test.Pure", "{'value': '{{inputs.x}}'}");
        for (int i = 1; i < 12; i++) {
            chain.task("p" + i, "Test.Pure", "{'value': '{{tasks.p" + (i - 1) + ".outputs.value}}>" + i + "'}");
        }
        chain.task("last", "Test.Flaky", "{'value': '{{tasks.p11.outputs.value}}!'}")
                .output("result", PortType.TEXT, "{{tasks.last.outputs.value}}");

        ExecutionDetail done = engine.awaitTerminal(engine.start(engine.createWorkflow(chain), "{'x': '0'}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs().get("result").asString()).isEqualTo("0>1>2>3>4>5>6>7>8>9>10>11!");
        TaskRun previous = null;
        for (TaskRun task : done.tasks()) {
            assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(task.attempt()).isEqualTo(1);
            assertThat(task.input()).as(task.name()).isNotNull();
            assertThat(task.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.COMPLETED);
            assertThat(engine.invocations().of(done.execution().id(), task.name())).as(task.name()).isEqualTo(1);
            assertThat(task.startedAt()).as(task.name()).isNotNull().isBeforeOrEqualTo(task.completedAt());
            if (previous != null) {
                assertThat(task.startedAt()).as(task.name() + " starts after its predecessor finished")
                        .isAfterOrEqualTo(previous.completedAt());
            }
            previous = task;
        }
    }

    @Test
    void aPureTaskThatTakesAWhileIsShownRunningWithWhatCameBeforeItRecorded() throws InterruptedException {
        String gateName = "pure-" + System.nanoTime();
        Gate.Handle gate = engine.gate().named(gateName);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("first", "Test.Pure", "{'value': 'one'}")
                .task("held", "Test.Pure", "{'value': '{{tasks.first.outputs.value}}+two', 'gate': '" + gateName + "'}")
                .task("last", "Test.Pure", "{'value': '{{tasks.held.outputs.value}}+three'}"));
        Execution execution = engine.start(workflow, "{}");
        gate.awaitEntered();

        // A task is RUNNING from its claim; its input is saved once the attempt has taken 50 ms.
        ExecutionDetail running = EngineHarness.await("the held task shown running with its input",
                () -> engine.find(execution), detail -> task(detail, "held").status() == TaskStatus.RUNNING
                        && task(detail, "held").input() != null);
        assertThat(task(running, "first").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task(running, "first").output().get("value").asString()).isEqualTo("one");
        assertThat(task(running, "held").input().get("value").asString()).isEqualTo("one+two");
        assertThat(task(running, "last").status()).isEqualTo(TaskStatus.PENDING);

        gate.open();
        ExecutionDetail done = engine.awaitTerminal(execution);
        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(task(done, "last").output().get("value").asString()).isEqualTo("one+two+three");
        for (TaskRun task : done.tasks()) {
            assertThat(task.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.COMPLETED);
            assertThat(engine.invocations().of(execution.id(), task.name())).as(task.name()).isEqualTo(1);
        }
    }

    @Test
    void aFailingPureTaskInAChainIsRetriedAfterWhatCameBeforeItIsRecorded() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("first", "Test.Pure", "{'value': 'one'}")
                .task("flaky", "Test.Pure", "{'value': '{{tasks.first.outputs.value}}', 'failures': 1}",
                        retries(3, Duration.ofMillis(10), 1))
                .task("last", "Test.Pure", "{'value': '{{tasks.flaky.outputs.value}}!'}"));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(task(done, "flaky").attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.FAILED, AttemptStatus.COMPLETED);
        assertThat(task(done, "last").output().get("value").asString()).isEqualTo("one!");
        assertThat(engine.invocations().of(done.execution().id(), "first")).isEqualTo(1);
        assertThat(engine.invocations().of(done.execution().id(), "flaky")).isEqualTo(2);
        assertThat(engine.invocations().of(done.execution().id(), "last")).isEqualTo(1);
    }

    @Test
    void aPureTaskOutOfAttemptsFailsTheExecutionAndKeepsWhatCameBeforeIt() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("first", "Test.Pure", "{'value': 'one'}")
                .task("broken", "Test.Pure", "{'value': '{{tasks.first.outputs.value}}', 'failures': 5}",
                        retries(1, Duration.ofMillis(10), 1))
                .task("last", "Test.Pure", "{'value': '{{tasks.broken.outputs.value}}'}"));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(task(done, "first").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task(done, "first").output().get("value").asString()).isEqualTo("one");
        assertThat(task(done, "broken").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task(done, "broken").attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.FAILED);
        assertThat(task(done, "last").status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(engine.invocations().of(done.execution().id(), "last")).isZero();
    }

    @Test
    void aFlakyTaskIsRetriedUntilItPasses() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("flaky", "Test.Flaky", "{'value': 'ok', 'failures': 2}", retries(3, Duration.ofMillis(20), 1)));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        TaskRun flaky = done.tasks().getFirst();
        assertThat(flaky.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(flaky.attempt()).isEqualTo(3);
        assertThat(flaky.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.FAILED, AttemptStatus.FAILED, AttemptStatus.COMPLETED);
        assertThat(flaky.attempts().getFirst().error()).contains("flaky: attempt 1");
        assertThat(flaky.output().get("attempt").asInt()).isEqualTo(3);
        assertThat(flaky.error()).isNull();
    }

    @Test
    void aRetryWaitsItsBackoffDelayAfterTheFailedAttempt() {
        Duration delay = Duration.ofMillis(150);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("flaky", "Test.Flaky", "{'failures': 2}", retries(3, delay, 2)));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        List<TaskAttempt> attempts = done.tasks().getFirst().attempts();
        assertThat(attempts).hasSize(3);
        // Recorded times only: each retry starts no earlier than its delay after the previous attempt ended.
        assertThat(attempts.get(1).startedAt()).isAfterOrEqualTo(attempts.get(0).finishedAt().plus(delay));
        assertThat(attempts.get(2).startedAt())
                .isAfterOrEqualTo(attempts.get(1).finishedAt().plus(delay.multipliedBy(2)));
    }

    @Test
    void aRetryWaitsAsLongAsTheFailureAsksWhenThatIsLongerThanItsBackoff() {
        Duration asked = Duration.ofMillis(600);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("flaky", "Test.Flaky", "{'failures': 1, 'retry_after_ms': 600}",
                        retries(2, Duration.ofMillis(10), 1)));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        List<TaskAttempt> attempts = done.tasks().getFirst().attempts();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).startedAt()).isAfterOrEqualTo(attempts.get(0).finishedAt().plus(asked));
    }

    @Test
    void aTaskOutOfAttemptsFailsTheExecutionAndCancelsItsDependents() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("flaky", "Test.Flaky", "{'value': 1, 'failures': 5}", retries(2, Duration.ofMillis(10), 1))
                .task("after", "Test.Flaky", "{'value': '{{tasks.flaky.outputs.value}}'}")
                .task("last", "Test.Flaky", "{'value': '{{tasks.after.outputs.value}}'}"));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.execution().error().get("task").asString()).isEqualTo("flaky");
        assertThat(done.execution().error().get("message").asString()).contains("flaky: attempt 2");
        assertThat(task(done, "flaky").status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task(done, "flaky").attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.FAILED, AttemptStatus.FAILED);
        for (String dependent : List.of("after", "last")) {
            assertThat(task(done, dependent).status()).isEqualTo(TaskStatus.CANCELLED);
            assertThat(engine.invocations().of(done.execution().id(), dependent)).isZero();
        }
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("broken", "Test.Permanent", "{}", retries(3, Duration.ofMillis(10), 1)));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        TaskRun broken = done.tasks().getFirst();
        assertThat(broken.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(broken.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.FAILED);
        assertThat(broken.error().get("message").asString()).isEqualTo("permanently broken");
        assertThat(engine.invocations().of(done.execution().id(), "broken")).isEqualTo(1);
    }

    @Test
    void aCredentialTheTaskReadsItselfIsRedactedFromItsOutput() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("leak", "Test.ReadsCredential", "{'credential': 'leaky'}")
                .output("said", PortType.TEXT, "{{ tasks.leak.outputs.value }}"));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs().get("said").asString()).isEqualTo("the key is [redacted]");
        assertThat(done.tasks().getFirst().output().toString()).doesNotContain(ReadsCredential.SECRET);
    }

    @Test
    void aCredentialTheTaskReadsItselfIsRedactedFromItsError() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("leak", "Test.ReadsCredential", "{'credential': 'leaky', 'fail': true}"));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        TaskRun leak = done.tasks().getFirst();
        assertThat(leak.error().get("message").asString()).isEqualTo("the provider refused the key [redacted]");
        assertThat(leak.attempts().getFirst().error()).doesNotContain(ReadsCredential.SECRET);
        assertThat(done.execution().error().toString()).doesNotContain(ReadsCredential.SECRET);
    }

    @Test
    void aTimedOutAttemptFailsAndIsRetried() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("slow", "Test.Slow", "{'value': 'late', 'millis': 30000, 'slowAttempts': 1}",
                        retries(2, Duration.ofMillis(10), 1), Duration.ofMillis(200)));

        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow, "{}"));

        assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
        TaskRun slow = done.tasks().getFirst();
        assertThat(slow.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.FAILED, AttemptStatus.COMPLETED);
        assertThat(slow.attempts().getFirst().error()).isEqualTo("timed out after 200 ms");
        assertThat(slow.output().get("value").asString()).isEqualTo("late");
    }

    @Test
    void anAttemptThatIgnoresInterruptionTimesOutAndItsWorkerRunsTheNextTask() {
        // More spinning attempts than the machine has cores: on threads that share carriers with the workers, they
        // would hold every carrier and no worker could even notice a timeout.
        int spinning = Runtime.getRuntime().availableProcessors() + 2;
        String spin = engine.createWorkflow(new TestDefinition()
                .task("spin", "Test.Spin", "{}", retries(1, Duration.ofMillis(10), 1), Duration.ofMillis(200)));
        String chain = engine.createWorkflow(new TestDefinition()
                .task("a", "Test.Flaky", "{'value': 'x'}")
                .task("b", "Test.Flaky", "{'value': '{{tasks.a.outputs.value}}y'}")
                .output("result", PortType.TEXT, "{{tasks.b.outputs.value}}"));
        try {
            List<Execution> spins = new ArrayList<>();
            for (int i = 0; i < spinning; i++) {
                spins.add(engine.start(spin, "{}"));
            }
            for (Execution execution : spins) {
                ExecutionDetail done = engine.awaitTerminal(execution);
                assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.FAILED);
                assertThat(done.tasks().getFirst().attempts()).extracting(TaskAttempt::error)
                        .containsExactly("timed out after 200 ms");
            }
            // Every spinning attempt still runs, abandoned; the workers take the next tasks.
            ExecutionDetail next = engine.awaitTerminal(engine.start(chain, "{}"));
            assertThat(next.execution().status()).as(describe(next)).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(next.execution().outputs().get("result").asString()).isEqualTo("xy");
        } finally {
            engine.spin().release();
        }
    }

    @Test
    void pastAsManyAbandonedAttemptsAsWorkersTheWorkerOfATimedOutAttemptWaitsForIt() {
        String spin = engine.createWorkflow(new TestDefinition()
                .task("spin", "Test.Spin", "{}", retries(1, Duration.ofMillis(10), 1), Duration.ofMillis(200)));
        String quick = engine.createWorkflow(new TestDefinition().task("a", "Test.Flaky", "{'value': 'x'}"));
        try {
            List<Execution> spins = new ArrayList<>();
            for (int i = 0; i <= EngineHarness.WORKERS; i++) {
                spins.add(engine.start(spin, "{}"));
            }
            // As many as there are workers are left running and recorded; the last one's worker waits for it.
            List<ExecutionDetail> seen = EngineHarness.await("all but one spinning execution to fail",
                    () -> spins.stream().map(engine::find).toList(),
                    details -> details.stream().filter(d -> d.execution().status() == ExecutionStatus.FAILED)
                            .count() == EngineHarness.WORKERS);
            ExecutionDetail waiting = seen.stream().filter(d -> d.execution().status() != ExecutionStatus.FAILED)
                    .findFirst().orElseThrow();
            assertThat(waiting.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
            // The last one may have been claimed only when a worker came free: wait until its own timeout has
            // passed for sure, so that its worker is the one waiting rather than an attempt still within its time.
            EngineHarness.await("the last spinning attempt to run past its timeout", () -> engine.find(
                    waiting.execution()).tasks().getFirst(), task -> task.startedAt() != null
                            && Instant.now().isAfter(task.startedAt().plus(Duration.ofMillis(200 * 3))));
            // The other workers go on.
            assertThat(engine.awaitTerminal(engine.start(quick, "{}")).execution().status())
                    .isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(engine.find(waiting.execution()).execution().status()).isEqualTo(ExecutionStatus.RUNNING);

            engine.spin().release();

            ExecutionDetail ended = engine.awaitTerminal(waiting.execution());
            assertThat(ended.execution().status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(ended.tasks().getFirst().attempts()).extracting(TaskAttempt::error)
                    .containsExactly("timed out after 200 ms");
        } finally {
            engine.spin().release();
        }
    }

    @Test
    void aStoppingNodeGivesBackItsRunningAttemptsAndAnotherFinishesThem() throws InterruptedException {
        String gateName = "stop-" + System.nanoTime();
        Gate.Handle gate = engine.gate().named(gateName);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("held", "Test.Gate", "{'value': 'v', 'gate': '" + gateName + "'}",
                        retries(3, Duration.ZERO, 1.0)));
        Execution execution = engine.start(workflow, "{}");
        gate.awaitEntered();

        engine.close(); // the held attempt outlives the grace period, so its lease is given back

        TaskRun released = task(engine.find(execution), "held");
        assertThat(released.status()).isEqualTo(TaskStatus.READY);
        assertThat(released.attempts()).extracting(TaskAttempt::status).containsExactly(AttemptStatus.LOST);
        assertThat(released.attempts().getFirst().error()).contains("shutting down");

        gate.open(); // lets the abandoned first attempt end; its late result is fenced off
        try (EngineHarness next = EngineHarness.start(database.database())) {
            next.gate().named(gateName).open();
            ExecutionDetail finished = EngineHarness.await("the execution to finish on the next node",
                    () -> engine.find(execution), detail -> detail.execution().status().isTerminal());
            assertThat(finished.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(task(finished, "held").attempts()).extracting(TaskAttempt::status)
                    .containsExactly(AttemptStatus.LOST, AttemptStatus.COMPLETED);
        }
    }

    @Test
    void cancellingStopsTheExecutionAndDropsTheLateResultOfItsRunningTask() throws InterruptedException {
        String gateName = "cancel-" + System.nanoTime();
        Gate.Handle gate = engine.gate().named(gateName);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("held", "Test.Gate", "{'value': 'late', 'gate': '" + gateName + "'}")
                .task("next", "Test.Flaky", "{'value': '{{tasks.held.outputs.value}}'}")
                .task("other", "Test.Flaky", "{'value': '{{tasks.next.outputs.value}}'}"));
        Execution execution = engine.start(workflow, "{}");
        gate.awaitEntered();

        assertThat(engine.engine().executions().act(engine.organizationId(), workflow, execution.id(),
                ExecutionAction.TERMINATE)).isInstanceOf(ActionResult.Applied.class);
        ExecutionDetail cancelled = engine.find(execution);
        assertThat(cancelled.execution().status()).isEqualTo(ExecutionStatus.TERMINATED);
        assertThat(cancelled.tasks()).extracting(TaskRun::status).containsOnly(TaskStatus.CANCELLED);

        gate.open();
        engine.close(); // waits for the held attempt to finish and try to record its result

        ExecutionDetail after = engine.find(execution);
        assertThat(after.execution().status()).isEqualTo(ExecutionStatus.TERMINATED);
        assertThat(after.execution().outputs()).isNull();
        assertThat(engine.invocations().of(execution.id(), "held")).isEqualTo(1);
        TaskRun held = task(after, "held");
        assertThat(held.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(held.output()).isNull();
        assertThat(held.attempts()).isEmpty();
        assertThat(after.tasks()).extracting(TaskRun::status).containsOnly(TaskStatus.CANCELLED);
        assertThat(engine.invocations().of(execution.id(), "next")).isZero();
    }

    @Test
    void manyExecutionsAtOnceAllCompleteWithNoTaskRunTwice() throws Exception {
        int count = 200;
        String workflow = engine.createWorkflow(new TestDefinition()
                .input("n", PortType.INTEGER)
                .task("a", "Test.Flaky", "{'value': '{{inputs.n}}'}")
                .task("b", "Test.Flaky", "{'value': '{{tasks.a.outputs.value}}'}")
                .task("c", "Test.Flaky", "{'value': '{{tasks.b.outputs.value}}'}")
                .output("n", PortType.ANY, "{{tasks.c.outputs.value}}"));

        List<Execution> executions = new ArrayList<>();
        try (ExecutorService starters = Executors.newFixedThreadPool(4)) {
            List<Future<Execution>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                started.add(starters.submit(() -> engine.start(workflow, "{'n': " + n + "}")));
            }
            for (Future<Execution> future : started) {
                executions.add(future.get());
            }
        }
        EngineHarness.await(count + " executions to finish",
                () -> engine.engine().executions().list(engine.organizationId(), workflow,
                        Set.of(ExecutionStatus.COMPLETED, ExecutionStatus.FAILED, ExecutionStatus.TERMINATED), null,
                        count).items().size(),
                finished -> finished == count);

        for (int i = 0; i < count; i++) {
            ExecutionDetail done = engine.find(executions.get(i));
            assertThat(done.execution().status()).as(describe(done)).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(done.execution().outputs().get("n").asInt()).isEqualTo(i);
            long completedAttempts = done.tasks().stream().flatMap(t -> t.attempts().stream())
                    .filter(a -> a.status() == AttemptStatus.COMPLETED).count();
            assertThat(completedAttempts).as(describe(done)).isEqualTo(3);
            for (TaskRun task : done.tasks()) {
                assertThat(task.attempts()).as(describe(done)).hasSize(1);
                assertThat(engine.invocations().of(done.execution().id(), task.name())).isEqualTo(1);
            }
        }
    }

    private static TaskRun task(ExecutionDetail detail, String name) {
        return detail.tasks().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    private static String describe(ExecutionDetail detail) {
        StringBuilder text = new StringBuilder(detail.execution().id() + " " + detail.execution().status() + " error="
                + detail.execution().error());
        for (TaskRun task : detail.tasks()) {
            text.append("\n  ").append(task.name()).append(' ').append(task.status()).append(" error=")
                    .append(task.error()).append(" attempts=").append(task.attempts());
        }
        return text.toString();
    }
}
