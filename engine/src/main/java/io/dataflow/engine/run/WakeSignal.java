package io.dataflow.engine.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes a claiming loop when there may be work: for the task dispatcher, a task became ready, a worker slot freed up,
 * or a known wake-up time (a retry's) arrived; for the webhook sender, an event was written or a retry is due.
 * Signals coalesce; a wake-up with nothing to do costs one empty claim.
 */
public final class WakeSignal {

    private final Semaphore pending = new Semaphore(0);
    private final AtomicReference<Instant> nextWake = new AtomicReference<>();
    private final Clock clock;

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
        nextWake.accumulateAndGet(at, (current, candidate) -> current == null || candidate.isBefore(current)
                ? candidate : current);
        signal();
    }

    /**
     * Waits until signalled, until the earliest known wake-up time, or at most {@code fallback}.
     *
     * @return true when woken by a signal or a due wake-up time, false when the fallback poll interval passed
     */
    public boolean await(Duration fallback) throws InterruptedException {
        Instant now = clock.instant();
        Instant wake = nextWake.get();
        long waitMillis = fallback.toMillis();
        if (wake != null) {
            long untilWake = Duration.between(now, wake).toMillis();
            if (untilWake <= 0) {
                nextWake.compareAndSet(wake, null);
                return true;
            }
            waitMillis = Math.min(waitMillis, untilWake);
        }
        boolean signalled = pending.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        pending.drainPermits();
        Instant due = nextWake.get();
        if (due != null && !due.isAfter(clock.instant())) {
            nextWake.compareAndSet(due, null);
            return true;
        }
        return signalled;
    }
}
