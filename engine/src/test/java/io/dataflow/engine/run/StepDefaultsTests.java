package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.BindingService;
import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.ExecutionService.StartRequest;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.NamedExecution;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.StepSettings;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.WorkflowSettings;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The defaults a step runs with when neither it nor its workflow sets a retry policy or timeout: an execution
 * started through a binding takes {@link StepDefaults#BINDING} (6 attempts, 10 s apart at first), any other the
 * engine's (3 attempts, 1 s apart at first); the workflow's own settings win over both; a restart and a rerun keep
 * the execution's. Retries are checked by when they are due, never by waiting for them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StepDefaultsTests {

    private static TestDatabase.Fresh database;

    @Parameter
    TestDatabase kind;

    private EngineHarness engine;
    private BindingService bindings;
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
        bindings = engine.engine().bindings();
        executions = engine.engine().executions();
        access = Access.admin(engine.organizationId());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** A workflow of one step whose first attempt fails and can be retried, with these settings. */
    private String flaky(WorkflowSettings settings) {
        return engine.createWorkflow(new TestDefinition().task("flaky", "Test.Flaky", "{'failures': 1}")
                .settings(settings));
    }

    private NamedExecution startBound(String workflow) {
        String binding = "b-" + UUID.randomUUID().toString().substring(0, 8);
        bindings.bind(access, binding, workflow, "Flaky");
        return bindings.start(access, binding, null, new StartRequest(Json.object(), null, "test",
                EngineHarness.ADMIN)).orElseThrow();
    }

    /** The run of {@code flaky} once its first attempt failed: how many attempts it has and when the next is due. */
    private record FirstFailure(int maxAttempts, Duration retryAfter) {
    }

    private FirstFailure awaitFirstFailure(String executionId) {
        return EngineHarness.await("the first attempt of " + executionId + " to fail", () -> database.database()
                .read(sql -> sql.one("SELECT t.max_attempts, t.ready_at, a.finished_at FROM task_runs t"
                        + " JOIN task_attempts a ON a.task_run_id = t.id AND a.attempt = 1 WHERE t.execution_id = ?",
                        r -> new FirstFailure(r.integer("max_attempts"), Duration.between(r.instant("finished_at"),
                                r.instant("ready_at"))), executionId)), Optional::isPresent).orElseThrow();
    }

    @Test
    void aBoundExecutionRetriesWithTheBindingsDefaultsAndAnotherWithTheEngines() {
        String workflow = flaky(WorkflowSettings.NONE);

        NamedExecution bound = startBound(workflow);
        Execution plain = engine.start(workflow, "{}");

        assertThat(bound.execution().stepDefaults()).isEqualTo(StepDefaults.BINDING);
        assertThat(awaitFirstFailure(bound.execution().id())).isEqualTo(new FirstFailure(6, Duration.ofSeconds(10)));
        assertThat(plain.stepDefaults()).isEqualTo(StepDefaults.ENGINE);
        assertThat(awaitFirstFailure(plain.id())).isEqualTo(new FirstFailure(3, Duration.ofSeconds(1)));
        assertThat(executions.stepSettings(bound.execution()).get("flaky"))
                .isEqualTo(new StepSettings(StepDefaults.BINDING.retry(), Duration.ofMinutes(10)));
        assertThat(executions.stepSettings(plain).get("flaky"))
                .isEqualTo(new StepSettings(RetryPolicy.DEFAULT, Duration.ofMinutes(5)));
        assertThat(engine.awaitTerminal(plain).execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
    }

    @Test
    void theWorkflowsOwnSettingsWinOverTheBindingsDefaults() {
        RetryPolicy quick = new RetryPolicy(2, Duration.ofMillis(200), 1.0, Duration.ofSeconds(1));
        String workflow = flaky(new WorkflowSettings(quick, null));

        NamedExecution bound = startBound(workflow);

        assertThat(awaitFirstFailure(bound.execution().id())).isEqualTo(new FirstFailure(2, Duration.ofMillis(200)));
        assertThat(executions.stepSettings(bound.execution()).get("flaky"))
                .isEqualTo(new StepSettings(quick, StepDefaults.BINDING.timeout()));
        assertThat(engine.awaitTerminal(bound.execution()).execution().status())
                .isEqualTo(ExecutionStatus.COMPLETED);
    }

    @Test
    void aRestartedOrRerunBoundExecutionKeepsTheBindingsDefaults() {
        String workflow = engine.createWorkflow(new TestDefinition().task("broken", "Test.Permanent", "{}")
                .settings(WorkflowSettings.NONE));
        NamedExecution bound = startBound(workflow);
        Execution failed = engine.awaitTerminal(bound.execution()).execution();
        assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(failed.stepDefaults()).isEqualTo(StepDefaults.BINDING);

        ExecutionService.Rerun rerun = executions.rerun(engine.organizationId(), workflow, failed.id(),
                new ExecutionService.RerunRequest("broken", null, EngineHarness.ADMIN));
        Execution again = ((ExecutionService.Rerunning) rerun).execution();
        assertThat(again.stepDefaults()).isEqualTo(StepDefaults.BINDING);
        assertThat(maxAttempts(engine.awaitTerminal(again).tasks())).containsExactly(6);

        assertThat(executions.act(engine.organizationId(), workflow, failed.id(), ExecutionAction.RESTART))
                .isInstanceOf(ActionResult.Applied.class);
        Execution restarted = EngineHarness.await("the restart to end", () -> engine.find(failed),
                detail -> detail.execution().run() == 2 && detail.execution().status().isTerminal()).execution();
        assertThat(restarted.stepDefaults()).isEqualTo(StepDefaults.BINDING);
        assertThat(maxAttempts(engine.find(restarted).tasks())).containsExactly(6);
    }

    private static List<Integer> maxAttempts(List<TaskRun> runs) {
        return runs.stream().map(TaskRun::maxAttempts).toList();
    }
}
