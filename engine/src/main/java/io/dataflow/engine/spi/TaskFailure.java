package io.dataflow.engine.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A task failure a task type reports on purpose. Its message is shown to users as the task's error, so it must
 * be clear and must not contain secrets.
 */
public class TaskFailure extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    public TaskFailure(String message, boolean retryable) {
        this(message, retryable, (Duration) null);
    }

    public TaskFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = null;
    }

    /**
     * @param retryAfter how long the failing service asked to be left alone (a {@code Retry-After} header), or null
     */
    public TaskFailure(String message, boolean retryable, Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.retryAfter = retryable ? retryAfter : null;
    }

    /** A failure that will fail the same way again (bad input, a 4xx answer): no retry. */
    public static TaskFailure permanent(String message) {
        return new TaskFailure(message, false);
    }

    /** A failure that may pass on another try (a timeout, a 5xx answer). */
    public static TaskFailure transientFailure(String message) {
        return new TaskFailure(message, true);
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * How long the failing service asked to be left alone; the next attempt waits at least that long (up to
     * {@link io.dataflow.engine.model.RetryPolicy#MAX_REQUESTED_WAIT}), even when the retry policy's wait is
     * shorter.
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
