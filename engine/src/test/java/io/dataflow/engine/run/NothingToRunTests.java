package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.BindingService;
import io.dataflow.engine.BindingService.NamedStart;
import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.ExecutionService.StartRequest;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.NamedExecutionFilter;
import io.dataflow.engine.model.NothingToRunException;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.store.WorkflowStore.WorkflowChange;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A definition with no task is saved but never run: an execution of it would get no task run and stay queued for
 * ever. Every way an execution starts (a start, one with its own definition, through a binding alone or in a batch, a
 * rerun, a restart) and deploying refuse it with {@link NothingToRunException}, and store nothing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class NothingToRunTests {

    private static TestDatabase.Fresh database;

    @Parameter
    TestDatabase kind;

    private EngineHarness engine;
    private ExecutionService executions;
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
        executions = engine.engine().executions();
        access = Access.admin(engine.organizationId());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static final TestDefinition ECHO = new TestDefinition().task("echo", "Echo", "{'text': 'hi'}");

    private static StartRequest request() {
        return new StartRequest(Json.object(), null, "test", EngineHarness.ADMIN);
    }

    private long executionsOf(String workflowId) {
        return executions.list(engine.organizationId(), workflowId, Set.of(), 0, 100).total();
    }

    /** Every stored version of the workflow, executions' own snapshots (numbered below zero) included. */
    private long storedVersions(String workflowId) {
        return database.database().read(sql -> sql.one("SELECT COUNT(*) AS n FROM workflow_versions WHERE"
                + " workflow_id = ?", r -> r.longValue("n"), workflowId)).orElseThrow();
    }

    private void change(String workflowId, TestDefinition definition) {
        engine.engine().workflows().update(access, workflowId, new WorkflowChange(null, null, null, null, null,
                definition.build(), Json.object())).orElseThrow();
    }

    private static void refusedFor(Runnable run, String workflowId, boolean givenWithStart) {
        assertThatThrownBy(run::run).isInstanceOfSatisfying(NothingToRunException.class, e -> {
            assertThat(e.workflowId()).isEqualTo(workflowId);
            assertThat(e.givenWithStart()).isEqualTo(givenWithStart);
            assertThat(e.getMessage()).contains("no tasks to run");
        });
    }

    @Test
    void aWorkflowWithoutTasksIsSavedButNeitherStartedNorDeployedUntilItHasOne() {
        String workflow = engine.createWorkflow(new TestDefinition());

        refusedFor(() -> engine.start(workflow, "{}"), workflow, false);
        refusedFor(() -> engine.engine().workflows().deploy(access, workflow), workflow, false);

        assertThat(executionsOf(workflow)).isZero();
        Workflow kept = engine.engine().workflows().find(access, workflow).orElseThrow().workflow();
        assertThat(kept.status()).isEqualTo(WorkflowStatus.DRAFT);
        assertThat(kept.deployedVersion()).isNull();

        change(workflow, ECHO);
        Execution started = engine.start(workflow, "{}");
        assertThat(engine.awaitTerminal(started).execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
    }

    @Test
    void aDefinitionGivenWithTheStartNeedsATaskAndWithoutOneStoresNoSnapshot() {
        String workflow = engine.createWorkflow(ECHO);
        long versions = storedVersions(workflow);

        refusedFor(() -> executions.start(engine.organizationId(), workflow, new TestDefinition().build(),
                Json.object(), null, request()), workflow, true);

        assertThat(storedVersions(workflow)).isEqualTo(versions);
        assertThat(executionsOf(workflow)).isZero();
    }

    @Test
    void theVersionRememberedFromTheLastStartIsNotStartedOnceTheWorkflowHasNoTasks() {
        String workflow = engine.createWorkflow(ECHO);
        engine.awaitTerminal(engine.start(workflow, "{}"));

        change(workflow, new TestDefinition());

        refusedFor(() -> engine.start(workflow, "{}"), workflow, false);
        assertThat(executionsOf(workflow)).isEqualTo(1);
    }

    @Test
    void startsThroughABindingOfAVersionWithoutTasksStartNothingAloneOrInABatch() {
        String workflow = engine.createWorkflow(new TestDefinition());
        String name = "b-" + UUID.randomUUID().toString().substring(0, 8);
        BindingService bindings = engine.engine().bindings();
        bindings.bind(access, name, workflow, "Empty");

        refusedFor(() -> bindings.start(access, name, "one", request()), workflow, false);
        refusedFor(() -> bindings.startAll(access, name, List.of(new NamedStart("a", request()),
                new NamedStart(null, request()))), workflow, false);

        assertThat(bindings.listExecutions(access, name, NamedExecutionFilter.ALL, 0, 10).orElseThrow().total())
                .isZero();
        assertThat(executionsOf(workflow)).isZero();
    }

    @Test
    void anExecutionOfAVersionWithoutTasksIsNeitherRerunNorRestarted() {
        String workflow = engine.createWorkflow(ECHO);
        Execution done = engine.awaitTerminal(engine.start(workflow, "{}")).execution();
        change(workflow, new TestDefinition());
        // As an execution started before such versions were refused would be: of a version with no task.
        database.database().transaction(sql -> sql.update("UPDATE executions SET workflow_version = 2 WHERE id = ?",
                done.id()));
        String org = engine.organizationId();

        refusedFor(() -> executions.rerun(org, workflow, done.id(), new ExecutionService.RerunRequest("echo", null,
                EngineHarness.ADMIN)), workflow, false);
        refusedFor(() -> executions.act(org, workflow, done.id(), ExecutionAction.RESTART), workflow, false);
        refusedFor(() -> executions.restartFrom(org, workflow, done.id(), "echo"), workflow, false);
        assertThat(executions.actAll(org, workflow, List.of(done.id()), ExecutionAction.RESTART))
                .containsExactly(new ActionResult.NotAllowed(ExecutionStatus.COMPLETED, ExecutionAction.RESTART));

        Execution after = executions.find(org, workflow, done.id()).orElseThrow().execution();
        assertThat(after.status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(after.run()).isEqualTo(1);
        assertThat(executionsOf(workflow)).isEqualTo(1);
    }
}
