package io.dataflow.engine.spi;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thrown by an attempt that waits instead of finishing now: its task run is parked, holding no thread and no memory,
 * until a time comes. The engine then completes the run with the output given here, without calling the task type
 * again, even when the server was restarted in between (at start-up when the time passed while it was down).
 *
 * <p>Like {@link TaskFailure}, it is an outcome of an attempt rather than an error; it carries no stack trace.
 */
public final class TaskParked extends Exception {

    private final Instant until;
    private final ObjectNode output;

    private TaskParked(Instant until, ObjectNode output) {
        super("parked until " + until, null, false, false);
        this.until = Objects.requireNonNull(until, "until");
        this.output = Objects.requireNonNull(output, "output");
    }

    /** The run completes with {@code output} at {@code until}: a sleep. */
    public static TaskParked until(Instant until, ObjectNode output) {
        return new TaskParked(until, output);
    }

    /** When the run comes due. */
    public Instant until() {
        return until;
    }

    /** The output the run completes with when it comes due. */
    public ObjectNode output() {
        return output;
    }
}
