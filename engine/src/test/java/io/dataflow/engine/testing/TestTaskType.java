package io.dataflow.engine.testing;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.DeclaredTaskType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of the test task types: each takes an optional {@code value} (any type) and outputs it unchanged with the
 * attempt number, after its own behaviour (waiting, failing, ...). Every call is counted in {@link Invocations}, so
 * a test can tell how often a task really ran.
 */
abstract class TestTaskType extends DeclaredTaskType {

    private final Invocations invocations;

    TestTaskType(String name, String description, Invocations invocations, Port... parameters) {
        super(name, description, ports(parameters), List.of(
                Port.output("value", PortType.ANY, "the value given"),
                Port.output("attempt", PortType.INTEGER, "the attempt that produced this output")), null);
        this.invocations = invocations;
    }

    private static List<Port> ports(Port... parameters) {
        List<Port> ports = new ArrayList<>();
        ports.add(Port.optional("value", PortType.ANY, null, "passed on to the output"));
        ports.addAll(List.of(parameters));
        return ports;
    }

    /** What the type does before it passes its value on; throws to fail the attempt. */
    abstract void behave(TaskContext context, ObjectNode input) throws Exception;

    @Override
    public final ObjectNode execute(TaskContext context, ObjectNode input) throws Exception {
        invocations.record(context);
        behave(context, input);
        JsonNode value = input.get("value");
        ObjectNode output = Json.object();
        output.set("value", value == null ? NullNode.getInstance() : value.deepCopy());
        output.put("attempt", context.attempt());
        return output;
    }
}
