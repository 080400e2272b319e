package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading an execution to write it out: its task runs come a page at a time, read while they are handed out, with
 * their JSON as stored; a list of executions reads none of their large columns.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class StoredExecutionTests {

    private static final int TASKS = 3 * StoredExecution.PAGE + 2;

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private StoreFixture stores;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "stored executions");
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) { // null when PostgreSQL is skipped
            stores.close();
        }
    }

    private Execution startWithOutputs() {
        TestDefinition definition = new TestDefinition();
        for (int i = 0; i < TASKS; i++) {
            definition.task("t" + i, "Echo", "{'text': 'x'}");
        }
        Execution execution = stores.start(null, definition);
        stores.database.read(sql -> sql.update("UPDATE task_runs SET output = ? WHERE execution_id = ?",
                Json.object().put("text", "stored"), execution.id()));
        return execution;
    }

    private void setOutput(Execution execution, int position, String text) {
        stores.database.read(sql -> sql.update("UPDATE task_runs SET output = ? WHERE execution_id = ? AND position = ?",
                Json.object().put("text", text), execution.id(), position));
    }

    @Test
    void tasksAreReadAPageAtATimeWhileTheyAreHandedOut() {
        Execution execution = startWithOutputs();
        StoredExecution stored = stores.executions.findStored(stores.organizationId, execution.workflowId(),
                execution.id(), stores::steps).orElseThrow();

        Iterator<TaskRun> tasks = stored.tasks().iterator();
        TaskRun first = tasks.next();
        // Changed after the first page was read: a later page sees it, the first one does not.
        setOutput(execution, 0, "changed");
        setOutput(execution, TASKS - 1, "changed");
        List<TaskRun> all = new ArrayList<>(List.of(first));
        tasks.forEachRemaining(all::add);

        assertThat(all).extracting(TaskRun::position).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, TASKS).boxed().toList());
        assertThat(Json.write(all.getFirst().output())).isEqualTo("{\"text\":\"stored\"}");
        assertThat(Json.write(all.getLast().output())).isEqualTo("{\"text\":\"changed\"}");
        assertThat(Json.write(stored.execution().inputs())).isEqualTo("{}");
    }

    @Test
    void aFindReadsTheSameTasksWhole() {
        Execution execution = startWithOutputs();

        List<TaskRun> whole = stores.find(execution).orElseThrow().tasks();
        List<TaskRun> paged = new ArrayList<>();
        stores.executions.findStored(stores.organizationId, execution.workflowId(), execution.id(), stores::steps)
                .orElseThrow().tasks().forEach(paged::add);

        assertThat(whole).hasSize(TASKS);
        assertThat(paged).extracting(t -> Json.write(t.output()))
                .containsExactlyElementsOf(whole.stream().map(t -> Json.write(t.output())).toList());
        assertThat(paged).extracting(TaskRun::id).containsExactlyElementsOf(whole.stream().map(TaskRun::id).toList());
    }

    @Test
    void anotherOrganizationFindsNothing() {
        Execution execution = startWithOutputs();
        String other = stores.organizations.createOrganization("other").key().organizationId();

        assertThat(stores.executions.findStored(other, execution.workflowId(), execution.id(), stores::steps)).isEmpty();
    }

    @Test
    void aListReadsNoInputsOutputsOrErrors() {
        Execution execution = startWithOutputs();
        stores.database.read(sql -> sql.update("UPDATE executions SET outputs = ?, error = ? WHERE id = ?",
                Json.object().put("big", "x".repeat(10_000)), Json.object().put("message", "m"), execution.id()));

        Execution listed = stores.executions.list(stores.organizationId, execution.workflowId(), Set.of(), null, 10)
                .items().getFirst();

        assertThat(listed.id()).isEqualTo(execution.id());
        assertThat(listed.status()).isEqualTo(execution.status());
        assertThat(listed.inputs()).isNull();
        assertThat(listed.outputs()).isNull();
        assertThat(listed.error()).isNull();
    }
}
