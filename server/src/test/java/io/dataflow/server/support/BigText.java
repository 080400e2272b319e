package io.dataflow.server.support;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A test-only task type that outputs a text of {@code length} ASCII characters (as many bytes in UTF-8), for the
 * tests of the output limits. Registered through the test class path's service file.
 */
public final class BigText extends DeclaredTaskType {

    public BigText() {
        super("Test.BigText", "Outputs a text of length characters.",
                List.of(Port.required("length", PortType.INTEGER, "how many characters")),
                List.of(Port.output("text", PortType.TEXT, "the text")), null);
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) {
        return Json.object().put("text", "x".repeat(input.get("length").asInt()));
    }
}
