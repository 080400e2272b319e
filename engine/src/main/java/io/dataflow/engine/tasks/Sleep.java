package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskParked;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code sleep}: waits for a duration or until a time, at most 365 days, then passes its {@code value} on. The
 * waiting run holds no thread and no memory; it ends on time when the server is up, or at start-up when the time
 * passed while it was down.
 */
public final class Sleep extends DeclaredTaskType {

    private static final Port VALUE = Port.optional("value", PortType.ANY, null,
            "Passed on to the output unchanged, so a sleep can sit between two steps of a chain");
    private static final Port DURATION = Port.optional("duration", PortType.ANY, null,
            "How long to wait: milliseconds, an ISO-8601 duration ('PT10M') or words ('10 minutes', '1 day')");
    private static final Port UNTIL = Port.optional("until", PortType.TEXT, null,
            "When to wake up, in RFC 3339 ('2030-01-01T09:00:00Z'); a time already past wakes at once");
    private static final Port VALUE_OUT = Port.output("value", PortType.ANY, "The input value, unchanged");
    private static final Port UNTIL_OUT = Port.output("until", PortType.TEXT, "When the sleep was due to end");

    public Sleep() {
        super("sleep", "Waits for a duration or until a time, at most 365 days, holding no thread while it waits.",
                List.of(VALUE, DURATION, UNTIL), List.of(VALUE_OUT, UNTIL_OUT),
                Json.object().put("duration", "10 minutes"));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure, TaskParked {
        Instant now = context.clock().instant();
        Instant until = until(input, now);
        ObjectNode output = Json.object();
        JsonNode value = input.get(VALUE.name());
        output.set(VALUE_OUT.name(), value == null ? null : value.deepCopy());
        output.put(UNTIL_OUT.name(), until.toString());
        if (!until.isAfter(now)) {
            return output;
        }
        throw TaskParked.until(until, output);
    }

    /** When the sleep ends: {@code duration} after now, or {@code until}; exactly one of them is given. */
    private static Instant until(ObjectNode input, Instant now) throws TaskFailure {
        JsonNode duration = input.get(DURATION.name());
        JsonNode until = input.get(UNTIL.name());
        boolean hasDuration = duration != null && !duration.isNull();
        boolean hasUntil = until != null && !until.isNull();
        if (hasDuration == hasUntil) {
            throw TaskFailure.permanent("give exactly one of the inputs 'duration' and 'until'");
        }
        if (hasDuration) {
            return now.plus(SleepDuration.parse(DURATION.name(), duration));
        }
        Instant at = time(until.asString());
        if (at.isAfter(now.plus(SleepDuration.MAX))) {
            throw TaskFailure.permanent("input 'until' is more than 365 days ahead, the most a task may wait, got '"
                    + until.asString() + "'");
        }
        return at;
    }

    private static Instant time(String text) throws TaskFailure {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw TaskFailure.permanent("input 'until' must be a time in RFC 3339 such as '2030-01-01T09:00:00Z', got '"
                    + (text.length() <= 60 ? text : text.substring(0, 60) + "...") + "'");
        }
    }

    /**
     * A literal {@code duration} or {@code until} that cannot be a sleep is refused when the workflow is created;
     * how far ahead a literal {@code until} is can only be known when it runs.
     */
    @Override
    public List<Problem> checkLiteralInputs(ObjectNode literal) {
        List<Problem> problems = new ArrayList<>();
        JsonNode duration = literal.get(DURATION.name());
        if (duration != null && !duration.isNull()) {
            problems.addAll(literalCheck(DURATION, () -> SleepDuration.parse(DURATION.name(), duration)));
        }
        JsonNode until = literal.get(UNTIL.name());
        if (until instanceof StringNode) {
            problems.addAll(literalCheck(UNTIL, () -> time(until.asString())));
        }
        return problems;
    }
}
