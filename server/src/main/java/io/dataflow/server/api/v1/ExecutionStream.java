package io.dataflow.server.api.v1;

import io.dataflow.engine.store.StoredExecution;
import io.dataflow.server.web.EventStreamWriter;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live stream of an execution, run on its request's (virtual) thread until the execution ends, the stream has
 * lasted its longest, the client goes away or the server stops: it sends the execution's state, then reads it
 * again whenever this node's engine says it changed ({@link #changed}), and at least every poll interval for changes
 * other nodes made, sending what differs ({@link StreamedState}).
 *
 * <p>Reads coalesce: one at a time, and the changes told during a read cause one more read after it, however many
 * they were; reads are at least {@link #MIN_READ_GAP} apart, so a burst of changes costs a few reads, not one each.
 * While nothing is sent, a comment goes out every keepalive interval: proxies keep the connection, and a client that
 * went away is noticed when that write fails.
 */
final class ExecutionStream {

    /** How long a client waits before reconnecting, sent first. */
    static final long RETRY_MILLIS = 1000;
    /** The least time between two reads of the execution. */
    static final Duration MIN_READ_GAP = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(ExecutionStream.class);

    /** When a stream reads its execution again and gives up. */
    record Timing(Duration poll, Duration keepalive, Duration longest) {
    }

    private final String executionId;
    private final Supplier<Optional<StoredExecution>> read;
    private final StreamedState state;
    private final Timing timing;
    /** Released when told of a change or to stop; at most one permit, so wake-ups coalesce. */
    private final Semaphore woken = new Semaphore(0);
    private final AtomicBoolean changed = new AtomicBoolean();
    private volatile boolean stopped;

    /** @param read the execution as stored now; empty once it is gone */
    ExecutionStream(String executionId, Supplier<Optional<StoredExecution>> read, StreamedState state,
            Timing timing) {
        this.executionId = executionId;
        this.read = read;
        this.state = state;
        this.timing = timing;
    }

    /** The execution changed (told on the thread that committed the change: returns at once). */
    void changed() {
        changed.set(true);
        wake();
    }

    /** Ends the stream soon (the server is stopping). */
    void stop() {
        stopped = true;
        wake();
    }

    private void wake() {
        if (woken.availablePermits() == 0) {
            woken.release();
        }
    }

    /**
     * Streams until the execution ends (after its final state and the {@code end} event), the longest time passed,
     * or the stream was stopped.
     *
     * @param lastEventId the fingerprint the client says it holds (its {@code Last-Event-ID}), or null
     * @throws IOException when a write fails: the client went away
     */
    void run(EventStreamWriter out, String lastEventId) throws IOException {
        long started = System.nanoTime();
        out.retry(RETRY_MILLIS);
        out.flush();
        Optional<StreamedState.Sent> last = first(out, lastEventId);
        long lastRead = System.nanoTime();
        long lastWrite = lastRead;
        while (last.isPresent() && !ended(out, last.get())) {
            long now = System.nanoTime();
            long deadline = started + timing.longest().toNanos();
            long nextPoll = lastRead + timing.poll().toNanos();
            long nextKeepalive = lastWrite + timing.keepalive().toNanos();
            if (now - deadline >= 0 || !await(Math.min(deadline, Math.min(nextPoll, nextKeepalive)) - now)) {
                return;
            }
            now = System.nanoTime();
            if (changed.get() || now - nextPoll >= 0) {
                sleepNanos(lastRead + MIN_READ_GAP.toNanos() - now);
                // Cleared before the read: a change told from now on causes another read.
                changed.set(false);
                last = next(out, StreamedState.Mode.CHANGES);
                lastRead = System.nanoTime();
                if (last.isPresent() && last.get().wrote()) {
                    lastWrite = lastRead;
                    out.flush();
                }
            } else if (now - nextKeepalive >= 0) {
                out.comment("keepalive");
                out.flush();
                lastWrite = now;
            }
        }
    }

    /** The first event: a snapshot, unless the client holds the state already. Empty when the execution is gone. */
    private Optional<StreamedState.Sent> first(EventStreamWriter out, String lastEventId) throws IOException {
        if (lastEventId != null) {
            Optional<StreamedState.Sent> held = next(out, StreamedState.Mode.NOTHING);
            if (held.isEmpty() || held.get().fingerprint().equals(lastEventId)) {
                return held;
            }
        }
        Optional<StreamedState.Sent> sent = next(out, StreamedState.Mode.SNAPSHOT);
        out.flush();
        return sent;
    }

    /** Reads the execution and sends what changed; empty when it is gone or cannot be read (the stream ends). */
    private Optional<StreamedState.Sent> next(EventStreamWriter out, StreamedState.Mode mode) throws IOException {
        Optional<StoredExecution> stored;
        try {
            stored = read.get();
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(state.send(stored.get(), mode, out));
        } catch (RuntimeException e) {
            // The database failed us: end the stream (an event begun is dropped by the client), which reconnects.
            log.warn("the live stream of execution {} ends: reading it failed", executionId, e);
            return Optional.empty();
        }
    }

    /** Whether the execution finished: then its end is sent and the stream is over. */
    private boolean ended(EventStreamWriter out, StreamedState.Sent sent) throws IOException {
        if (!sent.status().isTerminal()) {
            return false;
        }
        state.end(out, ExecutionWords.of(sent.status()));
        out.flush();
        return true;
    }

    /** Waits until told of a change or stopped, or {@code nanos} passed; false when stopped. */
    private boolean await(long nanos) {
        try {
            if (!changed.get() && !stopped && nanos > 0) {
                woken.tryAcquire(nanos, TimeUnit.NANOSECONDS);
            }
            return !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
