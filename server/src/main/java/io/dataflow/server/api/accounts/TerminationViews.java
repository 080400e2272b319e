package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.BulkJob;
import java.util.Optional;

/** What the batch terminate endpoints answer ({@link InstanceTerminationController}). */
final class TerminationViews {

    private TerminationViews() {
    }

    /**
     * What asking to terminate instances answers.
     *
     * @param instancesTerminated how many instances the job terminates: those asked for (or, for all, those of the
     *     workflow) that were unfinished when it was accepted
     * @param status {@code ok} when a job was started now, {@code already_running} when the same request's job (for
     *     a terminate-all, any terminate-all of the workflow) was still unfinished and is the one answered
     */
    record Asked(int instancesTerminated, String status) {

        static Asked started(BulkJob job) {
            return new Asked(job.expected(), "ok");
        }

        static Asked alreadyRunning(BulkJob job) {
            return new Asked(job.expected(), "already_running");
        }
    }

    /**
     * The state of the workflow's latest terminate-all job.
     *
     * @param status {@code running} until it has reached every instance it selected, then {@code complete};
     *     {@code errored} when it was given up after repeated failures; {@code none} when none was ever asked
     * @param instancesTerminated how many instances it terminated so far
     */
    record JobState(String status, int instancesTerminated) {

        static JobState of(Optional<BulkJob> latest) {
            if (latest.isEmpty()) {
                return new JobState("none", 0);
            }
            BulkJob job = latest.get();
            String status = switch (job.status()) {
                case QUEUED, RUNNING -> "running";
                case COMPLETED -> "complete";
                case FAILED -> "errored";
            };
            return new JobState(status, job.progress().applied());
        }
    }
}
