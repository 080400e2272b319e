package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.BulkJob;
import java.time.Duration;

/** Carries out a claimed bulk job a page at a time, as a node's runner would, on the test's thread. */
final class BulkJobPages {

    /** Executions per page: small, so that a test's few executions take several pages. */
    static final int PAGE_SIZE = 3;

    private BulkJobPages() {
    }

    /** Does the job's pages as {@code owner} until it is done; fails when it does not end within 100 pages. */
    static void runSteps(BulkJobStore jobs, BulkJob job, String owner, Duration lease) {
        for (int page = 0; page < 100; page++) {
            BulkJobStore.Step step = jobs.step(job.id(), owner, lease, PAGE_SIZE);
            if (step != BulkJobStore.Step.MORE) {
                assertThat(step).isEqualTo(BulkJobStore.Step.DONE);
                return;
            }
        }
        throw new AssertionError("job " + job.id() + " did not end");
    }
}
