package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.Pointers;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.WrittenDuration;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A task's step configuration as Cloudflare's Workflows write it (their {@code WorkflowStepConfig}), read into the
 * engine's retry policy and attempt time limit. Every dialect that defines workflows takes it on its tasks: the
 * {@code /workflows} dialect as a task's {@code config}, seed 002 as a node's {@code retries} and {@code timeout}.
 *
 * <ul>
 *   <li>{@code retries.limit}: retries after the first attempt, a whole number from 0 to
 *       {@value RetryPolicy#MAX_RETRIES} (Cloudflare's unlimited {@code Infinity} is not taken). Required.
 *   <li>{@code retries.delay}: the wait before the first retry, milliseconds or a duration such as
 *       {@code "10 seconds"} ({@link WrittenDuration}), from 0 to an hour. Required, as Cloudflare has it.
 *   <li>{@code retries.backoff}: {@code constant}, {@code linear} or {@code exponential} (the default): the wait
 *       before retry {@code n} is {@code delay}, {@code delay * n} or {@code delay * 2^(n-1)}. No wait is shortened:
 *       a policy whose wait before its last retry would be longer than {@link RetryPolicy#MAX_DELAY} is refused.
 *   <li>{@code timeout}: the limit of one attempt, milliseconds or a duration, more than 0 and at most a day.
 * </ul>
 *
 * <p>Each problem is reported at its JSON pointer with the range the value must be in; nothing is rounded.
 */
public final class StepConfigReader {

    /** The longest first wait, as {@code /workflows}' {@code retry.delay_ms} allows. */
    static final Duration MAX_FIRST_DELAY = Duration.ofHours(1);
    /** The longest attempt, as {@code /workflows}' {@code timeout_seconds} allows. */
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private static final Set<String> RETRIES_FIELDS = Set.of("limit", "delay", "backoff");
    private static final Set<String> BACKOFFS = Set.of("constant", "linear", "exponential");

    private StepConfigReader() {
    }

    /**
     * The retry policy {@code value} (a {@code retries} object) gives, or null when it is missing or JSON null, or
     * wrong (with a problem for each thing wrong).
     *
     * @param at the JSON pointer of {@code value}
     */
    public static RetryPolicy retries(JsonNode value, String at, JsonFields fields) {
        ObjectNode retries = fields.object(value, at, false);
        if (retries == null) {
            return null;
        }
        fields.rejectUnknown(retries, at, RETRIES_FIELDS);
        Integer limit = limit(retries, at, fields);
        Duration delay = delay(retries, at, fields);
        String backoff = fields.text(retries, "backoff", at, false);
        if (backoff != null && !BACKOFFS.contains(backoff)) {
            fields.problem(Pointers.append(at, "backoff"), "must be constant, linear or exponential, got '" + backoff
                    + "'");
            return null;
        }
        if (limit == null || delay == null) {
            return null;
        }
        RetryPolicy policy = switch (backoff == null ? "exponential" : backoff) {
            case "constant" -> new RetryPolicy(limit + 1, delay, 1.0, RetryPolicy.MAX_DELAY);
            case "linear" -> RetryPolicy.linear(limit + 1, delay, RetryPolicy.MAX_DELAY);
            default -> new RetryPolicy(limit + 1, delay, 2.0, RetryPolicy.MAX_DELAY);
        };
        if (policy.capsAWait()) {
            fields.problem(at, "would wait longer than a day before its last retry (retry " + limit + "); the longest"
                    + " wait between two attempts is a day: lower limit or delay, or use a slower backoff");
            return null;
        }
        return policy;
    }

    /**
     * Cloudflare's word for how the policy's wait grows: {@code linear}, {@code constant} (a multiplier of 1) or
     * {@code exponential} (doubling); null for a multiplier Cloudflare has no word for (a {@code /workflows}
     * {@code backoff} of 1.5 or 3).
     */
    public static String backoffWord(RetryPolicy policy) {
        if (policy.backoff() == RetryPolicy.Backoff.LINEAR) {
            return "linear";
        }
        return policy.multiplier() == 1.0 ? "constant" : policy.multiplier() == 2.0 ? "exponential" : null;
    }

    /**
     * The attempt time limit {@code value} gives, or null when it is missing or JSON null, or wrong (with a problem).
     *
     * @param at the JSON pointer of {@code value}
     */
    public static Duration timeout(JsonNode value, String at, JsonFields fields) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        Duration timeout = duration(value, at, MAX_TIMEOUT, "more than 0 and at most a day", fields);
        if (timeout != null && timeout.isZero()) {
            fields.problem(at, "must be more than 0 and at most a day, got " + shown(value));
            return null;
        }
        return timeout;
    }

    private static Integer limit(ObjectNode retries, String at, JsonFields fields) {
        JsonNode limit = retries.get("limit");
        if (limit == null || limit.isNull()) {
            fields.problem(Pointers.append(at, "limit"), "is required: the number of retries after the first attempt,"
                    + " a whole number from 0 to " + RetryPolicy.MAX_RETRIES + " (unlimited retries are not taken)");
            return null;
        }
        return fields.integer(retries, "limit", at, 0, RetryPolicy.MAX_RETRIES);
    }

    private static Duration delay(ObjectNode retries, String at, JsonFields fields) {
        String pointer = Pointers.append(at, "delay");
        JsonNode delay = retries.get("delay");
        if (delay == null || delay.isNull()) {
            fields.problem(pointer, "is required: the wait before the first retry, " + WrittenDuration.FORMS
                    + ", from 0 to an hour");
            return null;
        }
        return duration(delay, pointer, MAX_FIRST_DELAY, "from 0 to an hour", fields);
    }

    /** A duration of at most {@code max} in whole milliseconds, or null with a problem naming {@code range}. */
    private static Duration duration(JsonNode value, String at, Duration max, String range, JsonFields fields) {
        Duration duration;
        try {
            duration = WrittenDuration.parse(value, max).orElse(null);
        } catch (IllegalArgumentException e) {
            fields.problem(at, e.getMessage() + "; " + range);
            return null;
        }
        if (duration == null) {
            fields.problem(at, "must be " + range + ", got " + shown(value));
            return null;
        }
        if (duration.getNano() % 1_000_000 != 0) {
            fields.problem(at, "must be a whole number of milliseconds, got " + shown(value));
            return null;
        }
        return duration;
    }

    /** The value as a message shows it: text quoted and cut short, anything else as JSON. */
    private static String shown(JsonNode value) {
        return value.isString() ? "'" + WrittenDuration.shorten(value.asString()) + "'" : value.toString();
    }
}
