package io.dataflow.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.WorkflowSettings;
import io.dataflow.server.api.dataflow.JsonFields;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * A graph's {@code settings}, each left out (null) when not given.
 *
 * @param timeout the limit of one attempt of a task, in seconds (the engine's {@link WorkflowSettings#taskTimeout})
 * @param retryOnFailure whether a failed task is tried again; false means one attempt, whatever {@code maxRetries}
 * @param maxRetries how many times a failed task is tried again; the execution's default when left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GraphSettings(Integer timeout, Boolean retryOnFailure, Integer maxRetries) {

    /** The most retries, as the {@code /workflows} dialect allows. */
    static final int MAX_RETRIES = RetryPolicy.MAX_RETRIES;
    /** The longest attempt: a day, as the {@code /workflows} dialect allows. */
    static final int MAX_TIMEOUT_SECONDS = 86_400;

    private static final Set<String> FIELDS = Set.of("timeout", "retryOnFailure", "maxRetries");

    /** The document's optional {@code settings}, or null when there are none; a problem for each wrong field. */
    static GraphSettings read(ObjectNode doc, JsonFields fields) {
        ObjectNode settings = fields.object(doc.get("settings"), "/settings", false);
        if (settings == null) {
            return null;
        }
        fields.rejectUnknown(settings, "/settings", FIELDS);
        return new GraphSettings(fields.integer(settings, "timeout", "/settings", 1, MAX_TIMEOUT_SECONDS),
                fields.bool(settings, "retryOnFailure", "/settings"),
                fields.integer(settings, "maxRetries", "/settings", 0, MAX_RETRIES));
    }

    /**
     * The settings that give {@code settings}' attempts and timeout (its retry delays are not shown); each left out
     * when the workflow sets none.
     */
    static GraphSettings of(WorkflowSettings settings) {
        Integer seconds = settings.taskTimeout() == null ? null
                : (int) Math.clamp(settings.taskTimeout().toSeconds(), 1, MAX_TIMEOUT_SECONDS);
        if (settings.retry() == null) {
            return new GraphSettings(seconds, null, null);
        }
        int retries = settings.retry().maxAttempts() - 1;
        return new GraphSettings(seconds, retries > 0, retries);
    }

    /**
     * The engine's settings: a retry policy with the default retry delays when {@code maxRetries} is given or
     * {@code retryOnFailure} is false (a true one alone keeps the default number of retries), a timeout when given.
     * What is left out is left to the defaults each execution runs with.
     */
    WorkflowSettings workflowSettings() {
        RetryPolicy base = RetryPolicy.DEFAULT;
        Integer attempts = Boolean.FALSE.equals(retryOnFailure) ? Integer.valueOf(1)
                : maxRetries != null ? Integer.valueOf(maxRetries + 1) : null;
        return new WorkflowSettings(attempts == null ? null
                : new RetryPolicy(attempts, base.initialDelay(), base.multiplier(), base.maxDelay()),
                timeout != null ? Duration.ofSeconds(timeout) : null);
    }

    /** The engine's settings of a graph without {@code settings}: none of its own. */
    static WorkflowSettings workflowSettings(GraphSettings settings) {
        return settings == null ? WorkflowSettings.NONE : settings.workflowSettings();
    }
}
