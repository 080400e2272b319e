package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.engine.BindingService;
import io.dataflow.engine.BindingService.NamedStart;
import io.dataflow.engine.BindingService.NamedStarts;
import io.dataflow.engine.ExecutionService.StartRequest;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.Binding;
import io.dataflow.engine.model.BindingVersion;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionNameTakenException;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.NamedExecution;
import io.dataflow.engine.model.NamedExecutionFilter;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.RepeatedExecutionNameException;
import io.dataflow.engine.model.UnknownWorkflowException;
import io.dataflow.engine.model.WorkflowNotExecutableException;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.store.BindingStore.Bound;
import io.dataflow.engine.store.WorkflowStore;
import io.dataflow.engine.store.WorkflowStore.WorkflowChange;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
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
 * Bindings: names under which a workflow of the organization takes named executions. Binding again makes a version
 * only when what is bound changed; executions keep the version they started on; deleting a binding deletes its
 * executions (terminated first) and never the workflow; batches are all or nothing and skip names taken; nothing of
 * one organization shows in another.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BindingTests {

    private static TestDatabase.Fresh database;

    @Parameter
    TestDatabase kind;

    private EngineHarness engine;
    private BindingService bindings;
    private Access access;

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
        bindings = engine.engine().bindings();
        access = Access.admin(engine.organizationId());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String echo() {
        return engine.createWorkflow(new TestDefinition().task("echo", "Echo", "{'text': 'hi'}"));
    }

    /** A workflow whose executions wait for an event {@code go} (a minute at most): they stay unfinished. */
    private String waiting() {
        return engine.createWorkflow(new TestDefinition()
                .task("wait", "wait_for_event", "{'event_type': 'go', 'timeout': 'PT1M'}"));
    }

    /** A workflow of another organization. */
    private String foreignWorkflow(String organizationId) {
        return engine.engine().workflows().create(WorkflowStore.NewWorkflow.draft(organizationId, "theirs", null,
                new TestDefinition().task("echo", "Echo", "{'text': 'x'}").build(), Json.object(), null)).id();
    }

    private static StartRequest request(String inputsJson) {
        return new StartRequest(Json.parse(inputsJson.replace('\'', '"')), null, "test", EngineHarness.ADMIN);
    }

    private NamedExecution start(String binding, String name) {
        return bindings.start(access, binding, name, request("{}")).orElseThrow();
    }

    private static String name() {
        return "b-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private NamedExecution awaitStatus(String binding, String name, ExecutionStatus status) {
        return EngineHarness.await(name + " to be " + status, () -> bindings.findExecution(access, binding, name)
                .orElseThrow(), named -> named.execution().status() == status);
    }

    @Test
    void bindingAgainMakesAVersionOnlyWhenWhatItBindsChanged() {
        String workflow = echo();
        String other = echo();
        String name = name();

        Bound first = bindings.bind(access, name, workflow, "MyWorkflow");
        Bound same = bindings.bind(access, name, workflow, "MyWorkflow");
        Bound relabelled = bindings.bind(access, name, workflow, "Renamed");
        engine.engine().workflows().update(access, workflow, new WorkflowChange(null, null, null, null, null,
                new TestDefinition().task("echo", "Echo", "{'text': 'v2'}").build(), Json.object()));
        Bound moved = bindings.bind(access, name, workflow, "Renamed");
        Bound elsewhere = bindings.bind(access, name, other, "Renamed");

        assertThat(first.created()).isTrue();
        assertThat(first.versioned()).isTrue();
        assertThat(first.binding().id()).startsWith("bnd-");
        assertThat(first.binding().versionId()).startsWith("ver-");
        assertThat(first.binding().triggeredAt()).isNull();
        assertThat(same.created()).isFalse();
        assertThat(same.versioned()).isFalse();
        assertThat(same.binding()).isEqualTo(first.binding());
        assertThat(List.of(relabelled, moved, elsewhere)).allSatisfy(bound -> {
            assertThat(bound.created()).isFalse();
            assertThat(bound.versioned()).isTrue();
            assertThat(bound.binding().id()).isEqualTo(first.binding().id());
        });
        assertThat(List.of(first, relabelled, moved, elsewhere)).extracting(b -> b.binding().versionId())
                .doesNotHaveDuplicates();
        Binding found = bindings.find(access, name).orElseThrow();
        assertThat(found.workflowId()).isEqualTo(other);
        assertThat(found.className()).isEqualTo("Renamed");
        assertThat(found.versionId()).isEqualTo(elsewhere.binding().versionId());

        CountedPage<BindingVersion> versions = bindings.versions(access, name, 0, 10).orElseThrow();
        assertThat(versions.total()).isEqualTo(4);
        assertThat(versions.items()).extracting(BindingVersion::id).containsExactly(
                elsewhere.binding().versionId(), moved.binding().versionId(), relabelled.binding().versionId(),
                first.binding().versionId());
        assertThat(versions.items()).extracting(BindingVersion::workflowId, BindingVersion::workflowVersion,
                BindingVersion::className).containsExactly(
                        tuple(other, 1, "Renamed"),
                        tuple(workflow, 2, "Renamed"),
                        tuple(workflow, 1, "Renamed"),
                        tuple(workflow, 1, "MyWorkflow"));
        assertThat(bindings.versions(access, name, 3, 10).orElseThrow().items()).extracting(BindingVersion::id)
                .containsExactly(first.binding().versionId());
        assertThat(bindings.version(access, name, moved.binding().versionId()).orElseThrow().workflowVersion())
                .isEqualTo(2);
        assertThat(bindings.version(access, name, "ver-none")).isEmpty();
        assertThat(bindings.versions(access, "none-such", 0, 10)).isEmpty();
    }

    @Test
    void aBindingNeedsAGoodNameAndALiveWorkflowOfItsOrganization() {
        String workflow = echo();
        String foreign = foreignWorkflow(engine.engine().organizations().createOrganization("other "
                + UUID.randomUUID()).key().organizationId());

        assertThatThrownBy(() -> bindings.bind(access, "-starts-with-dash", workflow, "C"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binding's name");
        assertThatThrownBy(() -> bindings.bind(access, "x".repeat(65), workflow, "C"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bindings.bind(access, "has space", workflow, "C"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bindings.bind(access, name(), "wf-none", "C"))
                .isInstanceOf(UnknownWorkflowException.class);
        assertThatThrownBy(() -> bindings.bind(access, name(), foreign, "C"))
                .isInstanceOf(UnknownWorkflowException.class);
        String deleted = echo();
        engine.engine().workflows().delete(access, deleted);
        assertThatThrownBy(() -> bindings.bind(access, name(), deleted, "C"))
                .isInstanceOf(UnknownWorkflowException.class);
        assertThat(bindings.bind(access, "x".repeat(64), workflow, "C").created()).isTrue();
        assertThat(bindings.bind(access, "_a-b_1", workflow, "C").created()).isTrue();
    }

    @Test
    void aListingSearchesNamesIgnoringCaseAndPages() {
        String workflow = echo();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (String name : List.of("zeta-" + tag, "Alpha-" + tag, "alpha_two-" + tag, "beta-" + tag)) {
            bindings.bind(access, name, workflow, "C");
        }

        CountedPage<Binding> alphas = bindings.list(access, "ALPHA", 0, 10);
        CountedPage<Binding> all = bindings.list(access, null, 0, 2);
        CountedPage<Binding> rest = bindings.list(access, null, 2, 2);
        CountedPage<Binding> past = bindings.list(access, null, 4, 2);

        assertThat(alphas.total()).isEqualTo(2);
        assertThat(alphas.items()).extracting(Binding::name).containsExactly("Alpha-" + tag, "alpha_two-" + tag);
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.items()).extracting(Binding::name).containsExactly("Alpha-" + tag, "alpha_two-" + tag);
        assertThat(rest.items()).extracting(Binding::name).containsExactly("beta-" + tag, "zeta-" + tag);
        assertThat(past.total()).isEqualTo(4);
        assertThat(past.items()).isEmpty();
        assertThat(bindings.list(access, "_two", 0, 10).items()).extracting(Binding::name)
                .containsExactly("alpha_two-" + tag);
        assertThat(bindings.list(access, "%", 0, 10).total()).isZero();
    }

    @Test
    void namedExecutionsStartOnTheCurrentVersionAndKeepTheirsAfterARebind() {
        String workflow = echo();
        String name = name();
        Bound bound = bindings.bind(access, name, workflow, "C");

        NamedExecution given = start(name, "order-1");
        NamedExecution generated = bindings.start(access, name, null, request("{}")).orElseThrow();

        assertThat(given.name()).isEqualTo("order-1");
        assertThat(given.bindingId()).isEqualTo(bound.binding().id());
        assertThat(given.bindingVersionId()).isEqualTo(bound.binding().versionId());
        assertThat(given.execution().workflowVersion()).isEqualTo(1);
        assertThat(generated.name()).isEqualTo(generated.execution().id());
        assertThatThrownBy(() -> start(name, "order-1")).isInstanceOf(ExecutionNameTakenException.class)
                .hasMessageContaining("order-1");
        assertThatThrownBy(() -> start(name, "bad name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> start(name, "y".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThat(bindings.find(access, name).orElseThrow().triggeredAt()).isNotNull();
        assertThat(bindings.start(access, "none-such", "x", request("{}"))).isEmpty();
        NamedExecution done = awaitStatus(name, "order-1", ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs()).isNotNull();
        assertThat(done.execution().id()).isEqualTo(given.execution().id());

        engine.engine().workflows().update(access, workflow, new WorkflowChange(null, null, null, null, null,
                new TestDefinition().task("echo", "Echo", "{'text': 'v2'}").build(), Json.object()));
        NamedExecution beforeRebind = start(name, "order-2");
        Bound rebound = bindings.bind(access, name, workflow, "C");
        NamedExecution after = start(name, "order-3");

        assertThat(beforeRebind.execution().workflowVersion()).isEqualTo(1);
        assertThat(rebound.versioned()).isTrue();
        assertThat(after.execution().workflowVersion()).isEqualTo(2);
        assertThat(after.bindingVersionId()).isEqualTo(rebound.binding().versionId());
        NamedExecution first = bindings.findExecution(access, name, "order-1").orElseThrow();
        assertThat(first.execution().workflowVersion()).isEqualTo(1);
        assertThat(first.bindingVersionId()).isEqualTo(bound.binding().versionId());
        assertThat(awaitStatus(name, "order-3", ExecutionStatus.COMPLETED).execution().workflowVersion())
                .isEqualTo(2);

        // A workflow that takes no executions refuses starts through its bindings too.
        engine.engine().workflows().setStatus(access, workflow, WorkflowStatus.ARCHIVED);
        assertThatThrownBy(() -> start(name, "order-4")).isInstanceOf(WorkflowNotExecutableException.class);
        assertThat(bindings.findExecution(access, name, "order-4")).isEmpty();
    }

    @Test
    void aBatchIsAllOrNothingAndSkipsNamesTaken() {
        String workflow = engine.createWorkflow(new TestDefinition().input("text", PortType.TEXT)
                .task("echo", "Echo", "{'text': '{{inputs.text}}'}"));
        String name = name();
        bindings.bind(access, name, workflow, "C");
        bindings.start(access, name, "taken", request("{'text': '0'}")).orElseThrow();

        NamedStarts starts = bindings.startAll(access, name, List.of(new NamedStart("a", request("{'text': '1'}")),
                new NamedStart("taken", request("{'text': '2'}")), new NamedStart(null, request("{'text': '3'}")),
                new NamedStart("b", request("{'text': '4'}")))).orElseThrow();

        assertThat(starts.skipped()).containsExactly("taken");
        assertThat(starts.started()).hasSize(3);
        assertThat(starts.started().get(0).name()).isEqualTo("a");
        assertThat(starts.started().get(1).name()).isEqualTo(starts.started().get(1).execution().id());
        assertThat(starts.started().get(2).name()).isEqualTo("b");
        assertThat(starts.started().get(2).execution().inputs().get("text").asString()).isEqualTo("4");
        long before = total(name);

        assertThatThrownBy(() -> bindings.startAll(access, name, List.of(new NamedStart("c", request("{'text': '1'}")),
                new NamedStart("c", request("{'text': '2'}"))))).isInstanceOf(RepeatedExecutionNameException.class)
                .hasMessageContaining("'c'");
        assertThatThrownBy(() -> bindings.startAll(access, name, List.of(new NamedStart("d", request("{'text': '1'}")),
                new NamedStart("e", request("{}"))))).isInstanceOfSatisfying(InvalidDefinitionException.class,
                        e -> assertThat(e.problems()).allSatisfy(p -> assertThat(p.pointer()).startsWith("/1/")));
        assertThatThrownBy(() -> bindings.startAll(access, name, List.of(new NamedStart("f", request("{'text': '1'}")),
                new NamedStart("-bad", request("{'text': '2'}"))))).isInstanceOf(IllegalArgumentException.class);
        assertThat(total(name)).isEqualTo(before);
        assertThat(bindings.findExecution(access, name, "d")).isEmpty();

        NamedStarts again = bindings.startAll(access, name, List.of(new NamedStart("a", request("{'text': '1'}")),
                new NamedStart("b", request("{'text': '1'}")))).orElseThrow();
        assertThat(again.started()).isEmpty();
        assertThat(again.skipped()).containsExactly("a", "b");
        assertThat(bindings.startAll(access, "none-such", List.of(new NamedStart("a", request("{}"))))).isEmpty();
    }

    private long total(String binding) {
        return bindings.listExecutions(access, binding, NamedExecutionFilter.ALL, 0, 1).orElseThrow().total();
    }

    @Test
    void countsListingsAndControlsWorkOnNamedExecutions() {
        String name = name();
        String workflow = waiting();
        bindings.bind(access, name, workflow, "C");
        start(name, "w1");
        start(name, "w2");
        start(name, "w3");
        // As stored: times read back, at the database's precision.
        NamedExecution w1 = awaitStatus(name, "w1", ExecutionStatus.WAITING);
        NamedExecution w2 = awaitStatus(name, "w2", ExecutionStatus.WAITING);
        NamedExecution w3 = awaitStatus(name, "w3", ExecutionStatus.WAITING);

        assertThat(engine.engine().executions().act(engine.organizationId(), w1.execution().workflowId(),
                w1.execution().id(), ExecutionAction.TERMINATE)).isInstanceOf(ActionResult.Applied.class);
        engine.engine().executions().sendEvent(engine.organizationId(), workflow, w2.execution().id(), "go",
                Json.object());
        awaitStatus(name, "w2", ExecutionStatus.COMPLETED);
        assertThat(engine.engine().executions().act(engine.organizationId(), workflow, w3.execution().id(),
                ExecutionAction.PAUSE)).isInstanceOf(ActionResult.Applied.class);
        awaitStatus(name, "w3", ExecutionStatus.PAUSED);

        Map<ExecutionStatus, Long> counts = bindings.countByStatus(access, name).orElseThrow();
        assertThat(counts).hasSize(ExecutionStatus.values().length);
        assertThat(counts).containsEntry(ExecutionStatus.TERMINATED, 1L).containsEntry(ExecutionStatus.COMPLETED, 1L)
                .containsEntry(ExecutionStatus.PAUSED, 1L).containsEntry(ExecutionStatus.RUNNING, 0L);

        CountedPage<NamedExecution> newest = bindings.listExecutions(access, name, NamedExecutionFilter.ALL, 0, 2)
                .orElseThrow();
        assertThat(newest.total()).isEqualTo(3);
        assertThat(newest.items()).extracting(NamedExecution::name).containsExactly("w3", "w2");
        assertThat(newest.items().getFirst().execution().inputs()).isNull();
        NamedExecutionFilter finished = new NamedExecutionFilter(EnumSet.of(ExecutionStatus.COMPLETED,
                ExecutionStatus.TERMINATED), null, null, true);
        assertThat(bindings.listExecutions(access, name, finished, 0, 10).orElseThrow().items())
                .extracting(NamedExecution::name).containsExactly("w1", "w2");
        NamedExecutionFilter fromSecond = new NamedExecutionFilter(Set.of(), w2.execution().createdAt(), null, false);
        assertThat(bindings.listExecutions(access, name, fromSecond, 0, 10).orElseThrow().items())
                .extracting(NamedExecution::name).containsExactly("w3", "w2");
        NamedExecutionFilter untilFirst = new NamedExecutionFilter(Set.of(), null, w1.execution().createdAt(), false);
        assertThat(bindings.listExecutions(access, name, untilFirst, 0, 10).orElseThrow().items())
                .extracting(NamedExecution::name).containsExactly("w1");

        Page<NamedExecution> page1 = bindings.listExecutions(access, name, NamedExecutionFilter.ALL, null, 2)
                .orElseThrow();
        Page<NamedExecution> page2 = bindings.listExecutions(access, name, NamedExecutionFilter.ALL,
                page1.nextCursor(), 2).orElseThrow();
        assertThat(page1.items()).extracting(NamedExecution::name).containsExactly("w3", "w2");
        assertThat(page2.items()).extracting(NamedExecution::name).containsExactly("w1");
        assertThat(page2.nextCursor()).isNull();
        NamedExecutionFilter oldest = new NamedExecutionFilter(Set.of(), null, null, true);
        Page<NamedExecution> old1 = bindings.listExecutions(access, name, oldest, null, 2).orElseThrow();
        assertThat(old1.items()).extracting(NamedExecution::name).containsExactly("w1", "w2");
        assertThat(bindings.listExecutions(access, name, oldest, old1.nextCursor(), 2).orElseThrow().items())
                .extracting(NamedExecution::name).containsExactly("w3");

        // A restart keeps the execution, so its name.
        assertThat(engine.engine().executions().act(engine.organizationId(), workflow, w1.execution().id(),
                ExecutionAction.RESTART)).isInstanceOf(ActionResult.Applied.class);
        assertThat(bindings.findExecution(access, name, "w1").orElseThrow().execution().run()).isEqualTo(2);
    }

    @Test
    void deletingABindingDeletesItsExecutionsButNotItsWorkflow() {
        String name = name();
        String workflow = waiting();
        bindings.bind(access, name, workflow, "C");
        NamedExecution unfinished = start(name, "open");
        NamedExecution done = start(name, "done");
        awaitStatus(name, "open", ExecutionStatus.WAITING);
        engine.engine().executions().sendEvent(engine.organizationId(), workflow, done.execution().id(), "go",
                Json.object());
        awaitStatus(name, "done", ExecutionStatus.COMPLETED);
        String unrelated = engine.start(workflow, "{}").id();

        assertThat(bindings.delete(access, name)).isTrue();

        assertThat(bindings.find(access, name)).isEmpty();
        assertThat(bindings.delete(access, name)).isFalse();
        assertThat(bindings.countByStatus(access, name)).isEmpty();
        assertThat(engine.engine().executions().find(engine.organizationId(), unfinished.execution().id())).isEmpty();
        assertThat(engine.engine().executions().find(engine.organizationId(), done.execution().id())).isEmpty();
        assertThat(engine.engine().executions().find(engine.organizationId(), unrelated)).isPresent();
        assertThat(engine.engine().workflows().find(access, workflow)).isPresent();
        assertThat(bindings.start(access, name, "late", request("{}"))).isEmpty();

        // The name is free again, for a new binding with nothing of the old one.
        Bound again = bindings.bind(access, name, workflow, "C");
        assertThat(again.created()).isTrue();
        assertThat(bindings.versions(access, name, 0, 10).orElseThrow().total()).isEqualTo(1);
        assertThat(start(name, "open").execution().id()).isNotEqualTo(unfinished.execution().id());
        assertThat(bindings.countByStatus(access, name).orElseThrow().values().stream().mapToLong(n -> n).sum())
                .isEqualTo(1);
    }

    @Test
    void aBindingOfADeletedWorkflowStaysAndRefusesStartsUntilBoundAgain() {
        String name = name();
        String workflow = echo();
        bindings.bind(access, name, workflow, "C");
        engine.engine().workflows().delete(access, workflow);

        assertThat(bindings.find(access, name)).isPresent();
        assertThatThrownBy(() -> start(name, "x")).isInstanceOf(UnknownWorkflowException.class);
        assertThatThrownBy(() -> bindings.startAll(access, name, List.of(new NamedStart("y", request("{}")))))
                .isInstanceOf(UnknownWorkflowException.class);

        bindings.bind(access, name, echo(), "C");
        assertThat(awaitStatus(name, start(name, "x").name(), ExecutionStatus.COMPLETED)).isNotNull();
    }

    @Test
    void concurrentStartsOfOneNameStartOneExecution() throws Exception {
        String name = name();
        bindings.bind(access, name, echo(), "C");
        int threads = 16;
        List<Future<Object>> outcomes = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        // Half of them share one name; the others each take their own, in the same group commits.
                        return start(name, n % 2 == 0 ? "same" : "own-" + n);
                    } catch (ExecutionNameTakenException e) {
                        return e;
                    }
                }));
            }
            go.countDown();
        }
        long started = 0;
        long taken = 0;
        for (var outcome : outcomes) {
            Object value = outcome.get();
            if (value instanceof NamedExecution) {
                started++;
            } else if (value instanceof ExecutionNameTakenException) {
                taken++;
            }
        }
        assertThat(started).isEqualTo(threads / 2 + 1);
        assertThat(taken).isEqualTo(threads / 2 - 1);
        assertThat(total(name)).isEqualTo(threads / 2 + 1);
    }

    @Test
    void anotherOrganizationSeesNothing() {
        String workflow = echo();
        String name = name();
        bindings.bind(access, name, workflow, "C");
        start(name, "mine");
        Access other = Access.admin(engine.engine().organizations().createOrganization("other " + UUID.randomUUID())
                .key().organizationId());

        assertThat(bindings.find(other, name)).isEmpty();
        assertThat(bindings.list(other, null, 0, 10).total()).isZero();
        assertThat(bindings.findExecution(other, name, "mine")).isEmpty();
        assertThat(bindings.listExecutions(other, name, NamedExecutionFilter.ALL, 0, 10)).isEmpty();
        assertThat(bindings.countByStatus(other, name)).isEmpty();
        assertThat(bindings.versions(other, name, 0, 10)).isEmpty();
        assertThat(bindings.start(other, name, "theirs", request("{}"))).isEmpty();
        assertThat(bindings.delete(other, name)).isFalse();
        assertThatThrownBy(() -> bindings.bind(other, name, workflow, "C"))
                .isInstanceOf(UnknownWorkflowException.class);
        // The same name is theirs to use for their own binding.
        String theirs = foreignWorkflow(other.organizationId());
        assertThat(bindings.bind(other, name, theirs, "C").created()).isTrue();
        assertThat(bindings.find(access, name).orElseThrow().workflowId()).isEqualTo(workflow);
    }
}
