package io.dataflow.engine.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.decide.Decision.Cancel;
import io.dataflow.engine.decide.Decision.Create;
import io.dataflow.engine.decide.Decision.Fail;
import io.dataflow.engine.decide.Decision.HandOff;
import io.dataflow.engine.decide.Decision.Retry;
import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The decider on plain objects: every happening in every execution status. */
class DeciderTests {

    private static final DefinitionCompiler COMPILER = new DefinitionCompiler(TaskTypeRegistry.loadInstalled());
    /** a feeds b and c, which d joins. */
    private static final Plan DIAMOND = COMPILER.compile(new TestDefinition()
            .task("a", "TextOperation.Uppercase", "{'text': 'x'}")
            .task("b", "TextOperation.Uppercase", "{'text': '{{ tasks.a.outputs.text }}'}")
            .task("c", "TextOperation.Uppercase", "{'text': '{{ tasks.a.outputs.text }}'}")
            .task("d", "TextOperation.Uppercase", "{'text': '{{ tasks.b.outputs.text }}{{ tasks.c.outputs.text }}'}")
            .build());
    /** x, then y, then z. */
    private static final Plan LINE = COMPILER.compile(new TestDefinition()
            .task("x", "TextOperation.Uppercase", "{'text': 'x'}")
            .task("y", "TextOperation.Uppercase", "{'text': '{{ tasks.x.outputs.text }}'}")
            .task("z", "TextOperation.Uppercase", "{'text': '{{ tasks.y.outputs.text }}'}")
            .build());
    private static final Instant LATER = Instant.parse("2030-01-01T00:00:10Z");

    private final Decider decider = new Decider();

    private static ExecutionState state(ExecutionStatus status, int remaining, Map<String, TaskStatus> runs) {
        return new ExecutionState(status, remaining, runs, false);
    }

    private static ExecutionState all(ExecutionStatus status, int remaining, Map<String, TaskStatus> runs) {
        return new ExecutionState(status, remaining, runs, true);
    }

    private static Happening.TaskCompleted completed(String step, String... chained) {
        return new Happening.TaskCompleted(step, List.of(chained));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING"})
    void aCompletedTaskHandsItsFirstRunnableSuccessorToItsWorkerAndMakesTheOthersReady(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, state(status, 4, Map.of()), completed("a"));

        assertThat(decision.runs()).containsExactly(new HandOff("b"), new Create("c", TaskStatus.READY));
        assertThat(decision.completed()).containsExactly("a");
        assertThat(decision.execution()).isEmpty();
    }

    @Test
    void aJoinIsReachedOnlyWhenItsLastDependencyCompletes() {
        ExecutionState running = state(ExecutionStatus.RUNNING, 3, Map.of("b", TaskStatus.RUNNING, "c",
                TaskStatus.RUNNING));
        assertThat(decider.needs(DIAMOND, ExecutionStatus.RUNNING, completed("b"))).isEqualTo(new Decider.Needs(Set.of("c"), false));

        Decision first = decider.decide(DIAMOND, running, completed("b"));
        assertThat(first.runs()).as("c still runs").isEmpty();
        assertThat(first.completed()).containsExactly("b");

        // c's completion in the same transaction sees b's.
        Decision second = decider.decide(DIAMOND, running.after(first), completed("c"));
        assertThat(second.runs()).containsExactly(new HandOff("d"));
        assertThat(running.after(first).after(second).remaining()).isEqualTo(1);
    }

    @Test
    void theLastCompletionCompletesTheExecution() {
        Decision decision = decider.decide(DIAMOND, state(ExecutionStatus.RUNNING, 1, Map.of()), completed("d"));

        assertThat(decision.execution()).contains(ExecutionStatus.COMPLETED);
        assertThat(decision.runs()).isEmpty();
    }

    @Test
    void stepsRunInMemoryAreCreatedCompletedAndTheNextOneIsHandedOn() {
        assertThat(decider.needs(LINE, ExecutionStatus.RUNNING, completed("x", "y"))).isEqualTo(new Decider.Needs(Set.of(), false));

        Decision decision = decider.decide(LINE, state(ExecutionStatus.RUNNING, 3, Map.of()), completed("x", "y"));

        assertThat(decision.runs()).containsExactly(new Create("y", TaskStatus.COMPLETED), new HandOff("z"));
        assertThat(decision.completed()).containsExactly("x", "y");

        Decision whole = decider.decide(LINE, state(ExecutionStatus.RUNNING, 3, Map.of()), completed("x", "y", "z"));
        assertThat(whole.runs()).containsExactly(new Create("y", TaskStatus.COMPLETED),
                new Create("z", TaskStatus.COMPLETED));
        assertThat(whole.execution()).contains(ExecutionStatus.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"COMPLETED", "FAILED", "TERMINATED"})
    void anExecutionThatEndedTakesNothingMore(ExecutionStatus status) {
        ExecutionState over = all(status, 2, Map.of("a", TaskStatus.COMPLETED, "b", TaskStatus.RUNNING));

        assertThat(decider.decide(LINE, over, completed("x", "y"))).as("a chain is dropped").isEqualTo(Decision.NOTHING);
        assertThat(decider.decide(DIAMOND, over, new Happening.TerminateAsked()).refused()).isTrue();
        assertThat(decider.decide(DIAMOND, over, new Happening.OutputsFailed())).isEqualTo(Decision.NOTHING);
        assertThat(decider.decide(DIAMOND, over, new Happening.TaskFailed("b", Optional.of(LATER))).runs())
                .as("a late failure is recorded, not retried").containsExactly(new Fail("b"));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING"})
    void aFailureWithAttemptsLeftIsRetried(ExecutionStatus status) {
        Happening.TaskFailed failed = new Happening.TaskFailed("b", Optional.of(LATER));
        assertThat(decider.needs(DIAMOND, ExecutionStatus.RUNNING, failed).allRuns()).isFalse();

        Decision decision = decider.decide(DIAMOND, state(status, 3, Map.of()), failed);

        assertThat(decision.runs()).containsExactly(new Retry("b", LATER, false));
        assertThat(decision.execution()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "PAUSING", "PAUSED"})
    void aFinalFailureFailsTheExecutionCancellingWhatHasNotStartedAndLettingRunningAttemptsFinish(
            ExecutionStatus status) {
        Happening.TaskFailed failed = new Happening.TaskFailed("b", Optional.empty());
        assertThat(decider.needs(DIAMOND, ExecutionStatus.RUNNING, failed).allRuns()).isTrue();

        Decision decision = decider.decide(DIAMOND, all(status, 3, Map.of("a", TaskStatus.COMPLETED, "b",
                TaskStatus.RUNNING, "c", TaskStatus.RUNNING)), failed);

        assertThat(decision.runs()).containsExactly(new Fail("b"), new Create("d", TaskStatus.CANCELLED));
        assertThat(decision.execution()).contains(ExecutionStatus.FAILED);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "PAUSING", "PAUSED"})
    void terminatingCancelsEveryUnfinishedRunRunningOnesIncludedAndEveryStepNotReached(ExecutionStatus status) {
        assertThat(decider.needs(DIAMOND, ExecutionStatus.RUNNING, new Happening.TerminateAsked()).allRuns()).isTrue();

        Decision decision = decider.decide(DIAMOND, all(status, 3, Map.of("a", TaskStatus.COMPLETED, "b",
                TaskStatus.RUNNING, "c", TaskStatus.READY)), new Happening.TerminateAsked());

        assertThat(decision.runs()).containsExactly(new Cancel("b"), new Cancel("c"),
                new Create("d", TaskStatus.CANCELLED));
        assertThat(decision.execution()).contains(ExecutionStatus.TERMINATED);
    }

    @Test
    void aParkedTaskWaitsAndItsExecutionWaitsWhenNothingElseRuns() {
        Happening.TaskParked parked = new Happening.TaskParked("b", LATER);
        assertThat(decider.needs(DIAMOND, ExecutionStatus.RUNNING, parked).allRuns()).isTrue();

        Decision alone = decider.decide(DIAMOND, all(ExecutionStatus.RUNNING, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.RUNNING)), parked);
        assertThat(alone.runs()).containsExactly(new Decision.Park("b", LATER));
        assertThat(alone.execution()).contains(ExecutionStatus.WAITING);

        Decision besideOthers = decider.decide(DIAMOND, all(ExecutionStatus.RUNNING, 3, Map.of("a",
                TaskStatus.COMPLETED, "b", TaskStatus.RUNNING, "c", TaskStatus.READY)), parked);
        assertThat(besideOthers.runs()).containsExactly(new Decision.Park("b", LATER));
        assertThat(besideOthers.execution()).as("c is still to run").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "WAITING"})
    void aParkedTaskLeavesAnExecutionThatIsNotRunningAsItIs(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, all(status, 3, Map.of("b", TaskStatus.RUNNING)),
                new Happening.TaskParked("b", LATER));

        assertThat(decision.runs()).containsExactly(new Decision.Park("b", LATER));
        assertThat(decision.execution()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"COMPLETED", "FAILED", "TERMINATED"})
    void aTaskParkingInAnExecutionThatEndedIsCancelled(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, all(status, 3, Map.of("b", TaskStatus.RUNNING)),
                new Happening.TaskParked("b", LATER));

        assertThat(decision.runs()).containsExactly(new Cancel("b"));
        assertThat(decision.execution()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "PAUSING", "PAUSED"})
    void aFailureCancelsAWaitingRun(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, all(status, 3, Map.of("a", TaskStatus.COMPLETED, "b",
                TaskStatus.RUNNING, "c", TaskStatus.WAITING)), new Happening.TaskFailed("b", Optional.empty()));

        assertThat(decision.runs()).containsExactly(new Fail("b"), new Cancel("c"),
                new Create("d", TaskStatus.CANCELLED));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "PAUSING", "PAUSED"})
    void outputsThatCannotBeComputedFailTheExecution(ExecutionStatus status) {
        assertThat(decider.decide(DIAMOND, state(status, 0, Map.of()), new Happening.OutputsFailed()).execution())
                .contains(ExecutionStatus.FAILED);
    }

    @Test
    void stoppingWithoutKnowingEveryRunIsRefused() {
        assertThatThrownBy(() -> decider.decide(DIAMOND, state(ExecutionStatus.RUNNING, 3, Map.of()),
                new Happening.TerminateAsked())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyHappeningIsDecidedInEveryStatus() {
        List<Happening> happenings = List.of(completed("a"), new Happening.TaskFailed("a", Optional.of(LATER)),
                new Happening.TaskFailed("a", Optional.empty()), new Happening.TaskParked("a", LATER),
                new Happening.OutputsFailed(), new Happening.TerminateAsked());
        for (ExecutionStatus status : EnumSet.allOf(ExecutionStatus.class)) {
            for (Happening happening : happenings) {
                assertThat(decider.decide(DIAMOND, all(status, 4, Map.of("a", TaskStatus.RUNNING)), happening))
                        .as("%s while %s", happening, status).isNotNull();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "PAUSING", "PAUSED"})
    void everyControlReadsEveryRunButRestartWhichReadsNone(ExecutionStatus status) {
        assertThat(decider.needs(DIAMOND, status, new Happening.PauseAsked()).allRuns()).isTrue();
        assertThat(decider.needs(DIAMOND, status, new Happening.ResumeAsked()).allRuns()).isTrue();
        assertThat(decider.needs(DIAMOND, status, new Happening.TerminateAsked()).allRuns()).isTrue();
        assertThat(decider.needs(DIAMOND, ExecutionStatus.RUNNING, new Happening.RestartAsked()).allRuns()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"PAUSING", "PAUSED"})
    void whileAnExecutionPausesEveryHappeningOfItsTasksReadsEveryRun(ExecutionStatus status) {
        assertThat(decider.needs(DIAMOND, status, completed("a")).allRuns()).isTrue();
        assertThat(decider.needs(DIAMOND, status, new Happening.TaskFailed("b", Optional.of(LATER))).allRuns())
                .isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING"})
    void pauseHoldsReadyRunsAndIsPausingWhileARunRuns(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, all(status, 3, Map.of("a", TaskStatus.COMPLETED, "b",
                TaskStatus.RUNNING, "c", TaskStatus.READY)), new Happening.PauseAsked());

        assertThat(decision.runs()).containsExactly(new Decision.Hold("c"));
        assertThat(decision.execution()).contains(ExecutionStatus.PAUSING);
        assertThat(decision.refused()).isFalse();
    }

    @Test
    void pauseWithNothingRunningIsPausedAtOnceAndWaitsKeepWaiting() {
        Decision decision = decider.decide(DIAMOND, all(ExecutionStatus.WAITING, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.WAITING, "c", TaskStatus.READY)), new Happening.PauseAsked());

        assertThat(decision.runs()).containsExactlyInAnyOrder(new Decision.HoldTimer("b"), new Decision.Hold("c"));
        assertThat(decision.execution()).contains(ExecutionStatus.PAUSED);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"PAUSING", "PAUSED", "COMPLETED", "FAILED", "TERMINATED"})
    void pauseIsRefusedUnlessTheExecutionGoesOn(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, all(status, 3, Map.of("a", TaskStatus.COMPLETED)),
                new Happening.PauseAsked());

        assertThat(decision.refused()).isTrue();
        assertThat(decision.runs()).isEmpty();
        assertThat(decision.execution()).isEmpty();
    }

    @Test
    void aCompletionWhilePausingHoldsTheSuccessorsAndPausesOnceNothingElseRuns() {
        Decision last = decider.decide(DIAMOND, all(ExecutionStatus.PAUSING, 4, Map.of("a", TaskStatus.COMPLETED)),
                completed("a"));

        assertThat(last.runs()).containsExactly(new Create("b", TaskStatus.PENDING), new Create("c", TaskStatus.PENDING));
        assertThat(last.execution()).contains(ExecutionStatus.PAUSED);

        Decision notLast = decider.decide(DIAMOND, all(ExecutionStatus.PAUSING, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.COMPLETED, "c", TaskStatus.RUNNING)), completed("b"));
        assertThat(notLast.runs()).as("d waits for c").isEmpty();
        assertThat(notLast.execution()).as("c still runs").isEmpty();

        Decision whilePaused = decider.decide(DIAMOND, all(ExecutionStatus.PAUSED, 2, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.COMPLETED, "c", TaskStatus.COMPLETED)), completed("c"));
        assertThat(whilePaused.runs()).containsExactly(new Create("d", TaskStatus.PENDING));
        assertThat(whilePaused.execution()).isEmpty();
    }

    @Test
    void theLastTaskCompletingWhilePausingCompletesTheExecution() {
        Decision decision = decider.decide(DIAMOND, all(ExecutionStatus.PAUSING, 1, Map.of("d", TaskStatus.COMPLETED)),
                completed("d"));

        assertThat(decision.execution()).contains(ExecutionStatus.COMPLETED);
    }

    @Test
    void aRetryWhilePausingIsHeldAndAParkedTaskLetsItPause() {
        Decision retry = decider.decide(DIAMOND, all(ExecutionStatus.PAUSING, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.RUNNING)), new Happening.TaskFailed("b", Optional.of(LATER)));
        assertThat(retry.runs()).containsExactly(new Retry("b", LATER, true));
        assertThat(retry.runs().getFirst().status()).isEqualTo(TaskStatus.PENDING);
        assertThat(retry.execution()).contains(ExecutionStatus.PAUSED);

        Decision parked = decider.decide(DIAMOND, all(ExecutionStatus.PAUSING, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.RUNNING, "c", TaskStatus.RUNNING)), new Happening.TaskParked("b", LATER));
        assertThat(parked.runs()).as("held: its time comes after the resume")
                .containsExactly(new Decision.Park("b", LATER, true));
        assertThat(parked.execution()).as("c still runs").isEmpty();
    }

    @Test
    void resumeReleasesHeldRunsAndGoesOnRunningOrWaiting() {
        Decision running = decider.decide(DIAMOND, all(ExecutionStatus.PAUSED, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.PENDING, "c", TaskStatus.WAITING)), new Happening.ResumeAsked());
        assertThat(running.runs()).containsExactlyInAnyOrder(new Decision.Release("b"),
                new Decision.ReleaseTimer("c"));
        assertThat(running.execution()).contains(ExecutionStatus.RUNNING);

        Decision waiting = decider.decide(DIAMOND, all(ExecutionStatus.PAUSED, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.WAITING)), new Happening.ResumeAsked());
        assertThat(waiting.runs()).containsExactly(new Decision.ReleaseTimer("b"));
        assertThat(waiting.execution()).contains(ExecutionStatus.WAITING);

        Decision pausing = decider.decide(DIAMOND, all(ExecutionStatus.PAUSING, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.RUNNING, "c", TaskStatus.PENDING)), new Happening.ResumeAsked());
        assertThat(pausing.runs()).containsExactly(new Decision.Release("c"));
        assertThat(pausing.execution()).contains(ExecutionStatus.RUNNING);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "COMPLETED", "FAILED",
        "TERMINATED"})
    void resumeIsRefusedUnlessTheExecutionIsPaused(ExecutionStatus status) {
        assertThat(decider.decide(DIAMOND, all(status, 3, Map.of()), new Happening.ResumeAsked()).refused()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void restartStartsTheNextRunFromTheStepsThatWaitForNothingInAnyStatus(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, state(status, 1, Map.of()), new Happening.RestartAsked());

        assertThat(decision.effect()).isEqualTo(Decision.Effect.RESTART);
        assertThat(decision.runs()).containsExactly(new Create("a", TaskStatus.READY));
        assertThat(decision.execution()).contains(ExecutionStatus.QUEUED);
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void restartOfAPlanWithoutStepsIsRefusedInAnyStatusForItsNextRunCouldNeverEnd(ExecutionStatus status) {
        Plan empty = COMPILER.compileStored(new TestDefinition().build());

        Decision decision = decider.decide(empty, state(status, 0, Map.of()), new Happening.RestartAsked());

        assertThat(decision.refused()).isTrue();
        assertThat(decision.runs()).isEmpty();
        assertThat(decision.execution()).isEmpty();
    }

    @Test
    void restartFromAStepReadsEveryRunButFromTheStartReadsNone() {
        assertThat(decider.needs(DIAMOND, ExecutionStatus.FAILED, new Happening.RestartAsked("c")).allRuns()).isTrue();
        assertThat(decider.needs(DIAMOND, ExecutionStatus.FAILED, new Happening.RestartAsked()).allRuns()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"RUNNING", "PAUSED", "FAILED", "TERMINATED", "COMPLETED"})
    void restartFromAStepKeepsTheCompletedRunsThatDoNotDependOnItAndRunsTheRest(ExecutionStatus status) {
        // a and b completed; c failed (or runs); d never ran. From c: a and b are kept, c runs, d waits for it.
        Decision decision = decider.decide(DIAMOND, all(status, 2, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.COMPLETED, "c", TaskStatus.FAILED)), new Happening.RestartAsked("c"));

        assertThat(decision.effect()).isEqualTo(Decision.Effect.RESTART);
        assertThat(decision.runs()).containsExactlyInAnyOrder(new Create("a", TaskStatus.COMPLETED),
                new Create("b", TaskStatus.COMPLETED), new Create("c", TaskStatus.READY));
        assertThat(decision.execution()).contains(ExecutionStatus.QUEUED);
    }

    @Test
    void restartFromAStepRunsAgainWhatDependsOnItAndWhatHadNotCompleted() {
        // From b: d depends on b, so it runs again after b; c had not completed, so it runs too.
        Decision decision = decider.decide(DIAMOND, all(ExecutionStatus.COMPLETED, 0, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.COMPLETED, "c", TaskStatus.RUNNING, "d", TaskStatus.COMPLETED)),
                new Happening.RestartAsked("b"));

        assertThat(decision.runs()).containsExactlyInAnyOrder(new Create("a", TaskStatus.COMPLETED),
                new Create("b", TaskStatus.READY), new Create("c", TaskStatus.READY));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"COMPLETED", "FAILED", "TERMINATED"})
    void terminateIsRefusedOnceTheExecutionEnded(ExecutionStatus status) {
        assertThat(decider.decide(DIAMOND, all(status, 3, Map.of()), new Happening.TerminateAsked()).refused())
                .isTrue();
    }

    @Test
    void aBranchEndingBesideAWaitingRunLeavesTheExecutionWaitingOnceEveryRunIsRead() {
        Decision partial = decider.decide(DIAMOND, state(ExecutionStatus.RUNNING, 3, Map.of("c", TaskStatus.WAITING)),
                completed("b"));
        assertThat(partial.effect()).as("c waits, but other runs are unknown").isEqualTo(Decision.Effect.NEEDS_ALL_RUNS);

        Decision waiting = decider.decide(DIAMOND, all(ExecutionStatus.RUNNING, 3, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.COMPLETED, "c", TaskStatus.WAITING)), completed("b"));
        assertThat(waiting.runs()).isEmpty();
        assertThat(waiting.completed()).containsExactly("b");
        assertThat(waiting.execution()).contains(ExecutionStatus.WAITING);

        Decision stillRunning = decider.decide(DIAMOND, state(ExecutionStatus.RUNNING, 3, Map.of("c",
                TaskStatus.READY)), completed("b"));
        assertThat(stillRunning.effect()).as("a run read is active: no need to read more")
                .isEqualTo(Decision.Effect.CHANGES);
        assertThat(stillRunning.execution()).isEmpty();
    }

    @Test
    void aParkedRunWhoseTimeCameIsWokenAndItsWaitingExecutionRunsAgain() {
        Happening.TimerDue due = new Happening.TimerDue("b");
        assertThat(decider.needs(DIAMOND, ExecutionStatus.WAITING, due).allRuns()).isFalse();

        Decision waiting = decider.decide(DIAMOND, state(ExecutionStatus.WAITING, 3, Map.of()), due);
        assertThat(waiting.runs()).containsExactly(new Decision.Wake("b"));
        assertThat(waiting.execution()).contains(ExecutionStatus.RUNNING);

        Decision running = decider.decide(DIAMOND, state(ExecutionStatus.RUNNING, 3, Map.of()), due);
        assertThat(running.runs()).containsExactly(new Decision.Wake("b"));
        assertThat(running.execution()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"PAUSING", "PAUSED"})
    void aParkedRunWhoseTimeCameAsItsExecutionPausedIsHeldUntilTheResume(ExecutionStatus status) {
        Decision decision = decider.decide(DIAMOND, state(status, 3, Map.of()), new Happening.TimerDue("b"));

        assertThat(decision.runs()).containsExactly(new Decision.HoldTimer("b"));
        assertThat(decision.execution()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"COMPLETED", "FAILED", "TERMINATED"})
    void aParkedRunOfAnEndedExecutionIsCancelledNotWoken(ExecutionStatus status) {
        assertThat(decider.decide(DIAMOND, state(status, 3, Map.of()), new Happening.TimerDue("b")).runs())
                .containsExactly(new Cancel("b"));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "PAUSING", "PAUSED"})
    void anEventGoesToTheOldestWaitForItsTypeOrIsKept(ExecutionStatus status) {
        Happening.EventArrived arrived = new Happening.EventArrived("approval");
        assertThat(decider.needs(DIAMOND, status, arrived)).isEqualTo(new Decider.Needs(Set.of(), false, "approval"));

        Decision taken = decider.decide(DIAMOND, new ExecutionState(status, 3, Map.of(), false, List.of("c", "b")),
                arrived);
        assertThat(taken.runs()).containsExactly(new Decision.Deliver("c",
                ExecutionStatus.PAUSING_OR_PAUSED.contains(status)));
        assertThat(taken.execution()).isEmpty();

        Decision kept = decider.decide(DIAMOND, new ExecutionState(status, 3, Map.of(), false, List.of()), arrived);
        assertThat(kept).as("kept for the first wait to come").isEqualTo(Decision.NOTHING);
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"COMPLETED", "FAILED", "TERMINATED"})
    void anEventForAnEndedExecutionIsRefused(ExecutionStatus status) {
        assertThat(decider.decide(DIAMOND, new ExecutionState(status, 0, Map.of(), false, List.of("b")),
                new Happening.EventArrived("approval")).refused()).isTrue();
    }

    @Test
    void aRerunReusesWhatDoesNotDependOnItsStepAndCompletedAndStartsWhatThoseFeed() {
        Decision decision = decider.decide(DIAMOND, all(ExecutionStatus.FAILED, 1, Map.of("a", TaskStatus.COMPLETED,
                "b", TaskStatus.COMPLETED, "c", TaskStatus.FAILED, "d", TaskStatus.CANCELLED)),
                new Happening.RerunAsked("b"));

        assertThat(decision.runs()).containsExactly(new Create("a", TaskStatus.COMPLETED),
                new Create("b", TaskStatus.READY), new Create("c", TaskStatus.READY));
        assertThat(decision.execution()).contains(ExecutionStatus.QUEUED);
    }

    @Test
    void aRerunRunsEverythingDownstreamOfItsStepWhateverOrderTheDefinitionListsThem() {
        // z reads y, which reads x, listed last to first, as a document may list them.
        Plan backwards = COMPILER.compile(new TestDefinition()
                .task("z", "TextOperation.Uppercase", "{'text': '{{ tasks.y.outputs.text }}'}")
                .task("y", "TextOperation.Uppercase", "{'text': '{{ tasks.x.outputs.text }}'}")
                .task("x", "TextOperation.Uppercase", "{'text': 'x'}")
                .build());

        Decision decision = decider.decide(backwards, all(ExecutionStatus.COMPLETED, 0, Map.of("x",
                TaskStatus.COMPLETED, "y", TaskStatus.COMPLETED, "z", TaskStatus.COMPLETED)),
                new Happening.RerunAsked("x"));

        assertThat(decision.runs()).as("z depends on x through y: it runs again, it is not reused")
                .containsExactly(new Create("x", TaskStatus.READY));
    }

    @ParameterizedTest
    @EnumSource(value = ExecutionStatus.class, names = {"QUEUED", "RUNNING", "WAITING", "PAUSING", "PAUSED"})
    void anUnfinishedExecutionIsNotRerun(ExecutionStatus status) {
        assertThat(decider.decide(DIAMOND, all(status, 4, Map.of()), new Happening.RerunAsked("b")).refused()).isTrue();
    }
}
