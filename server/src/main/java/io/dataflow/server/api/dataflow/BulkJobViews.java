package io.dataflow.server.api.dataflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.BulkJobStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Response bodies of the bulk job endpoints. */
final class BulkJobViews {

    private BulkJobViews() {
    }

    /** The filter as the job holds it: status words, times in UTC, and how many ids it names (not the ids). */
    @Schema(name = "BulkJobFilter")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Filter(List<String> status, Instant created_before, Instant created_after, Integer ids_count) {
        static Filter of(BulkFilter filter) {
            return new Filter(filter.statuses().isEmpty() ? null
                    : filter.statuses().stream().sorted().map(StatusWords::of).toList(), filter.createdBefore(),
                    filter.createdAfter(), filter.ids() == null ? null : filter.ids().size());
        }
    }

    @Schema(name = "BulkJobCounts", description = "matched: executions the filter selected when the job reached them;"
            + " applied: those the action was applied to; skipped: those whose status did not allow it then;"
            + " not_found: ids that name no execution of the workflow")
    record Counts(int matched, int applied, int skipped, int not_found) {
    }

    @Schema(name = "BulkJobLinks")
    record Links(String self, String executions) {
    }

    @Schema(name = "BulkJob", description = "status is PENDING (no node took it yet), RUNNING, COMPLETED or FAILED;"
            + " expected is how many executions the filter selected when the job was accepted")
    record Job(String job_id, String workflow_id, String action, Filter filter, String status, int expected,
            Counts counts, String error, String idempotency_key, Instant created_at, Instant updated_at,
            Instant completed_at, Links links) {
        /** A job of a workflow: this API reads no other ({@link BulkJobsController}). */
        static Job of(BulkJob job) {
            BulkJob.Progress p = job.progress();
            String workflowId = job.scope().id();
            String self = "/workflows/" + workflowId + "/executions/bulk/" + job.id();
            return new Job(job.id(), workflowId, job.action().word(), Filter.of(job.filter()),
                    status(job.status()), job.expected(), new Counts(p.matched(), p.applied(), p.skipped(),
                            p.notFound()), job.error(), job.idempotencyKey(), job.createdAt(), job.updatedAt(),
                    job.completedAt(), new Links(self, "/workflows/" + workflowId + "/executions"));
        }

        private static String status(BulkJobStatus status) {
            return status == BulkJobStatus.QUEUED ? "PENDING" : status.name();
        }
    }

    @Schema(name = "BulkJobListing")
    record Listing(List<Job> jobs,
            @Schema(description = "Pass as cursor to get the next page; null on the last page") String next_cursor) {
    }
}
