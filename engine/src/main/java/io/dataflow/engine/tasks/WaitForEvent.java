package io.dataflow.engine.tasks;

import io.dataflow.engine.model.EventTypes;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskParked;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code wait_for_event}: waits, holding no thread, for an event of a type sent to its execution
 * ({@code POST .../events/{type}}, or an approval link), and outputs it. An event sent before the wait began is kept
 * and taken by the first wait for its type, first in first out. When none comes within {@code timeout} the task fails
 * as timed out, and its retry policy decides what follows, like for any failure.
 */
public final class WaitForEvent extends DeclaredTaskType {

    private static final Port EVENT_TYPE = Port.required("event_type", PortType.TEXT,
            "The type of event to wait for: 1 to 100 letters, digits, '-' and '_'");
    private static final Port TIMEOUT = Port.optional("timeout", PortType.ANY, StringNode.valueOf("24 hours"),
            "How long to wait: milliseconds, an ISO-8601 duration ('P3D') or words ('3 days'); at most 365 days");
    private static final List<Port> OUTPUTS = List.of(
            Port.output("payload", PortType.ANY, "The event's JSON body"),
            Port.output("type", PortType.TEXT, "The event's type"),
            Port.output("timestamp", PortType.TEXT, "When the event was received, in RFC 3339"));

    public WaitForEvent() {
        super("wait_for_event", "Waits for an event sent to the execution, such as an approval, and outputs it.",
                List.of(EVENT_TYPE, TIMEOUT), OUTPUTS, Json.object().put("event_type", "approval").put("timeout",
                        "3 days"));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure, TaskParked {
        String type = eventType(InputValues.text(input, EVENT_TYPE));
        JsonNode timeout = input.get(TIMEOUT.name());
        throw TaskParked.forEvent(type, context.clock().instant().plus(SleepDuration.parse(TIMEOUT.name(),
                timeout == null || timeout.isNull() ? TIMEOUT.defaultValue() : timeout)));
    }

    private static String eventType(String type) throws TaskFailure {
        Optional<String> problem = EventTypes.problem(type);
        if (problem.isPresent()) {
            throw TaskFailure.permanent("input 'event_type' " + problem.get());
        }
        return type;
    }

    /** A literal event type or timeout that cannot be one is refused when the workflow is created. */
    @Override
    public List<Problem> checkLiteralInputs(ObjectNode literal) {
        List<Problem> problems = new ArrayList<>();
        JsonNode type = literal.get(EVENT_TYPE.name());
        if (type instanceof StringNode) {
            problems.addAll(literalCheck(EVENT_TYPE, () -> eventType(type.asString())));
        }
        JsonNode timeout = literal.get(TIMEOUT.name());
        if (timeout != null && !timeout.isNull()) {
            problems.addAll(literalCheck(TIMEOUT, () -> SleepDuration.parse(TIMEOUT.name(), timeout)));
        }
        return problems;
    }
}
