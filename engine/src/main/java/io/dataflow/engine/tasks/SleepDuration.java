package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskFailure;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A duration as a workflow writes it: milliseconds as a whole number, ISO-8601 ({@code PT10M}, {@code P1DT2H}), or
 * Cloudflare Workflows' words ({@code "10 minutes"}, {@code "1 day"}; a month is 30 days and a year 365).
 */
final class SleepDuration {

    /** The longest wait a task may ask for. */
    static final Duration MAX = Duration.ofDays(365);

    private static final Pattern WORDS = Pattern.compile("(\\d{1,12})\\s*(second|minute|hour|day|week|month|year)s?");
    private static final Map<String, Duration> UNITS = Map.of("second", Duration.ofSeconds(1), "minute",
            Duration.ofMinutes(1), "hour", Duration.ofHours(1), "day", Duration.ofDays(1), "week", Duration.ofDays(7),
            "month", Duration.ofDays(30), "year", Duration.ofDays(365));

    private SleepDuration() {
    }

    /**
     * The duration {@code value} of input {@code port} gives, from 0 to {@link #MAX}. Internally a duration too long
     * to represent is null, refused like any over the limit.
     *
     * @throws TaskFailure (permanent) naming the port, what it got and the forms it takes
     */
    static Duration parse(String port, JsonNode value) throws TaskFailure {
        Duration duration;
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong() || value.asLong() < 0) {
                throw TaskFailure.permanent("input '" + port + "' must be a number of milliseconds from 0, got "
                        + value);
            }
            duration = value.asLong() > MAX.toMillis() ? null : Duration.ofMillis(value.asLong());
        } else if (value.isString()) {
            duration = parse(port, value.asString().trim());
        } else {
            throw TaskFailure.permanent("input '" + port + "' must be milliseconds, an ISO-8601 duration such as"
                    + " 'PT10M', or words such as '10 minutes', got " + value);
        }
        if (duration == null || duration.compareTo(MAX) > 0) {
            throw TaskFailure.permanent("input '" + port + "' is longer than the most a task may wait, 365 days, got "
                    + (value.isString() ? "'" + shorten(value.asString()) + "'" : value.toString()));
        }
        return duration;
    }

    private static Duration parse(String port, String text) throws TaskFailure {
        Matcher words = WORDS.matcher(text.toLowerCase(Locale.ROOT));
        if (words.matches()) {
            long count = Long.parseLong(words.group(1));
            Duration unit = UNITS.get(words.group(2));
            return count > MAX.dividedBy(unit) ? null : unit.multipliedBy(count);
        }
        if (text.matches("\\d{1,18}")) {
            long millis = Long.parseLong(text);
            return millis > MAX.toMillis() ? null : Duration.ofMillis(millis);
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw TaskFailure.permanent("input '" + port + "' must not be negative, got '" + text + "'");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw TaskFailure.permanent("input '" + port + "' must be milliseconds, an ISO-8601 duration such as"
                    + " 'PT10M', or words such as '10 minutes', got '" + shorten(text) + "'");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
