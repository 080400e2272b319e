package io.dataflow.engine.run;

import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.TaskQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's claim loop: while worker slots are free, claim ready task runs and hand each to a worker thread.
 * It sleeps on the {@link WakeSignal}, never on a fixed timer; the poll interval only bounds how late it notices
 * work that another node made ready.
 */
final class TaskDispatcher {

    private static final Logger log = LoggerFactory.getLogger(TaskDispatcher.class);
    private static final int MAX_BATCH = 32;

    private final TaskQueue queue;
    private final TaskRunner runner;
    private final WakeSignal signal;
    private final ExecutorService workers;
    private final EngineConfig config;
    private final Semaphore slots;
    private final Set<String> running;
    private volatile boolean stopped;
    private volatile boolean slotsExhausted;
    private Thread loop;

    /** @param running ids of the task runs running here, which the runner keeps up to date */
    TaskDispatcher(TaskQueue queue, TaskRunner runner, WakeSignal signal, ExecutorService workers, EngineConfig config,
            Set<String> running) {
        this.queue = queue;
        this.running = running;
        this.runner = runner;
        this.signal = signal;
        this.workers = workers;
        this.config = config;
        this.slots = new Semaphore(config.workers());
    }

    void start() {
        loop = Thread.ofPlatform().name("dataflow-dispatcher").daemon().start(this::loop);
    }

    void stop() throws InterruptedException {
        stopped = true;
        signal.signal();
        if (loop != null) {
            loop.join(5_000);
        }
    }

    /** Ids of the task runs this node is running now, whose leases it must keep renewing. */
    Set<String> running() {
        return running;
    }

    private void loop() {
        Duration backoff = Duration.ofMillis(100);
        while (!stopped) {
            try {
                int free = slots.availablePermits();
                // With every slot busy there is no claiming; the attempt that frees a slot wakes this loop.
                slotsExhausted = free == 0;
                List<ClaimedTask> claimed = free == 0 ? List.of()
                        : queue.claim(config.workerId(), Math.min(free, MAX_BATCH), config.lease());
                for (ClaimedTask task : claimed) {
                    slots.acquire();
                    workers.execute(() -> runAttempt(task));
                }
                if (free > 0 && claimed.size() == Math.min(free, MAX_BATCH)) {
                    continue;
                }
                signal.await(config.pollInterval());
                backoff = Duration.ofMillis(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable; keep trying, a little slower each time.
                log.warn("claiming tasks failed; retrying in {} ms", backoff.toMillis(), e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** Runs a claimed attempt, then each successor its completion claimed for this slot. */
    private void runAttempt(ClaimedTask first) {
        TaskRunner.Handoff handoff = new TaskRunner.Handoff(first, Map.of());
        try {
            while (handoff != null) {
                ClaimedTask current = handoff.task();
                try {
                    handoff = runner.run(current, handoff.knownOutputs()).orElse(null);
                } catch (RuntimeException e) {
                    // The outcome could not be recorded; the lease will expire and the task run will be retried.
                    log.error("recording the outcome of task {} of execution {} failed", current.name(),
                            current.execution().id(), e);
                    handoff = null;
                }
            }
        } finally {
            slots.release();
            if (slotsExhausted) {
                signal.signal();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
