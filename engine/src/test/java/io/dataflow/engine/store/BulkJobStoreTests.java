package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.BulkJobStatus;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bulk jobs on each database, driven a page at a time with a settable clock: a job reaches every execution its
 * filter selects exactly once and no other, stays within its workflow and organization and within the executions
 * there were when it was accepted, goes on where it stopped when its lease expires, and is found again when asked
 * twice.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BulkJobStoreTests {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Set<ExecutionStatus> QUEUED = Set.of(ExecutionStatus.QUEUED);

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final RecordedWakeUps created = new RecordedWakeUps();
    private StoreFixture stores;
    private BulkJobStore jobs;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "bulk");
        jobs = new BulkJobStore(stores.database, stores.transitions, clock, created);
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) { // null when PostgreSQL is skipped
            stores.close();
        }
    }

    @Test
    void aJobActsOnEveryMatchingExecutionOnceAPageAtATimeAndOnNoOther() {
        List<Execution> queued = start(stores.workflowId, 45);
        Execution finished = stores.start(null);
        stores.transitions.cancel(ExecutionRef.of(finished));
        String otherWorkflow = stores.workflow(new TestDefinition());
        Execution elsewhere = stores.startOf(otherWorkflow, null);

        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE, new BulkFilter(QUEUED, null, null, null))));
        assertThat(job.status()).isEqualTo(BulkJobStatus.QUEUED);
        assertThat(job.expected()).isEqualTo(45);
        assertThat(created.told()).as("the runner is woken").containsExactly(java.util.Optional.empty());

        assertThat(jobs.claim("node-a", LEASE)).map(BulkJob::id).contains(job.id());
        List<BulkJobStore.Step> steps = new ArrayList<>();
        BulkJobStore.Step step;
        do {
            step = jobs.step(job.id(), "node-a", LEASE, 20);
            steps.add(step);
        } while (step == BulkJobStore.Step.MORE);
        assertThat(steps).as("pages of 20, 20 and 5, then one that finds nothing").containsExactly(
                BulkJobStore.Step.MORE, BulkJobStore.Step.MORE, BulkJobStore.Step.MORE, BulkJobStore.Step.DONE);

        BulkJob done = find(job);
        assertThat(done.status()).isEqualTo(BulkJobStatus.COMPLETED);
        assertThat(done.completedAt()).isEqualTo(clock.instant());
        assertThat(done.progress()).isEqualTo(new BulkJob.Progress(45, 45, 0, 0));
        assertThat(queued).allSatisfy(e -> assertThat(status(e)).isEqualTo(ExecutionStatus.TERMINATED));
        assertThat(status(elsewhere)).as("another workflow's").isEqualTo(ExecutionStatus.QUEUED);
        assertThat(jobs.step(job.id(), "node-a", LEASE, 20)).as("a finished job").isEqualTo(BulkJobStore.Step.LOST);
    }

    @Test
    void executionsStartedAfterTheJobWasAcceptedAreLeftAlone() {
        List<Execution> before = start(stores.workflowId, 3);
        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE, new BulkFilter(QUEUED, null, null, null))));
        Execution after = stores.start(null);

        runToEnd(job, "node-a");

        assertThat(before).allSatisfy(e -> assertThat(status(e)).isEqualTo(ExecutionStatus.TERMINATED));
        assertThat(status(after)).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(find(job).progress().matched()).isEqualTo(3);
    }

    @Test
    void aJobWhoseNodeStoppedIsTakenOverWhereItStoppedAndNothingIsRestartedTwice() {
        // A workflow with a task: one without is never restarted. No worker runs it here.
        String workflowId = stores.workflow(new TestDefinition()
                .task("a", "Test.Pure", "{}"));
        List<Execution> executions = start(workflowId, 7);
        BulkJob job = created(jobs.create(new BulkJobStore.NewJob(stores.organizationId, workflowId,
                ExecutionAction.RESTART, new BulkFilter(Set.of(ExecutionStatus.QUEUED), null, null, null), null)));
        assertThat(jobs.claim("node-a", LEASE)).isPresent();
        assertThat(jobs.step(job.id(), "node-a", LEASE, 3)).isEqualTo(BulkJobStore.Step.MORE);
        // node-a dies here: its lease holds the job until it expires.
        assertThat(jobs.claim("node-b", LEASE)).as("while node-a's lease runs").isEmpty();
        clock.advance(LEASE.plusMillis(1));

        assertThat(jobs.claim("node-b", LEASE)).map(BulkJob::id).contains(job.id());
        assertThat(jobs.step(job.id(), "node-a", LEASE, 3)).as("node-a, late").isEqualTo(BulkJobStore.Step.LOST);
        runSteps(job, "node-b");

        assertThat(jobs.find(stores.organizationId, workflowId, job.id()).orElseThrow().progress())
                .isEqualTo(new BulkJob.Progress(7, 7, 0, 0));
        assertThat(executions).allSatisfy(e -> assertThat(stores.find(e).orElseThrow().execution().run())
                .as("run number of %s", e.id()).isEqualTo(2));
    }

    @Test
    void aRestartSkipsTheExecutionsOfAVersionWithoutTasksWhichCouldNeverEnd() {
        List<Execution> executions = start(stores.workflowId, 3);
        BulkJob job = created(jobs.create(job(ExecutionAction.RESTART, new BulkFilter(QUEUED, null, null, null))));

        runToEnd(job, "node-a");

        assertThat(find(job).progress()).isEqualTo(new BulkJob.Progress(3, 0, 3, 0));
        assertThat(executions).allSatisfy(e -> assertThat(stores.find(e).orElseThrow().execution().run())
                .as("run number of %s", e.id()).isEqualTo(1));
    }

    @Test
    void aNodeThatStopsGivesItsJobBackAtOnce() {
        start(stores.workflowId, 2);
        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE, new BulkFilter(QUEUED, null, null, null))));
        assertThat(jobs.claim("node-a", LEASE)).isPresent();
        jobs.release("node-a");
        assertThat(jobs.claim("node-b", LEASE)).map(BulkJob::id).contains(job.id());
    }

    @Test
    void idsAreActedOnWhenTheyMatchAndThoseThatNameNoExecutionOfTheWorkflowAreCounted() {
        List<Execution> executions = start(stores.workflowId, 4);
        stores.transitions.cancel(ExecutionRef.of(executions.get(3)));
        Execution foreign = foreignExecution();
        List<String> ids = new ArrayList<>(executions.stream().map(Execution::id).toList());
        ids.add(foreign.id());
        ids.add("ex-unknown");
        ids.add(executions.getFirst().id()); // named twice, acted on once

        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE,
                new BulkFilter(Set.of(), null, null, ids))));
        assertThat(job.expected()).as("four of the workflow's, one of them finished").isEqualTo(4);
        runToEnd(job, "node-a");

        assertThat(find(job).progress()).as("the finished one is skipped").isEqualTo(new BulkJob.Progress(4, 3, 1, 2));
        assertThat(executions).allSatisfy(e -> assertThat(status(e)).isEqualTo(ExecutionStatus.TERMINATED));
        assertThat(foreign(foreign)).as("another organization's").isEqualTo(ExecutionStatus.QUEUED);
    }

    @Test
    void idsTogetherWithAStatusActOnlyOnThoseInTheStatus() {
        List<Execution> executions = start(stores.workflowId, 3);
        stores.transitions.actAll(stores.organizationId, stores.workflowId, List.of(executions.get(0).id()),
                ExecutionAction.PAUSE);
        BulkJob job = created(jobs.create(job(ExecutionAction.RESUME, new BulkFilter(
                Set.of(ExecutionStatus.PAUSED, ExecutionStatus.PAUSING), null, null,
                executions.stream().map(Execution::id).toList()))));
        runToEnd(job, "node-a");

        assertThat(find(job).progress()).isEqualTo(new BulkJob.Progress(1, 1, 0, 0));
        assertThat(status(executions.get(0))).isNotIn(ExecutionStatus.PAUSED, ExecutionStatus.PAUSING);
    }

    @Test
    void createdBeforeAndAfterBoundTheExecutionsStrictly() {
        Execution first = stores.start(null);
        clock.advance(Duration.ofMinutes(1));
        Execution middle = stores.start(null);
        Instant middleAt = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        Execution last = stores.start(null);

        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE, new BulkFilter(Set.of(),
                middleAt.plusSeconds(1), middleAt.minusSeconds(1), null))));
        assertThat(job.expected()).isEqualTo(1);
        runToEnd(job, "node-a");

        assertThat(status(first)).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(status(middle)).isEqualTo(ExecutionStatus.TERMINATED);
        assertThat(status(last)).isEqualTo(ExecutionStatus.QUEUED);
    }

    @Test
    void askingTwiceWhileTheJobIsUnfinishedFindsItAndAfterwardsStartsAnother() {
        start(stores.workflowId, 2);
        BulkFilter filter = new BulkFilter(QUEUED, null, null, null);
        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE, filter)));

        assertThat(jobs.create(job(ExecutionAction.TERMINATE, filter))).isEqualTo(new BulkJobStore.Found(job));
        assertThat(jobs.create(job(ExecutionAction.PAUSE, filter))).as("another action")
                .isInstanceOf(BulkJobStore.Created.class);
        runToEnd(job, "node-a");
        assertThat(jobs.create(job(ExecutionAction.TERMINATE, filter))).as("once it finished")
                .isInstanceOf(BulkJobStore.Created.class);
    }

    @Test
    void anIdempotencyKeyFindsItsJobEvenFinishedAndRefusesAnotherRequest() {
        start(stores.workflowId, 2);
        BulkFilter filter = new BulkFilter(QUEUED, null, null, null);
        BulkJob job = created(jobs.create(keyed(ExecutionAction.TERMINATE, filter, "key-1")));
        runToEnd(job, "node-a");
        BulkJob finished = find(job);

        assertThat(jobs.create(keyed(ExecutionAction.TERMINATE, filter, "key-1")))
                .isEqualTo(new BulkJobStore.Found(finished));
        assertThat(jobs.create(keyed(ExecutionAction.RESTART, filter, "key-1")))
                .isEqualTo(new BulkJobStore.KeyInUse(finished));
        assertThat(jobs.create(keyed(ExecutionAction.TERMINATE, filter, "key-2")))
                .isInstanceOf(BulkJobStore.Created.class);
    }

    @Test
    void anotherOrganizationSeesNoJobAndCannotAskForOneOnTheWorkflow() {
        start(stores.workflowId, 1);
        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE, new BulkFilter(QUEUED, null, null, null))));
        String other = stores.organizations.createOrganization("other").key().organizationId();

        assertThat(jobs.find(other, stores.workflowId, job.id())).isEmpty();
        assertThat(jobs.list(other, stores.workflowId, null, 10).items()).isEmpty();
        assertThat(jobs.create(new BulkJobStore.NewJob(other, stores.workflowId, ExecutionAction.TERMINATE,
                new BulkFilter(QUEUED, null, null, null), null))).isEqualTo(new BulkJobStore.NoScope());
    }

    @Test
    void jobsAreListedNewestFirstAPageAtATime() {
        List<String> ids = IntStream.range(0, 3).mapToObj(i -> created(jobs.create(keyed(ExecutionAction.TERMINATE,
                new BulkFilter(QUEUED, null, null, null), "k" + i))).id()).toList();
        var first = jobs.list(stores.organizationId, stores.workflowId, null, 2);
        assertThat(first.items()).extracting(BulkJob::id).containsExactly(ids.get(2), ids.get(1));
        var second = jobs.list(stores.organizationId, stores.workflowId, first.nextCursor(), 2);
        assertThat(second.items()).extracting(BulkJob::id).containsExactly(ids.get(0));
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aJobWhosePagesKeepFailingIsGivenUpAndLeavesTheWayFreeForAnother() {
        BulkFilter filter = new BulkFilter(QUEUED, null, null, null);
        BulkJob job = created(jobs.create(job(ExecutionAction.TERMINATE, filter)));
        for (int i = 1; i <= BulkJobStore.MAX_FAILURES; i++) {
            assertThat(jobs.claim("node-a", LEASE)).as("claim %d", i).isPresent();
            assertThat(jobs.failed(job.id(), "node-a", "boom " + i, LEASE)).isEqualTo(i == BulkJobStore.MAX_FAILURES);
            assertThat(jobs.claim("node-a", LEASE)).as("before the retry delay").isEmpty();
            clock.advance(LEASE);
        }
        BulkJob failed = find(job);
        assertThat(failed.status()).isEqualTo(BulkJobStatus.FAILED);
        assertThat(failed.error()).isEqualTo("boom " + BulkJobStore.MAX_FAILURES);
        assertThat(jobs.claim("node-a", LEASE)).isEmpty();
        assertThat(jobs.create(job(ExecutionAction.TERMINATE, filter))).isInstanceOf(BulkJobStore.Created.class);
    }

    private void runToEnd(BulkJob job, String owner) {
        assertThat(jobs.claim(owner, LEASE)).map(BulkJob::id).contains(job.id());
        runSteps(job, owner);
    }

    private void runSteps(BulkJob job, String owner) {
        BulkJobPages.runSteps(jobs, job, owner, LEASE);
    }

    private List<Execution> start(String workflowId, int count) {
        return IntStream.range(0, count).mapToObj(i -> stores.startOf(workflowId, null)).toList();
    }

    private BulkJobStore.NewJob job(ExecutionAction action, BulkFilter filter) {
        return keyed(action, filter, null);
    }

    private BulkJobStore.NewJob keyed(ExecutionAction action, BulkFilter filter, String key) {
        return new BulkJobStore.NewJob(stores.organizationId, stores.workflowId, action, filter, key);
    }

    private static BulkJob created(BulkJobStore.Creation creation) {
        assertThat(creation).isInstanceOf(BulkJobStore.Created.class);
        return ((BulkJobStore.Created) creation).job();
    }

    private BulkJob find(BulkJob job) {
        return jobs.find(stores.organizationId, stores.workflowId, job.id()).orElseThrow();
    }

    private ExecutionStatus status(Execution execution) {
        return stores.find(execution).orElseThrow().execution().status();
    }

    /** A queued execution of a workflow of another organization. */
    private Execution foreignExecution() {
        String organization = stores.organizations.createOrganization("foreign").key().organizationId();
        String workflow = stores.workflows.create(WorkflowStore.NewWorkflow.draft(organization, "foreign",
                null, new Definition(List.of(), List.of(), List.of(), null), Json.object(), null)).id();
        Execution execution = new Execution(Ids.next("ex"), organization, workflow, 1, ExecutionStatus.QUEUED,
                Json.object(), null, null, null, "api.dataflow", clock.instant(), null, null);
        assertThat(stores.executions.insertAll(List.of(new ExecutionStore.NewExecution(execution,
                PlannedStep.of(stores.plans.plan(workflow, 1), StepDefaults.ENGINE))))).containsExactly(true);
        return execution;
    }

    private ExecutionStatus foreign(Execution execution) {
        return stores.executions.find(execution.organizationId(), execution.workflowId(), execution.id(),
                stores::steps).orElseThrow().execution().status();
    }
}
