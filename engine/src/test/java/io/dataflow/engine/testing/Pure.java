package io.dataflow.engine.testing;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Test.Pure}: a {@linkplain io.dataflow.engine.spi.TaskType#pure() pure} step, which the engine may run in
 * memory right after its predecessor. Its first {@code failures} attempts fail with a retryable failure; with
 * {@code gate} it first waits at that {@link Gate}, to stand for a pure task that takes a while.
 */
final class Pure extends TestTaskType {

    private final Gate gates;

    Pure(Invocations invocations, Gate gates) {
        super("Test.Pure", "A pure step: fails its first attempts or waits at a gate, then passes its value on.",
                invocations, Port.optional("failures", PortType.INTEGER, IntNode.valueOf(0), "how many attempts fail"),
                Port.optional("gate", PortType.TEXT, null, "a gate to wait at first"));
        this.gates = gates;
    }

    @Override
    public boolean pure() {
        return true;
    }

    @Override
    void behave(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        if (input.hasNonNull("gate")) {
            gates.hold(input.get("gate").asString());
        }
        if (context.attempt() <= input.get("failures").asInt()) {
            throw TaskFailure.transientFailure("pure: attempt " + context.attempt() + " fails");
        }
    }
}
