package io.dataflow.engine.store;

import java.time.Instant;
import java.util.Collection;

/**
 * Told by the store when task runs became ready to claim, once the transaction that made them so has committed:
 * never before, so a woken claimer always finds the work. This is the one place a node learns of new work it
 * made itself; a listener for work made by other nodes (PostgreSQL's LISTEN/NOTIFY) hangs off it too.
 */
public interface ReadyWork {

    /** Nobody listens: for stores used without workers. */
    ReadyWork NONE = new ReadyWork() {
        @Override
        public void readyNow() {
        }

        @Override
        public void readyAt(Instant at) {
        }
    };

    /** Task runs may be claimed now. */
    void readyNow();

    /** A task run may be claimed at {@code at} (a retry's backoff, later a timer) and not before. */
    void readyAt(Instant at);

    /**
     * The attempts of these task runs must stop: their execution was terminated or restarted, and their results
     * will be dropped. Whoever runs one here interrupts it; other nodes learn it when they renew its lease.
     */
    default void stopped(Collection<String> taskRunIds) {
    }
}
