package io.dataflow.engine.spi;

import java.time.Instant;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Thrown by an attempt that waits instead of finishing now: its task run is parked, holding no thread and no memory,
 * until a time comes or an event arrives. The engine then completes the run, without calling the task type again,
 * even when the server was restarted in between (at start-up when the time passed while it was down): a sleep with
 * the output given here, a wait with the event that arrived; a wait whose time came first fails as timed out, which
 * the task's retry policy handles like any failure.
 *
 * <p>Like {@link TaskFailure}, it is an outcome of an attempt rather than an error; it carries no stack trace.
 */
public final class TaskParked extends Exception {

    private final Instant until;
    private final ObjectNode output;
    private final String eventType;

    private TaskParked(Instant until, ObjectNode output, String eventType) {
        super("parked until " + until, null, false, false);
        this.until = Objects.requireNonNull(until, "until");
        this.output = output;
        this.eventType = eventType;
    }

    /** The run completes with {@code output} at {@code until}: a sleep. */
    public static TaskParked until(Instant until, ObjectNode output) {
        return new TaskParked(until, Objects.requireNonNull(output, "output"), null);
    }

    /**
     * The run completes with the first event of {@code eventType} sent to its execution that no other wait took,
     * one sent before included, as {@code {type, payload, timestamp}}; or fails as timed out at {@code timeoutAt}.
     */
    public static TaskParked forEvent(String eventType, Instant timeoutAt) {
        return new TaskParked(timeoutAt, null, Objects.requireNonNull(eventType, "eventType"));
    }

    /** When the run comes due: a sleep's end, or a wait's timeout. */
    public Instant until() {
        return until;
    }

    /** The output a sleep completes with; null for a wait. */
    public ObjectNode output() {
        return output;
    }

    /** The type of event a wait waits for; null for a sleep. */
    public String eventType() {
        return eventType;
    }
}
