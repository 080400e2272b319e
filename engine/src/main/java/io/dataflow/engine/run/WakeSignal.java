package io.dataflow.engine.run;

import io.dataflow.engine.store.ReadyWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Wakes a claiming loop when there may be work: for the task dispatcher, a task became ready, a worker slot freed up,
 * or a known wake-up time (a retry's) arrived; for the webhook sender, an event was written or a retry is due.
 * Signals coalesce; a wake-up with nothing to do costs one empty claim.
 */
public final class WakeSignal implements ReadyWork {

    private final Semaphore pending = new Semaphore(0);
    /** Known wake-up times not yet due, each kept until it is: a later one must not be lost to an earlier one. */
    private final ConcurrentSkipListSet<Instant> wakeTimes = new ConcurrentSkipListSet<>();
    private final Clock clock;
    /** Whether a known wake-up time came due since {@link #takeTimeCameDue} was last called. */
    private final AtomicBoolean timeCameDue = new AtomicBoolean();

    public WakeSignal(Clock clock) {
        this.clock = clock;
    }

    /** There may be work now. */
    public void signal() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** There will be work at {@code at} (a retry or a timer on this node). */
    public void wakeAt(Instant at) {
        wakeTimes.add(at);
        signal();
    }

    /** Told of task runs whose attempts must stop; nobody until {@link #onStopped} is called. */
    private volatile Consumer<Collection<String>> stopListener = ids -> {
    };

    /** Whom to tell of task runs whose attempts must stop: this node's workers. */
    public void onStopped(Consumer<Collection<String>> listener) {
        this.stopListener = listener;
    }

    @Override
    public void stopped(Collection<String> taskRunIds) {
        stopListener.accept(taskRunIds);
    }

    @Override
    public void readyNow() {
        signal();
    }

    @Override
    public void readyAt(Instant at) {
        wakeAt(at);
    }

    /**
     * Waits until signalled, until the earliest known wake-up time, or at most {@code fallback}.
     *
     * @return true when woken by a signal or a due wake-up time, false when the fallback poll interval passed
     */
    public boolean await(Duration fallback) throws InterruptedException {
        if (takeDue()) {
            return true;
        }
        long waitNanos = fallback.toNanos();
        Instant next = firstWakeTime();
        if (next != null) {
            // In nanoseconds: a wait rounded down to whole milliseconds ends before a time less than 1 ms away.
            waitNanos = Math.min(waitNanos, Math.max(0, Duration.between(clock.instant(), next).toNanos()));
        }
        boolean signalled = pending.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        pending.drainPermits();
        return takeDue() || signalled;
    }

    /** Removes the wake-up times that are due; true when there was one. */
    private boolean takeDue() {
        Instant now = clock.instant();
        boolean due = false;
        for (Instant first = firstWakeTime(); first != null && !first.isAfter(now); first = firstWakeTime()) {
            due |= wakeTimes.remove(first);
        }
        if (due) {
            timeCameDue.set(true);
        }
        return due;
    }

    /**
     * Whether a known wake-up time came due since the last call: a parked run (or a retry) may be due, which a
     * claimer looks for only then rather than at every signal.
     */
    public boolean takeTimeCameDue() {
        return timeCameDue.getAndSet(false);
    }

    private Instant firstWakeTime() {
        return wakeTimes.ceiling(Instant.MIN);
    }
}
