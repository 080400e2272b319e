package io.dataflow.engine.testing;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Test.Flaky}: its first {@code failures} attempts of each task run fail with a retryable failure, later ones
 * pass. With no {@code failures} it always passes, which makes it the plain step of test workflows. With
 * {@code retry_after_ms} each failure asks for that wait, as a {@code Retry-After} header would.
 */
final class Flaky extends TestTaskType {

    Flaky(Invocations invocations) {
        super("Test.Flaky", "Fails its first attempts with a retryable failure, then passes its value on.", invocations,
                Port.optional("failures", PortType.INTEGER, IntNode.valueOf(0), "how many attempts fail"),
                Port.optional("retry_after_ms", PortType.INTEGER, null, "the wait each failure asks for"));
    }

    @Override
    void behave(TaskContext context, ObjectNode input) throws TaskFailure {
        int failures = input.get("failures").asInt();
        if (context.attempt() <= failures) {
            JsonNode retryAfter = input.get("retry_after_ms");
            throw new TaskFailure("flaky: attempt " + context.attempt() + " of the first " + failures + " fails", true,
                    retryAfter == null || retryAfter.isNull() ? null : Duration.ofMillis(retryAfter.asLong()));
        }
    }
}
