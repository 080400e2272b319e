package io.dataflow.engine.testing;

import io.dataflow.engine.spi.TaskContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many times each task of each execution was called by a worker, whatever came of the call. */
public final class Invocations {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    void record(TaskContext context) {
        counts.computeIfAbsent(key(context.executionId(), context.taskName()), k -> new AtomicInteger())
                .incrementAndGet();
    }

    public int of(String executionId, String taskName) {
        AtomicInteger count = counts.get(key(executionId, taskName));
        return count == null ? 0 : count.get();
    }

    private static String key(String executionId, String taskName) {
        return executionId + "/" + taskName;
    }
}
