package io.dataflow.engine.model;

import java.time.Duration;

/**
 * How often and how soon a failed task is tried again: attempt {@code n} (from 2) waits
 * {@code initialDelay * multiplier^(n-2)}, at most {@code maxDelay}.
 *
 * @param maxAttempts total attempts including the first, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

    /** Three attempts, one second apart at first, doubling. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

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
}
