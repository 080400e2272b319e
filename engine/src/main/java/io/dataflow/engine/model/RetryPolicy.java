package io.dataflow.engine.model;

import java.time.Duration;
import java.util.Optional;

/**
 * How often and how soon a failed task is tried again: attempt {@code n} (from 2) waits
 * {@code initialDelay * multiplier^(n-2)}, at most {@code maxDelay}.
 *
 * @param maxAttempts total attempts including the first, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /** Three attempts, one second apart at first, doubling. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

    /** The longest wait a failing service may ask for (a {@code Retry-After} of a day is taken as an hour). */
    public static final Duration MAX_REQUESTED_WAIT = Duration.ofHours(1);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The wait before attempt {@code nextAttempt} (2 for the first retry). */
    public Duration delayBefore(int nextAttempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, nextAttempt - 2));
        return Duration.ofMillis((long) Math.min(millis, maxDelay.toMillis()));
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
