package io.dataflow.engine.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A duration as a workflow or a request writes it: milliseconds as a whole number (or a string of digits),
 * ISO-8601 ({@code PT10M}, {@code P1DT2H}), or Cloudflare Workflows' words ({@code "10 minutes"}, {@code "1 day"}; a
 * month is 30 days and a year 365). Sleeps, waits and retention periods are all written this way.
 */
public final class WrittenDuration {

    /** The forms a duration takes, for messages. */
    public static final String FORMS = "milliseconds, an ISO-8601 duration such as 'PT10M', or words such as"
            + " '10 minutes'";

    private static final Pattern WORDS = Pattern.compile("(\\d{1,12})\\s*(second|minute|hour|day|week|month|year)s?");
    private static final Map<String, Duration> UNITS = Map.of("second", Duration.ofSeconds(1), "minute",
            Duration.ofMinutes(1), "hour", Duration.ofHours(1), "day", Duration.ofDays(1), "week", Duration.ofDays(7),
            "month", Duration.ofDays(30), "year", Duration.ofDays(365));

    private WrittenDuration() {
    }

    /**
     * The duration {@code value} gives, from 0.
     *
     * @return the duration; empty when it is longer than {@code max} (or too long to represent)
     * @throws IllegalArgumentException for a value that is no duration, worded to follow the name of the field
     *     ("must be ..., got ...")
     */
    public static Optional<Duration> parse(JsonNode value, Duration max) {
        Duration duration;
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong() || value.asLong() < 0) {
                throw new IllegalArgumentException("must be a number of milliseconds from 0, got " + value);
            }
            duration = value.asLong() > max.toMillis() ? null : Duration.ofMillis(value.asLong());
        } else if (value.isString()) {
            duration = parse(value.asString().trim(), max);
        } else {
            throw new IllegalArgumentException("must be " + FORMS + ", got " + shorten(value.toString()));
        }
        return duration == null || duration.compareTo(max) > 0 ? Optional.empty() : Optional.of(duration);
    }

    private static Duration parse(String text, Duration max) {
        Matcher words = WORDS.matcher(text.toLowerCase(Locale.ROOT));
        if (words.matches()) {
            long count = Long.parseLong(words.group(1));
            Duration unit = UNITS.get(words.group(2));
            return count > max.dividedBy(unit) ? null : unit.multipliedBy(count);
        }
        if (text.matches("\\d{1,18}")) {
            long millis = Long.parseLong(text);
            return millis > max.toMillis() ? null : Duration.ofMillis(millis);
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("must not be negative, got '" + text + "'");
            }
            return duration;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("must be " + FORMS + ", got '" + shorten(text) + "'");
        }
    }

    /** At most 60 characters of {@code text}, for messages. */
    public static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
