package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.run.PlanCache;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import io.dataflow.engine.testing.TestTaskTypes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A fresh, migrated database for a store test, with the execution stores on it and an organization, so the test can
 * insert executions of workflows directly.
 */
final class StoreFixture implements AutoCloseable {

    final TestDatabase.Fresh fresh;
    final Database database;
    /** Told of every change of an execution the stores make, once it commits. */
    final ExecutionChanges changes = new ExecutionChanges();
    final EventOutbox outbox = new EventOutbox(() -> {
    }, changes);
    /** What the stores told the claimers, in order. */
    final RecordedWakeUps wakeUps = new RecordedWakeUps();
    final ExecutionStore executions;
    final TaskTransitions transitions;
    final OrganizationStore organizations;
    final WorkflowStore workflows;
    final PlanCache plans;
    final String organizationId;
    /** A workflow without tasks. */
    final String workflowId;
    private final Clock clock;

    /** Opens the database; a skipped PostgreSQL aborts the test here. */
    StoreFixture(TestDatabase kind, Clock clock, String name) {
        this.clock = clock;
        this.fresh = kind.fresh();
        this.database = fresh.database();
        database.migrate();
        workflows = new WorkflowStore(database, clock);
        plans = new PlanCache(workflows, new DefinitionCompiler(TestTaskTypes.registry()));
        executions = new ExecutionStore(database, outbox, wakeUps);
        transitions = new TaskTransitions(database, outbox, clock, OutputLimits.DEFAULT, wakeUps, plans);
        organizations = new OrganizationStore(database, clock);
        organizationId = organizations.createOrganization(name).key().organizationId();
        workflowId = workflows.create(WorkflowStore.NewWorkflow.draft(organizationId, name, null,
                new Definition(List.of(), List.of(), List.of(), null), Json.object(), null)).id();
    }

    /** Inserts a queued execution of the workflow without tasks, with a webhook URL or null. */
    Execution start(String webhookUrl) {
        return startOf(workflowId, webhookUrl);
    }

    /** Inserts a queued execution of a new workflow of this definition, with a webhook URL or null. */
    Execution start(String webhookUrl, TestDefinition definition) {
        return startOf(workflow(definition), webhookUrl);
    }

    /** Creates a workflow of this definition in the organization; returns its id. */
    String workflow(TestDefinition definition) {
        return workflows.create(WorkflowStore.NewWorkflow.draft(organizationId, "w-" + Ids.next("t"), null,
                definition.build(), Json.object(), null))
                .id();
    }

    /** Inserts a queued execution of the workflow's first version, with a webhook URL or null. */
    Execution startOf(String workflow, String webhookUrl) {
        Execution execution = new Execution(Ids.next("ex"), organizationId, workflow, 1, ExecutionStatus.QUEUED,
                Json.object(), null, null, webhookUrl, "api.dataflow", clock.instant(), null, null);
        assertThat(executions.insertAll(List.of(new ExecutionStore.NewExecution(execution,
                PlannedStep.of(plans.plan(workflow, 1), StepDefaults.ENGINE))))).as("created").containsExactly(true);
        return execution;
    }

    /** The execution with its tasks, every step of its plan included. */
    Optional<ExecutionStore.ExecutionDetail> find(Execution execution) {
        return executions.find(organizationId, execution.workflowId(), execution.id(), this::steps);
    }

    /** The steps of an execution's plan, as the store shows them. */
    List<PlannedStep> steps(Execution execution) {
        return PlannedStep.of(plans.plan(execution.workflowId(), execution.workflowVersion()),
                execution.stepDefaults());
    }

    @Override
    public void close() {
        fresh.close();
    }
}
