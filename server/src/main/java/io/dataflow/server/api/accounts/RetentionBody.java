package io.dataflow.server.api.accounts;

import io.dataflow.engine.model.Retention;
import io.dataflow.engine.model.WrittenDuration;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A retention as Cloudflare writes one, {@code {"success_retention"?, "error_retention"?}}: how long a finished
 * instance is kept when it completed, and when it errored or was terminated, each in milliseconds or words such as
 * {@code "5 minutes"}. Each is more than zero and at most what the server keeps executions for
 * ({@code DATAFLOW_EXECUTION_RETENTION}; ten years when it keeps them for ever), so an account cannot hold data longer
 * than the operator allows.
 */
final class RetentionBody {

    /** The longest retention when the server keeps executions for ever. */
    static final Duration MOST_WHEN_KEPT_FOR_EVER = Duration.ofDays(3650);

    private static final Set<String> FIELDS = Set.of("success_retention", "error_retention");

    private RetentionBody() {
    }

    /**
     * The retention {@code value} of field {@code at} gives; {@link Retention#NONE} when absent or null.
     *
     * @param serverRetention how long the server keeps finished executions; zero for ever
     */
    static Retention read(JsonNode value, String at, Duration serverRetention) {
        if (value == null || value.isNull()) {
            return Retention.NONE;
        }
        if (!value.isObject()) {
            throw AccountsApiException.invalid(at + " must be a JSON object {\"success_retention\"?,"
                    + " \"error_retention\"?}");
        }
        for (String name : value.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw AccountsApiException.invalid(at + "." + name + " is not a field here; the fields are"
                        + " error_retention, success_retention");
            }
        }
        Duration most = serverRetention.isZero() ? MOST_WHEN_KEPT_FOR_EVER : serverRetention;
        return new Retention(period(value.get("success_retention"), at + ".success_retention", most),
                period(value.get("error_retention"), at + ".error_retention", most));
    }

    private static Duration period(JsonNode value, String at, Duration most) {
        if (value == null || value.isNull()) {
            return null;
        }
        Duration period;
        try {
            period = WrittenDuration.parse(value, most).orElseThrow(() -> AccountsApiException.invalid(at
                    + " is longer than this server keeps finished instances (" + words(most)
                    + ", DATAFLOW_EXECUTION_RETENTION)"));
        } catch (IllegalArgumentException e) {
            throw AccountsApiException.invalid(at + " " + e.getMessage());
        }
        if (!period.isPositive()) {
            throw AccountsApiException.invalid(at + " must be longer than 0");
        }
        return period;
    }

    /** 30 days, 12 hours, 90 seconds: the largest whole unit. */
    private static String words(Duration duration) {
        if (duration.toSeconds() % 86_400 == 0) {
            return duration.toDays() + " days";
        }
        if (duration.toSeconds() % 3600 == 0) {
            return duration.toHours() + " hours";
        }
        return duration.toSeconds() + " seconds";
    }
}
