package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.BulkJobStatus;
import io.dataflow.engine.model.BulkScope;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Retention;
import io.dataflow.engine.model.StartedBy;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bulk jobs of a binding (seed 003's batch terminate) on each database, a page at a time: a job reaches the
 * binding's executions in every workflow it has bound and no other execution, names are looked up in the binding
 * (those of no execution of it counted as not found), one terminate-all runs at a time per binding, asking twice
 * terminates nothing twice, and a job of a binding deleted meanwhile ends.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BindingBulkJobTests {

    private static final Duration LEASE = Duration.ofSeconds(10);

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private StoreFixture stores;
    private BulkJobStore jobs;
    private BindingStore bindings;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "binding-bulk");
        jobs = new BulkJobStore(stores.database, stores.transitions, clock, new RecordedWakeUps());
        bindings = new BindingStore(stores.database, stores.transitions, clock);
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) { // null when PostgreSQL is skipped
            stores.close();
        }
    }

    @Test
    void terminatingAllReachesTheBindingsUnfinishedExecutionsInEachOfItsWorkflowsAndNoOther() {
        bind("orders", stores.workflowId);
        List<Execution> first = List.of(start("orders", "a-0"), start("orders", "a-1"), start("orders", "a-2"));
        Execution finished = start("orders", "a-3");
        stores.transitions.cancel(ExecutionRef.of(finished));
        String second = stores.workflow(new TestDefinition());
        bind("orders", second);
        List<Execution> rebound = List.of(start("orders", "b-0"), start("orders", "b-1"), start("orders", "b-2"));
        Execution unbound = stores.start(null);
        bind("others", stores.workflowId);
        Execution otherBinding = start("others", "a-0");

        BulkJob job = created(jobs.create(terminateAll("orders", Set.of())));
        assertThat(job.scope()).isEqualTo(new BulkScope.OfBinding(bindingId("orders")));
        assertThat(job.expected()).isEqualTo(6);
        Execution late = start("orders", "late");
        runAll();

        BulkJob done = find("orders", job);
        assertThat(done.status()).isEqualTo(BulkJobStatus.COMPLETED);
        assertThat(done.progress()).isEqualTo(new BulkJob.Progress(6, 6, 0, 0));
        assertThat(first).allSatisfy(e -> assertThat(status(e)).isEqualTo(ExecutionStatus.TERMINATED));
        assertThat(rebound).as("of the workflow bound later").allSatisfy(e -> assertThat(status(e))
                .isEqualTo(ExecutionStatus.TERMINATED));
        assertThat(status(unbound)).as("the workflow's, started through no binding").isEqualTo(ExecutionStatus.QUEUED);
        assertThat(status(otherBinding)).as("another binding's").isEqualTo(ExecutionStatus.QUEUED);
        assertThat(status(late)).as("started after the job was accepted").isEqualTo(ExecutionStatus.QUEUED);
    }

    @Test
    void aStatusNarrowsTerminatingAll() {
        bind("orders", stores.workflowId);
        Execution queued = start("orders", "q");
        Execution paused = start("orders", "p");
        stores.transitions.actAll(stores.organizationId, stores.workflowId, List.of(paused.id()),
                ExecutionAction.PAUSE);

        BulkJob job = created(jobs.create(terminateAll("orders", Set.of(ExecutionStatus.QUEUED))));
        assertThat(job.expected()).isEqualTo(1);
        runAll();

        assertThat(status(queued)).isEqualTo(ExecutionStatus.TERMINATED);
        assertThat(status(paused)).isNotEqualTo(ExecutionStatus.TERMINATED);
    }

    @Test
    void namesAreLookedUpInTheBindingAndThoseOfNoExecutionOfItAreCountedNotFound() {
        bind("orders", stores.workflowId);
        Execution running = start("orders", "n-1");
        String longName = "m".repeat(100);
        Execution longNamed = start("orders", longName);
        Execution done = start("orders", "done");
        stores.transitions.cancel(ExecutionRef.of(done));
        bind("orders", stores.workflow(new TestDefinition()));
        Execution rebound = start("orders", "c-1");
        bind("others", stores.workflowId);
        Execution otherBinding = start("others", "x");

        BulkJob job = created(jobs.create(terminate("orders", List.of("n-1", longName, "c-1", "done", "unknown", "x",
                "n-1"))));
        assertThat(job.expected()).as("three named that are unfinished").isEqualTo(3);
        // Pages of three: the first ends at the long name, which the job keeps as where it stopped.
        runAll();

        assertThat(find("orders", job).progress()).as("the finished one is not selected; 'unknown' and 'x' are"
                + " no execution of the binding").isEqualTo(new BulkJob.Progress(3, 3, 0, 2));
        assertThat(List.of(running, longNamed, rebound)).allSatisfy(e -> assertThat(status(e))
                .isEqualTo(ExecutionStatus.TERMINATED));
        assertThat(status(otherBinding)).as("another binding's 'x'").isEqualTo(ExecutionStatus.QUEUED);
    }

    @Test
    void askingForTheSameNamesAgainFindsTheUnfinishedJobAndLaterTerminatesNothingTwice() {
        bind("orders", stores.workflowId);
        start("orders", "a");
        start("orders", "b");
        BulkJob job = created(jobs.create(terminate("orders", List.of("a", "b"))));

        assertThat(jobs.create(terminate("orders", List.of("b", "a")))).isEqualTo(new BulkJobStore.Found(job));
        runAll();
        BulkJob again = created(jobs.create(terminate("orders", List.of("a", "b"))));
        assertThat(again.expected()).isZero();
        runAll();
        assertThat(find("orders", again).progress()).isEqualTo(new BulkJob.Progress(0, 0, 0, 0));
        assertThat(find("orders", again).status()).isEqualTo(BulkJobStatus.COMPLETED);
    }

    @Test
    void oneTerminateAllRunsAtATimePerBindingAndTheNewestIsFound() {
        bind("orders", stores.workflowId);
        bind("others", stores.workflowId);
        start("orders", "a");
        assertThat(jobs.latestOneAtATime(stores.organizationId, scope("orders"), ExecutionAction.TERMINATE))
                .as("before any").isEmpty();

        BulkJob job = created(jobs.create(terminateAll("orders", Set.of())));
        assertThat(jobs.create(terminateAll("orders", Set.of(ExecutionStatus.QUEUED))))
                .as("while it is unfinished, whatever the statuses").isEqualTo(new BulkJobStore.Found(job));
        created(jobs.create(terminateAll("others", Set.of())));
        created(jobs.create(terminate("orders", List.of("a"))));
        assertThat(latest("orders")).map(BulkJob::id).as("a job by names is not one").contains(job.id());

        runAll();
        assertThat(latest("orders")).map(BulkJob::status).contains(BulkJobStatus.COMPLETED);
        BulkJob next = created(jobs.create(terminateAll("orders", Set.of())));
        assertThat(next.expected()).isZero();
        assertThat(latest("orders")).map(BulkJob::id).contains(next.id());
    }

    @Test
    void aJobOfABindingDeletedMeanwhileEndsAndNoneCanBeAskedOfItAfterwards() {
        bind("orders", stores.workflowId);
        for (int i = 0; i < 5; i++) {
            start("orders", "e-" + i);
        }
        String bindingId = bindingId("orders");
        BulkJob all = created(jobs.create(terminateAll("orders", Set.of())));
        BulkJob named = created(jobs.create(terminate("orders", List.of("e-3", "e-4"))));
        assertThat(jobs.claim("node-a", LEASE)).map(BulkJob::id).contains(all.id());
        assertThat(jobs.step(all.id(), "node-a", LEASE, 2)).isEqualTo(BulkJobStore.Step.MORE);

        assertThat(bindings.delete(stores.organizationId, "orders")).isTrue();
        runSteps(all, "node-a");
        runAll();

        BulkJob allDone = jobs.find(stores.organizationId, new BulkScope.OfBinding(bindingId), all.id()).orElseThrow();
        assertThat(allDone.status()).isEqualTo(BulkJobStatus.COMPLETED);
        assertThat(allDone.progress()).as("the first page only").isEqualTo(new BulkJob.Progress(2, 2, 0, 0));
        BulkJob namedDone = jobs.find(stores.organizationId, new BulkScope.OfBinding(bindingId), named.id())
                .orElseThrow();
        assertThat(namedDone.status()).isEqualTo(BulkJobStatus.COMPLETED);
        assertThat(namedDone.progress()).as("deleted with the binding").isEqualTo(new BulkJob.Progress(0, 0, 0, 2));
        assertThat(jobs.create(new BulkJobStore.NewJob(stores.organizationId, new BulkScope.OfBinding(bindingId),
                ExecutionAction.TERMINATE, unfinished(null), null, true))).isEqualTo(new BulkJobStore.NoScope());
    }

    @Test
    void anotherOrganizationCanNeitherAskForAJobOfTheBindingNorSeeOne() {
        bind("orders", stores.workflowId);
        start("orders", "a");
        created(jobs.create(terminateAll("orders", Set.of())));
        String other = stores.organizations.createOrganization("other").key().organizationId();

        assertThat(jobs.create(new BulkJobStore.NewJob(other, scope("orders"), ExecutionAction.TERMINATE,
                unfinished(null), null, true))).isEqualTo(new BulkJobStore.NoScope());
        assertThat(jobs.latestOneAtATime(other, scope("orders"), ExecutionAction.TERMINATE)).isEmpty();
    }

    private void bind(String name, String workflowId) {
        bindings.bind(stores.organizationId, name, workflowId, 1, "Class", Retention.NONE);
    }

    private String bindingId(String name) {
        return bindings.find(stores.organizationId, name).orElseThrow().id();
    }

    private BulkScope scope(String binding) {
        return new BulkScope.OfBinding(bindingId(binding));
    }

    /** Inserts a queued execution named {@code name} through the binding, of the version it binds now. */
    private Execution start(String binding, String name) {
        var bound = bindings.find(stores.organizationId, binding).orElseThrow();
        Execution execution = new Execution(Ids.next("ex"), stores.organizationId, bound.workflowId(), 1,
                ExecutionStatus.QUEUED, Json.object(), null, null, null, "api.accounts", clock.instant(), null, null);
        assertThat(stores.executions.insertAll(List.of(new ExecutionStore.NewExecution(execution,
                PlannedStep.of(stores.plans.plan(bound.workflowId(), 1), execution.stepDefaults()), StartedBy.UNKNOWN,
                null, false,
                new ExecutionStore.Named(bound.id(), bound.versionId(), name))))).containsExactly(true);
        return execution;
    }

    private static BulkFilter unfinished(List<String> names) {
        return new BulkFilter(ExecutionStatus.UNFINISHED, null, null, names);
    }

    private BulkJobStore.NewJob terminateAll(String binding, Set<ExecutionStatus> statuses) {
        return new BulkJobStore.NewJob(stores.organizationId, scope(binding), ExecutionAction.TERMINATE,
                new BulkFilter(statuses.isEmpty() ? ExecutionStatus.UNFINISHED : statuses, null, null, null), null,
                true);
    }

    private BulkJobStore.NewJob terminate(String binding, List<String> names) {
        return new BulkJobStore.NewJob(stores.organizationId, scope(binding), ExecutionAction.TERMINATE,
                unfinished(names), null, false);
    }

    private Optional<BulkJob> latest(String binding) {
        return jobs.latestOneAtATime(stores.organizationId, scope(binding), ExecutionAction.TERMINATE);
    }

    private static BulkJob created(BulkJobStore.Creation creation) {
        assertThat(creation).isInstanceOf(BulkJobStore.Created.class);
        return ((BulkJobStore.Created) creation).job();
    }

    private BulkJob find(String binding, BulkJob job) {
        return jobs.find(stores.organizationId, scope(binding), job.id()).orElseThrow();
    }

    /** Carries out every unfinished job, oldest first, in pages of three. */
    private void runAll() {
        for (Optional<BulkJob> job = jobs.claim("node-a", LEASE); job.isPresent();
                job = jobs.claim("node-a", LEASE)) {
            runSteps(job.get(), "node-a");
        }
    }

    private void runSteps(BulkJob job, String owner) {
        BulkJobPages.runSteps(jobs, job, owner, LEASE);
    }

    private ExecutionStatus status(Execution execution) {
        return stores.find(execution).orElseThrow().execution().status();
    }
}
