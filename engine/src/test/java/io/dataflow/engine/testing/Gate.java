package io.dataflow.engine.testing;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Test.Gate}: holds its attempt until the test opens the gate it names, so a test can act while a task is
 * known to be running (cancel its execution, say) and then let the attempt finish.
 */
public final class Gate extends TestTaskType {

    private static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private final Map<String, Handle> handles = new ConcurrentHashMap<>();

    Gate(Invocations invocations) {
        super("Test.Gate", "Waits until the test opens its gate, then passes its value on.", invocations,
                Port.required("gate", PortType.TEXT, "the gate's name"));
    }

    /** The gate of this name, which tasks naming it wait on. */
    public Handle named(String name) {
        return handles.computeIfAbsent(name, k -> new Handle());
    }

    @Override
    void behave(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        hold(input.get("gate").asString());
    }

    /** Holds the calling attempt at the named gate until the test opens it. */
    void hold(String name) throws TaskFailure, InterruptedException {
        Handle handle = named(name);
        handle.entered.countDown();
        if (!handle.opened.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
            throw TaskFailure.permanent("the gate was never opened");
        }
    }

    /** One gate: tasks wait on it until it is opened. */
    public static final class Handle {

        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        /** Waits until a task is held at this gate. */
        public void awaitEntered() throws InterruptedException {
            if (!entered.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("no task reached the gate within " + MAX_HOLD);
            }
        }

        public void open() {
            opened.countDown();
        }
    }
}
