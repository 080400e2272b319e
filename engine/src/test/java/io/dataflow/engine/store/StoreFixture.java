package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.TestDatabase;
import java.time.Clock;
import java.util.List;

/**
 * A fresh, migrated database for a store test, with the execution stores on it and an organization that owns an
 * empty workflow, so the test can insert executions directly.
 */
final class StoreFixture implements AutoCloseable {

    final TestDatabase.Fresh fresh;
    final Database database;
    final EventOutbox outbox = new EventOutbox(() -> {
    });
    /** What the stores told the claimers, in order. */
    final RecordedWakeUps wakeUps = new RecordedWakeUps();
    final ExecutionStore executions;
    final TaskTransitions transitions;
    final OrganizationStore organizations;
    final String organizationId;
    final String workflowId;
    private final Clock clock;

    /** Opens the database; a skipped PostgreSQL aborts the test here. */
    StoreFixture(TestDatabase kind, Clock clock, String name) {
        this.clock = clock;
        this.fresh = kind.fresh();
        this.database = fresh.database();
        database.migrate();
        executions = new ExecutionStore(database, outbox, wakeUps);
        transitions = new TaskTransitions(database, outbox, clock, OutputLimits.DEFAULT, wakeUps);
        organizations = new OrganizationStore(database, clock);
        organizationId = organizations.createOrganization(name).key().organizationId();
        workflowId = new WorkflowStore(database, clock).create(organizationId, name, null,
                new Definition(List.of(), List.of(), List.of(), null), Json.object(), null).id();
    }

    /** Inserts a queued execution of the workflow with these task runs, and a webhook URL or null. */
    Execution start(String webhookUrl, ExecutionStore.NewTaskRun... tasks) {
        Execution execution = new Execution(Ids.next("ex"), organizationId, workflowId, 1, ExecutionStatus.QUEUED,
                Json.object(), null, null, webhookUrl, "api.dataflow", clock.instant(), null, null);
        assertThat(executions.insertAll(List.of(new ExecutionStore.NewExecution(execution, List.of(tasks)))))
                .as("created").containsExactly(true);
        return execution;
    }

    @Override
    public void close() {
        fresh.close();
    }
}
