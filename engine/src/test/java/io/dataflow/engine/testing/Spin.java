package io.dataflow.engine.testing;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Test.Spin}: computes without pause and ignores interruption, as a buggy or hostile task type may, until the
 * test {@linkplain #release() releases} every spinning attempt (or a minute passes, so a failed test does not leave
 * threads spinning for long).
 */
public final class Spin extends TestTaskType {

    private static final Duration MAX_SPIN = Duration.ofMinutes(1);

    private volatile boolean released;

    Spin(Invocations invocations) {
        super("Test.Spin", "Computes, ignoring interruption, until the test releases it.", invocations);
    }

    /** Lets every spinning attempt, and any later one, return. */
    public void release() {
        released = true;
    }

    @Override
    void behave(TaskContext context, ObjectNode input) {
        long end = System.nanoTime() + MAX_SPIN.toNanos();
        while (!released && System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
