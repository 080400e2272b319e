package io.dataflow.server.support;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test-only task type that outputs the numbers 1 to {@code count}, like the expression {@code [1..count]}: small
 * as JSON text, several times larger as a parsed tree. Registered through the test class path's service file.
 */
public final class Numbers extends DeclaredTaskType {

    public Numbers() {
        super("Test.Numbers", "Outputs the numbers 1 to count.",
                List.of(Port.required("count", PortType.INTEGER, "how many numbers")),
                List.of(Port.output("numbers", PortType.ARRAY, "1 to count")), null);
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) {
        ObjectNode output = Json.object();
        ArrayNode numbers = output.putArray("numbers");
        for (int i = 1; i <= input.get("count").asInt(); i++) {
            numbers.add(i);
        }
        return output;
    }
}
