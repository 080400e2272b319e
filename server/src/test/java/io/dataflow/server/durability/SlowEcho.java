package io.dataflow.server.durability;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.DeclaredTaskType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test-only task type that holds its worker for a while and then echoes its text, so a test can stop the engine
 * while attempts are running. Registered through the test class path's service file. The texts of the attempts that
 * were interrupted, having been told they were cancelled, are kept in {@link #STOPPED}; those whose body began, in
 * {@link #STARTED} (an attempt told to stop before its body began never runs it, and so is never in STOPPED).
 */
public final class SlowEcho extends DeclaredTaskType {

    /** The texts of attempts told to stop: interrupted while they waited, with their context cancelled. */
    public static final Set<String> STOPPED = ConcurrentHashMap.newKeySet();

    /** The texts of attempts whose body began. */
    public static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    public SlowEcho() {
        super("Test.SlowEcho", "Waits millis milliseconds, then outputs its text.",
                List.of(Port.required("text", PortType.TEXT, "text to echo"),
                        Port.optional("millis", PortType.INTEGER, IntNode.valueOf(1000), "how long to wait")),
                List.of(Port.output("text", PortType.TEXT, "the text")), null);
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws Exception {
        STARTED.add(input.get("text").asString());
        try {
            Thread.sleep(input.get("millis").asInt());
        } catch (InterruptedException e) {
            if (context.cancelled()) {
                STOPPED.add(input.get("text").asString());
            }
            throw e;
        }
        ObjectNode output = Json.object();
        output.put("text", input.get("text").asString());
        return output;
    }
}
