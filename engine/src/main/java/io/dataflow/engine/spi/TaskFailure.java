package io.dataflow.engine.spi;

/**
 * A task failure a task type reports on purpose. Its message is shown to users as the task's error, so it must
 * be clear and must not contain secrets.
 */
public class TaskFailure extends Exception {

    private final boolean retryable;

    public TaskFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public TaskFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
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
}
