package io.dataflow.engine.model;

import java.time.Duration;

/**
 * The retry policy and attempt time limit a step runs with when neither its task nor its workflow's settings set
 * them. Chosen when an execution starts, by how it is started, and kept for its life (restarts included), so that
 * the runs it already made and the ones it makes later agree.
 */
public enum StepDefaults {

    /** The engine's own: 3 attempts, 1 second apart at first, doubling up to 5 minutes; 5 minutes an attempt. */
    ENGINE(RetryPolicy.DEFAULT, Duration.ofMinutes(5)),

    /**
     * Those of an execution started through a binding: 6 attempts (5 retries), 10 seconds apart at first, doubling;
     * 10 minutes an attempt.
     */
    BINDING(new RetryPolicy(6, Duration.ofSeconds(10), 2.0, RetryPolicy.MAX_DELAY), Duration.ofMinutes(10));

    private final RetryPolicy retry;
    private final Duration timeout;

    StepDefaults(RetryPolicy retry, Duration timeout) {
        this.retry = retry;
        this.timeout = timeout;
    }

    /** The retry policy of a step that sets none, in a workflow that sets none. */
    public RetryPolicy retry() {
        return retry;
    }

    /** The limit of one attempt of a step that sets none, in a workflow that sets none. */
    public Duration timeout() {
        return timeout;
    }
}
