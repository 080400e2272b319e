package io.dataflow.engine.testing;

import io.dataflow.engine.spi.TaskType;
import io.dataflow.engine.spi.TaskTypeRegistry;
import java.util.ArrayList;
import java.util.List;

/** The installed task types and the test ones ({@code Test.*}). */
public final class TestTaskTypes {

    private TestTaskTypes() {
    }

    /** The test types record what they do in {@code invocations} and wait at {@code gate} and {@code spin}. */
    static TaskTypeRegistry registry(Invocations invocations, Gate gate, Spin spin) {
        List<TaskType> types = new ArrayList<>(TaskTypeRegistry.loadInstalled().all());
        types.addAll(List.of(new Barrier(invocations), new Flaky(invocations), new Permanent(invocations),
                new Slow(invocations), gate, new Pure(invocations, gate), new ReadsCredential(invocations), spin));
        return new TaskTypeRegistry(types);
    }

    /** For tests that compile definitions but run no task. */
    public static TaskTypeRegistry registry() {
        Invocations invocations = new Invocations();
        return registry(invocations, new Gate(invocations), new Spin(invocations));
    }
}
