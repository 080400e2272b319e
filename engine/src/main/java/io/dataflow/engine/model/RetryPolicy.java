package io.dataflow.engine.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Optional;

/**
 * How often and how soon a failed task is tried again. The wait before retry {@code r} (attempt {@code r + 1}) grows
 * by the policy's {@link Backoff}: {@code initialDelay * multiplier^(r-1)} when exponential (a multiplier of 1 keeps
 * it constant), {@code initialDelay * r} when linear; either way at most {@code maxDelay}.
 *
 * @param maxAttempts total attempts including the first, from 1 to {@link #MAX_RETRIES} + 1
 * @param multiplier the growth of an exponential backoff, at least 1; 1 for a linear one
 * @param backoff how the wait grows; {@link Backoff#EXPONENTIAL} when null. Left out of the stored JSON when
 *     exponential, so policies stored before linear backoff existed read back, and hash, as they did
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Backoff.Exponential.class) Backoff backoff) {

    /** The most retries after the first attempt that a policy may ask for. */
    public static final int MAX_RETRIES = 20;

    /** Three attempts, one second apart at first, doubling. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

    /** The longest wait before a retry that a policy whose waits are not capped may ask for. */
    public static final Duration MAX_DELAY = Duration.ofDays(1);

    /** The longest wait a failing service may ask for (a {@code Retry-After} of a day is taken as an hour). */
    public static final Duration MAX_REQUESTED_WAIT = Duration.ofHours(1);

    /** How the wait before each retry grows from the first. */
    public enum Backoff {
        /** Each wait is the one before times the policy's multiplier; a multiplier of 1 keeps it constant. */
        EXPONENTIAL,
        /** The wait before retry {@code r} is the first wait times {@code r}. */
        LINEAR;

        /** Tells Jackson to leave the default out: equal to {@link #EXPONENTIAL} (or null). */
        static final class Exponential {
            @Override
            public boolean equals(Object value) {
                return value == null || value == EXPONENTIAL;
            }

            @Override
            public int hashCode() {
                return 0;
            }
        }
    }

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MAX_RETRIES + 1) {
            throw new IllegalArgumentException("maxAttempts must be from 1 to " + (MAX_RETRIES + 1));
        }
        if (initialDelay == null || initialDelay.isNegative() || maxDelay == null || maxDelay.isNegative()) {
            throw new IllegalArgumentException("the delays must be given and not negative");
        }
        backoff = backoff == null ? Backoff.EXPONENTIAL : backoff;
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a number of at least 1");
        }
        if (backoff == Backoff.LINEAR && multiplier != 1) {
            throw new IllegalArgumentException("a linear backoff has no multiplier (1)");
        }
    }

    /** An exponential backoff ({@link Backoff#EXPONENTIAL}); a multiplier of 1 keeps the wait constant. */
    public RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {
        this(maxAttempts, initialDelay, multiplier, maxDelay, Backoff.EXPONENTIAL);
    }

    /** A policy whose wait before retry {@code r} is {@code delay * r}. */
    public static RetryPolicy linear(int maxAttempts, Duration delay, Duration maxDelay) {
        return new RetryPolicy(maxAttempts, delay, 1.0, maxDelay, Backoff.LINEAR);
    }

    /** The wait before attempt {@code nextAttempt} (2 for the first retry). */
    public Duration delayBefore(int nextAttempt) {
        return Duration.ofMillis((long) Math.min(uncappedMillis(nextAttempt), maxDelay.toMillis()));
    }

    /**
     * Whether {@code maxDelay} shortens a wait of the policy: the wait before its last attempt, as the backoff
     * grows it, is longer. A dialect that has no words for the cap refuses such a policy rather than shorten it.
     */
    public boolean capsAWait() {
        return maxAttempts > 1 && uncappedMillis(maxAttempts) > maxDelay.toMillis();
    }

    private double uncappedMillis(int nextAttempt) {
        int retry = Math.max(1, nextAttempt - 1);
        return backoff == Backoff.LINEAR ? (double) initialDelay.toMillis() * retry
                : initialDelay.toMillis() * Math.pow(multiplier, retry - 1);
    }

    /**
     * The wait before attempt {@code nextAttempt} when the failed attempt's service asked for a wait of its own: the
     * longer of the policy's and the request, which is capped at {@link #MAX_REQUESTED_WAIT}.
     */
    public Duration delayBefore(int nextAttempt, Optional<Duration> requested) {
        Duration policy = delayBefore(nextAttempt);
        return requested.map(wait -> wait.compareTo(MAX_REQUESTED_WAIT) > 0 ? MAX_REQUESTED_WAIT : wait)
                .filter(wait -> wait.compareTo(policy) > 0).orElse(policy);
    }
}
