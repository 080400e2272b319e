package io.dataflow.engine.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The attempts running on this node, by the task runs they belong to, so that an attempt whose execution was
 * terminated or restarted is told to stop: its task sees {@code TaskContext.cancelled()} and is interrupted, and its
 * worker drops its result and moves on. The store tells this node of its own terminations when they commit; the
 * lease keeper tells it of other nodes' when a lease it renews names a run that was cancelled or cleared.
 */
final class StopRequests {

    /** An attempt that may be told to stop, and whether it was. */
    record Running(AttemptThreads.Attempt attempt, AtomicBoolean stopped) {
    }

    private final ConcurrentHashMap<String, List<Running>> byRun = new ConcurrentHashMap<>();

    /**
     * Registers a running attempt under the task runs it stands for: its own and, for a step run in memory after a
     * claimed one, the claimed run's (the one the database knows as running).
     */
    void register(Collection<String> runIds, Running running) {
        for (String id : runIds) {
            byRun.merge(id, List.of(running), (a, b) -> {
                List<Running> both = new ArrayList<>(a);
                both.addAll(b);
                return List.copyOf(both);
            });
        }
    }

    void unregister(Collection<String> runIds, Running running) {
        for (String id : runIds) {
            byRun.computeIfPresent(id, (key, list) -> {
                List<Running> rest = list.stream().filter(r -> r != running).toList();
                return rest.isEmpty() ? null : rest;
            });
        }
    }

    /** Tells the attempts of these task runs to stop: marks them stopped and interrupts them. */
    void stop(Collection<String> runIds) {
        for (String id : runIds) {
            for (Running running : byRun.getOrDefault(id, List.of())) {
                running.stopped().set(true);
                running.attempt().cancel(true);
            }
        }
    }
}
