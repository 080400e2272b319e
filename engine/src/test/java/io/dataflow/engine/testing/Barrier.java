package io.dataflow.engine.testing;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code Test.Barrier}: passes only when {@code parties} tasks of the same execution and {@code group} are running
 * at the same moment, and fails (permanently) when they are not all there within {@code timeoutMillis}. A workflow
 * whose barrier tasks complete therefore ran them in parallel, with no assertion about time.
 */
final class Barrier extends TestTaskType {

    private final Map<String, CyclicBarrier> barriers = new ConcurrentHashMap<>();

    Barrier(Invocations invocations) {
        super("Test.Barrier", "Waits until all tasks of its group are running together, then passes its value on.",
                invocations,
                Port.required("parties", PortType.INTEGER, "how many tasks must meet"),
                Port.optional("group", PortType.TEXT, StringNode.valueOf(""), "tasks of one group meet each other"),
                Port.optional("timeoutMillis", PortType.INTEGER, IntNode.valueOf(10_000),
                        "how long to wait for the others"));
    }

    @Override
    void behave(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        int parties = input.get("parties").asInt();
        CyclicBarrier barrier = barriers.computeIfAbsent(context.executionId() + "/" + input.get("group").asString(),
                k -> new CyclicBarrier(parties));
        try {
            barrier.await(input.get("timeoutMillis").asLong(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | BrokenBarrierException e) {
            throw TaskFailure.permanent("the " + parties + " tasks of the barrier were not running at the same time");
        }
    }
}
