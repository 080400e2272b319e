package io.dataflow.server.durability;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.DeclaredTaskType;
import java.util.List;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test-only task type that holds its worker for a while and then echoes its text, so a test can stop the engine
 * while attempts are running. Registered through the test class path's service file.
 */
public final class SlowEcho extends DeclaredTaskType {

    public SlowEcho() {
        super("Test.SlowEcho", "Waits millis milliseconds, then outputs its text.",
                List.of(Port.required("text", PortType.TEXT, "text to echo"),
                        Port.optional("millis", PortType.INTEGER, IntNode.valueOf(1000), "how long to wait")),
                List.of(Port.output("text", PortType.TEXT, "the text")), null);
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws Exception {
        Thread.sleep(input.get("millis").asInt());
        ObjectNode output = Json.object();
        output.put("text", input.get("text").asString());
        return output;
    }
}
