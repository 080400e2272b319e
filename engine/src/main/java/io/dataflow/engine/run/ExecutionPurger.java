package io.dataflow.engine.run;

import io.dataflow.engine.store.ExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the executions that finished longer ago than their retention, whichever API started them, with everything
 * they left behind: their runs, attempts, events, webhook deliveries and produced files. An execution's retention is
 * its own when it has one (seed 003's instance_retention: then it is purged at its {@code purge_at}), else the
 * server's ({@link EngineConfig#executionRetention}; zero keeps them for ever). One thread per node looks every so
 * often (a minute at most) and deletes them a page at a time, each execution in a transaction of its own that locks
 * it first, so every node may purge at once and a restart or rerun racing the purge wins or loses cleanly.
 */
public final class ExecutionPurger {

    private static final Logger log = LoggerFactory.getLogger(ExecutionPurger.class);

    /** Executions found per query. */
    static final int PAGE_SIZE = 200;
    private static final Duration MOST_BETWEEN_LOOKS = Duration.ofMinutes(1);

    private final ExecutionStore store;
    private final Clock clock;
    private final Duration retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dataflow-purge").daemon().factory());
    private volatile boolean stopped;

    public ExecutionPurger(ExecutionStore store, EngineConfig config) {
        this.store = store;
        this.clock = config.clock();
        this.retention = config.executionRetention();
    }

    public void start() {
        // A tenth of the retention, so a short one (as tests set) is kept to within a tenth; a minute at most. Runs
        // with a retention of zero too: executions with a retention of their own are purged all the same.
        long period = retention.isZero() ? MOST_BETWEEN_LOOKS.toMillis()
                : Math.max(50, Math.min(MOST_BETWEEN_LOOKS.toMillis(), retention.toMillis() / 10));
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        stopped = true;
        timer.shutdownNow();
    }

    private void tick() {
        try {
            purgeOnce();
        } catch (RuntimeException e) {
            log.warn("purging finished executions failed; trying again later", e);
        }
    }

    /**
     * Purges at once (the timer calls this) every execution whose own retention ran out, and, unless the server
     * keeps executions for ever, every other one that finished before now minus the server's retention; returns how
     * many it deleted.
     */
    public int purgeOnce() {
        Instant now = clock.instant();
        int due = purgeAll(limit -> store.duePurges(now, limit), id -> store.purgeDue(id, now));
        if (due > 0) {
            log.info("purged {} executions whose own retention ran out", due);
        }
        if (retention.isZero()) {
            return due;
        }
        Instant cutoff = now.minus(retention);
        int old = purgeAll(limit -> store.finishedBefore(cutoff, limit), id -> store.purge(id, cutoff));
        if (old > 0) {
            log.info("purged {} executions that finished before {}", old, cutoff);
        }
        return due + old;
    }

    /** Purges what {@code find} finds, a page at a time, each by {@code purge}; how many it purged. */
    private int purgeAll(IntFunction<List<String>> find, Predicate<String> purge) {
        int purged = 0;
        List<String> found;
        int purgedOfPage;
        do {
            found = find.apply(PAGE_SIZE);
            purgedOfPage = 0;
            for (String id : found) {
                if (stopped) {
                    return purged;
                }
                if (purge.test(id)) {
                    purgedOfPage++;
                }
            }
            purged += purgedOfPage;
            // A full page means there may be more; one where nothing could be purged (all restarted meanwhile) ends it.
        } while (found.size() == PAGE_SIZE && purgedOfPage > 0 && !stopped);
        return purged;
    }
}
