package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.BulkJobStatus;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.store.BulkJobStore;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
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
 * A running engine carries out a bulk job on its own: woken when the job is accepted, it does every page (more
 * executions than one page holds) and the job ends COMPLETED, with each selected execution acted on.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BulkJobRunnerTests {

    @Parameter
    TestDatabase kind;

    private TestDatabase.Fresh database;
    private EngineHarness engine;

    @BeforeEach
    void startEngine() {
        database = kind.fresh();
        engine = EngineHarness.start(database.database());
    }

    @AfterEach
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theEngineTerminatesEverySleepingExecutionOfAJobAndLeavesFinishedOnesAlone() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("nap", "sleep", "{'value': 'x', 'duration': 'PT1H'}"));
        int count = BulkJobRunner.PAGE_SIZE + 50;
        List<Execution> sleeping = IntStream.range(0, count).mapToObj(i -> engine.start(workflow, "{}")).toList();
        Execution finished = engine.start(workflow, "{}");
        engine.engine().executions().act(engine.organizationId(), workflow, finished.id(), ExecutionAction.TERMINATE);
        EngineHarness.await("every execution asleep", () -> sleeping.stream()
                .filter(e -> engine.find(e).execution().status() == ExecutionStatus.WAITING).count(), n -> n == count);

        BulkJobStore.Creation creation = engine.engine().bulk().create(engine.organizationId(), workflow,
                ExecutionAction.TERMINATE, new BulkFilter(Set.of(ExecutionStatus.WAITING), null, null, null), null);
        assertThat(creation).isInstanceOf(BulkJobStore.Created.class);
        BulkJob job = ((BulkJobStore.Created) creation).job();
        BulkJob done = EngineHarness.await("the job to finish", () -> engine.engine().bulk()
                .find(engine.organizationId(), workflow, job.id()).orElseThrow(), j -> j.status().isFinished());

        assertThat(done.status()).isEqualTo(BulkJobStatus.COMPLETED);
        assertThat(done.progress()).isEqualTo(new BulkJob.Progress(count, count, 0, 0));
        assertThat(sleeping).allSatisfy(e -> assertThat(engine.find(e).execution().status())
                .isEqualTo(ExecutionStatus.TERMINATED));
        assertThat(engine.find(finished).execution().status()).isEqualTo(ExecutionStatus.TERMINATED);
    }
}
