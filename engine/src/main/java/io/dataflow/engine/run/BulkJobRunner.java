package io.dataflow.engine.run;

import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.store.BulkJobStore;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out bulk jobs on this node: one thread that takes the oldest job no node holds and does it a page at a
 * time until it is done, then the next. It is woken when a job is accepted on this node; jobs accepted on other
 * nodes, and those of a node that stopped (whose lease expired), it finds by looking every lease period, which is
 * rare next to how long a job takes. A page that fails with an error is tried again a lease period later, by any
 * node; after a few failures in a row the job is given up ({@link BulkJobStore#failed}).
 */
public final class BulkJobRunner {

    private static final Logger log = LoggerFactory.getLogger(BulkJobRunner.class);

    /** Executions per page, each page one transaction: short enough to hold their locks only briefly. */
    static final int PAGE_SIZE = 200;

    private final BulkJobStore store;
    private final WakeSignal signal;
    private final String owner;
    private final Duration lease;
    private volatile boolean stopped;
    private Thread thread;

    /** @param signal signalled when a job was accepted on this node */
    public BulkJobRunner(BulkJobStore store, WakeSignal signal, EngineConfig config) {
        this.store = store;
        this.signal = signal;
        this.owner = config.workerId();
        this.lease = config.lease();
    }

    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().name("dataflow-bulk-jobs").daemon().start(this::run);
        }
    }

    /**
     * Stops after the page under way (waiting a few seconds for it) and gives this node's jobs back, so another node
     * goes on with them at once.
     */
    public synchronized void stop() {
        stopped = true;
        signal.signal();
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.release(owner);
        } catch (RuntimeException e) {
            log.warn("giving back bulk jobs failed; their leases will expire", e);
        }
    }

    private void run() {
        while (!stopped) {
            try {
                Optional<BulkJob> job = store.claim(owner, lease);
                if (job.isPresent()) {
                    carryOut(job.get());
                } else {
                    signal.await(lease);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("looking for bulk jobs failed", e);
                pause();
            }
        }
    }

    /** Does the job's pages until it is done, lost to another node, or this node stops. */
    private void carryOut(BulkJob job) {
        while (!stopped) {
            BulkJobStore.Step step;
            try {
                step = store.step(job.id(), owner, lease, PAGE_SIZE);
            } catch (RuntimeException e) {
                // Found again by the look every lease period, once the retry delay passed.
                log.warn("a page of bulk job {} failed; it is tried again after {}", job.id(), lease, e);
                store.failed(job.id(), owner, "a page failed: " + e.getMessage(), lease);
                return;
            }
            if (step != BulkJobStore.Step.MORE) {
                return;
            }
        }
    }

    private void pause() {
        try {
            signal.await(lease);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
