package io.dataflow.engine.model;

import java.time.Duration;

/**
 * How long a finished execution is kept before it is purged with everything it left behind: one period when it
 * completed, another when it failed or was terminated. A period left out (null) is the one of the level above: an
 * execution's own, else its binding version's default, else the server's retention for every execution.
 *
 * @param success how long a COMPLETED execution is kept; null for the level above's
 * @param error how long a FAILED or TERMINATED execution is kept; null for the level above's
 */
public record Retention(Duration success, Duration error) {

    /** Neither period set: the level above decides. */
    public static final Retention NONE = new Retention(null, null);

    public Retention {
        if (success != null && !success.isPositive() || error != null && !error.isPositive()) {
            throw new IllegalArgumentException("a retention period must be longer than 0");
        }
    }

    /** This retention, with each period it leaves out taken from {@code defaults}. */
    public Retention orElse(Retention defaults) {
        return new Retention(success != null ? success : defaults.success(),
                error != null ? error : defaults.error());
    }

    /** The period for an execution that ended in {@code status}; null when this retention leaves it out. */
    public Duration periodFor(ExecutionStatus status) {
        return status == ExecutionStatus.COMPLETED ? success : error;
    }
}
