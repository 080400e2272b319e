package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionListing;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.util.ArrayList;
import java.util.EnumSet;
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
 * Finding an execution by its id alone (for APIs whose paths name no workflow), only within its organization, and
 * listing a workflow's executions by offset with how many match.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ExecutionLookupTests {

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

    @BeforeEach
    void startEngine() {
        if (database == null) {
            database = kind.fresh();
        }
        engine = EngineHarness.start(database.database());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private String echo() {
        return engine.createWorkflow(new TestDefinition().task("echo", "Echo", "{'text': 'hi'}"));
    }

    @Test
    void anExecutionIsFoundByItsIdWithinItsOrganizationOnly() {
        String workflow = echo();
        Execution execution = engine.start(workflow, "{}");
        engine.awaitTerminal(execution);

        Execution found = engine.engine().executions().find(engine.organizationId(), execution.id()).orElseThrow();

        assertThat(found.workflowId()).isEqualTo(workflow);
        assertThat(found.workflowVersion()).isEqualTo(1);
        assertThat(found.status()).isEqualTo(ExecutionStatus.COMPLETED);
        String other = engine.engine().organizations().createOrganization("other " + UUID.randomUUID()).key()
                .organizationId();
        assertThat(engine.engine().executions().find(other, execution.id())).isEmpty();
        assertThat(engine.engine().executions().find(engine.organizationId(), "exe-none")).isEmpty();
    }

    @Test
    void aListingByOffsetCountsWhatMatchesAndShowsThePageNewestFirst() {
        String workflow = echo();
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Execution execution = engine.start(workflow, "{}");
            engine.awaitTerminal(execution);
            started.add(0, execution.id());
        }
        var executions = engine.engine().executions();
        String org = engine.organizationId();

        ExecutionListing first = executions.list(org, workflow, Set.of(), 0, 2);
        ExecutionListing last = executions.list(org, workflow, EnumSet.of(ExecutionStatus.COMPLETED), 4, 2);

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.items()).extracting(Execution::id).containsExactlyElementsOf(started.subList(0, 2));
        assertThat(last.total()).isEqualTo(5);
        assertThat(last.items()).extracting(Execution::id).containsExactly(started.get(4));
        assertThat(executions.list(org, workflow, Set.of(), 5, 2).items()).isEmpty();
        ExecutionListing none = executions.list(org, workflow, EnumSet.of(ExecutionStatus.FAILED,
                ExecutionStatus.RUNNING), 0, 10);
        assertThat(none.total()).isZero();
        assertThat(none.items()).isEmpty();
    }
}
