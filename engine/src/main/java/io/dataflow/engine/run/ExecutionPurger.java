package io.dataflow.engine.run;

import io.dataflow.engine.store.ExecutionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the executions that finished longer ago than the retention ({@link EngineConfig#executionRetention}),
 * whichever API started them, with everything they left behind: their runs, attempts, events, webhook deliveries and
 * produced files. One thread per node looks every so often (a minute at most) and deletes them a page at a time, each
 * execution in a transaction of its own that locks it first, so every node may purge at once and a restart or rerun
 * racing the purge wins or loses cleanly. A retention of zero keeps executions for ever.
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
        if (retention.isZero()) {
            return;
        }
        // A tenth of the retention, so a short one (as tests set) is kept to within a tenth; a minute at most.
        long period = Math.max(50, Math.min(MOST_BETWEEN_LOOKS.toMillis(), retention.toMillis() / 10));
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
     * Purges every execution that finished before now minus the retention, at once (the timer calls this); returns
     * how many it deleted.
     */
    public int purgeOnce() {
        Instant cutoff = clock.instant().minus(retention);
        int purged = 0;
        List<String> found;
        int purgedOfPage;
        do {
            found = store.finishedBefore(cutoff, PAGE_SIZE);
            purgedOfPage = 0;
            for (String id : found) {
                if (stopped) {
                    return purged;
                }
                if (store.purge(id, cutoff)) {
                    purgedOfPage++;
                }
            }
            purged += purgedOfPage;
            // A full page means there may be more; one where nothing could be purged (all restarted meanwhile) ends it.
        } while (found.size() == PAGE_SIZE && purgedOfPage > 0 && !stopped);
        if (purged > 0) {
            log.info("purged {} executions that finished before {}", purged, cutoff);
        }
        return purged;
    }
}
