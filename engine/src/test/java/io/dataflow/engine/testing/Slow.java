package io.dataflow.engine.testing;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Test.Slow}: its first {@code slowAttempts} attempts sleep {@code millis} before passing the value on; later
 * ones pass at once. The sleep ends early when the worker interrupts it (a timed-out attempt).
 */
final class Slow extends TestTaskType {

    Slow(Invocations invocations) {
        super("Test.Slow", "Sleeps on its first attempts, then passes its value on.", invocations,
                Port.required("millis", PortType.INTEGER, "how long a slow attempt sleeps"),
                Port.optional("slowAttempts", PortType.INTEGER, IntNode.valueOf(Integer.MAX_VALUE),
                        "how many attempts are slow"));
    }

    @Override
    void behave(TaskContext context, ObjectNode input) throws InterruptedException {
        if (context.attempt() <= input.get("slowAttempts").asInt()) {
            Thread.sleep(input.get("millis").asLong());
        }
    }
}
