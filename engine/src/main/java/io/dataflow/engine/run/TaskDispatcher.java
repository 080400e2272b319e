package io.dataflow.engine.run;

import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.TaskQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's claim loop: while worker slots are free, claim ready task runs and hand each to a worker thread, and,
 * when a known time came due, the parked runs whose time came, which a worker completes with the output they parked
 * with. It sleeps on the {@link WakeSignal}, never on a fixed timer: the store sets it when work becomes ready or a
 * run parks, and the nearest parked run is looked up at start-up and after each claim of due runs; the poll interval
 * only bounds how late it notices work that another node made ready.
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
    /** Whether the last claim of due parked runs was full, so more may be due. */
    private boolean duePending;
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
        // Parked runs of earlier processes, or of this database's other nodes: wake when the nearest comes due.
        armForNextDue();
        loop = Thread.ofPlatform().name("dataflow-dispatcher").daemon().start(this::loop);
    }

    /** Sets the wake signal for the nearest parked run, wherever it was parked. */
    void armForNextDue() {
        queue.nextDue().ifPresent(signal::wakeAt);
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
                if (free > 0 && (signal.takeTimeCameDue() || duePending)) {
                    free -= claimDue(Math.min(free, MAX_BATCH));
                }
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

    /**
     * Claims parked runs that came due and completes each on a worker; returns how many. When the batch was full
     * more may be due, and the next turn of the loop claims again; otherwise the signal is set for the next one.
     */
    private int claimDue(int max) throws InterruptedException {
        List<TaskQueue.DueTask> due = queue.claimDue(config.workerId(), max, config.lease());
        duePending = due.size() == max;
        for (TaskQueue.DueTask task : due) {
            slots.acquire();
            workers.execute(() -> runHandoffs(() -> runner.resume(task)));
        }
        if (!duePending) {
            armForNextDue();
        }
        return due.size();
    }

    /** Runs a claimed attempt, then each successor its completion claimed for this slot. */
    private void runAttempt(ClaimedTask first) {
        runHandoffs(() -> runner.run(first, Map.of()));
    }

    /** Runs the first step, then each successor a completion claimed for this slot; frees the slot at the end. */
    private void runHandoffs(Supplier<Optional<TaskRunner.Handoff>> firstStep) {
        try {
            TaskRunner.Handoff handoff = recorded(firstStep);
            while (handoff != null) {
                TaskRunner.Handoff current = handoff;
                handoff = recorded(() -> runner.run(current.task(), current.knownOutputs()));
            }
        } finally {
            slots.release();
            if (slotsExhausted) {
                signal.signal();
            }
        }
    }

    /** Runs a step; when its outcome could not be recorded, its lease will expire and the task run will be retried. */
    private static TaskRunner.Handoff recorded(Supplier<Optional<TaskRunner.Handoff>> step) {
        try {
            return step.get().orElse(null);
        } catch (RuntimeException e) {
            log.error("recording the outcome of a task failed; it runs again once its lease expires", e);
            return null;
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
