package io.dataflow.engine.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells whoever watches an execution on this node that it changed, once the transaction that changed it commits: a
 * latency hint for live views (the API's event stream), which read the execution again when told. Every status
 * change of an execution or of one of its task runs passes here ({@link EventOutbox} calls it for each change it is
 * told of, webhook or not), and so do the few changes no webhook reports (a parked run woken or held, an event given
 * to a waiting run, a running task's input recorded).
 *
 * <p>Only this node's changes are told: a watcher must still read now and then for changes other nodes made. A
 * watcher is told at least once per committing transaction that changed its execution, never for a transaction that
 * rolled back, and may be told when nothing it shows changed.
 *
 * <p>Costs nothing measurable when nobody watches: one lookup in a concurrent map, no allocation.
 */
public final class ExecutionChanges {

    private final ConcurrentHashMap<String, Watchers> watched = new ConcurrentHashMap<>();

    /** A watch of one execution; closing it stops the calls. */
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Calls {@code listener} after each transaction on this node that changed the execution commits, on the thread
     * that committed it, until the watch is closed.
     *
     * @param listener must be quick and must not block (it runs on an engine thread after its commit); one that
     *     throws is ignored for that call
     */
    public Watch watch(String executionId, Runnable listener) {
        watched.compute(executionId, (id, watchers) -> {
            Watchers those = watchers == null ? new Watchers() : watchers;
            those.listeners.add(listener);
            return those;
        });
        return () -> watched.computeIfPresent(executionId, (id, watchers) -> {
            watchers.listeners.remove(listener);
            return watchers.listeners.isEmpty() ? null : watchers;
        });
    }

    /** Whether anyone on this node watches the execution (for tests and metrics). */
    public boolean watched(String executionId) {
        return watched.containsKey(executionId);
    }

    /**
     * The execution changed in the transaction of {@code sql}: its watchers are told once that commits (once per
     * transaction however many changes it made).
     */
    void changed(Sql sql, String executionId) {
        Watchers watchers = watched.get(executionId);
        if (watchers != null) {
            // The same object for every change of this execution: Sql runs an action registered twice once.
            sql.afterCommit(watchers);
        }
    }

    /** The listeners of one execution, registered with a transaction as one after-commit action. */
    private static final class Watchers implements Runnable {
        private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void run() {
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    // A watcher's failure must not keep the engine's own after-commit actions (wake-ups) from running.
                }
            }
        }
    }
}
