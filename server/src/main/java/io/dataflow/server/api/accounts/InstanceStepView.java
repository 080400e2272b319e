package io.dataflow.server.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dataflow.engine.model.AttemptStatus;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * One step of an instance with its whole output ({@code GET .../instances/{id}/step}), in the shape of the SDK's
 * {@code InstanceStepResponse}: its status, its error (null unless it errored, or is retrying after an attempt
 * failed), its output (the value a {@code do} step returned, the payload a {@code waitForEvent} took; null until it
 * completed) and, for a wait, the event type it waits for. With an attempt number, the status, error and output are
 * that attempt's.
 */
@Schema(name = "AccountsInstanceStep")
@JsonInclude(JsonInclude.Include.ALWAYS)
record InstanceStepView(String status, InstanceViews.Failure error, JsonNode output,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("event_type") String eventType) {

    /** The step as it stands: its latest attempt. */
    static InstanceStepView of(TaskRun run) {
        JsonNode output = switch (run.status()) {
            case COMPLETED -> output(run);
            default -> null;
        };
        String status = switch (run.status()) {
            case RUNNING -> "running";
            // Ready again after a failed attempt: retrying, which Cloudflare shows as running with the error.
            case READY -> run.attempt() > 0 ? "running" : "queued";
            case PENDING -> "paused";
            case WAITING -> "waiting";
            case COMPLETED -> "complete";
            case FAILED -> "errored";
            case CANCELLED, SKIPPED -> "terminated";
        };
        InstanceViews.Failure error = switch (run.status()) {
            case FAILED -> InstanceViews.Failure.of(run.error());
            case READY, RUNNING -> run.attempts().isEmpty() ? null
                    : InstanceViews.Failure.of(run.attempts().getLast().error());
            default -> null;
        };
        return new InstanceStepView(status, error, output, eventType(run));
    }

    /**
     * Attempt {@code number} of the step (from 1): a finished one with its error or, for the attempt that completed
     * it, its output; the attempt running now as running.
     *
     * @throws AccountsApiException (400) when the step has made no such attempt
     */
    static InstanceStepView of(TaskRun run, int number) {
        for (TaskAttempt attempt : run.attempts()) {
            if (attempt.attempt() == number) {
                boolean ok = attempt.status() == AttemptStatus.COMPLETED;
                return new InstanceStepView(ok ? "complete" : "errored", ok ? null
                        : InstanceViews.Failure.of(attempt.error() == null ? "the attempt's worker stopped" : attempt
                                .error()), ok ? output(run) : null, eventType(run));
            }
        }
        if (number == run.attempt() && run.status() == io.dataflow.engine.model.TaskStatus.RUNNING) {
            return new InstanceStepView("running", null, null, eventType(run));
        }
        throw AccountsApiException.badQueryParameter("attempt", "step '" + run.name() + "' has made "
                + Math.max(run.attempt(), run.attempts().size()) + " attempt" + (run.attempt() == 1 ? "" : "s")
                + "; attempt must be one of them, from 1");
    }

    private static JsonNode output(TaskRun run) {
        JsonNode output = InstanceViews.parsed(run.output());
        if (run.type().equals("wait_for_event")) {
            return output == null || !output.has("payload") ? null : output.get("payload");
        }
        return output;
    }

    private static String eventType(TaskRun run) {
        if (!run.type().equals("wait_for_event")) {
            return null;
        }
        JsonNode input = InstanceViews.parsed(run.input());
        return input == null ? null : input.path("event_type").asString(null);
    }
}
