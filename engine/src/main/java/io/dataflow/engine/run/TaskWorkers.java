package io.dataflow.engine.run;

import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.store.TaskQueue;
import io.dataflow.engine.store.TaskTransitions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * This node's task workers: the dispatcher, the worker threads that resolve templates, run chains and record
 * outcomes, the threads attempts run on, and the lease keeper.
 *
 * <p>Workers are virtual threads: they mostly wait, on the database and on group commit, and a virtual thread
 * waits for next to nothing. What they compute is bounded and cooperative: template expressions stop at their time
 * limits and yield their carrier every millisecond ({@link io.dataflow.engine.spi.CarrierYield}), so the carriers
 * that the server's request threads, health checks and webhook sender share are never held for long. Attempts run on
 * {@link AttemptThreads}: platform threads for task types whose code may compute without yielding or ignore
 * interruption, virtual ones for pure types, which promise not to. The dispatcher keeps at most
 * {@link EngineConfig#workers()} workers busy, and as many attempts again may be left running after their timeout.
 */
public final class TaskWorkers implements AutoCloseable {

    /** Enough to share a transaction among all workers of a node in most set-ups; bounds the IN lists. */
    private static final int MAX_COMPLETIONS_PER_TRANSACTION = 128;

    private final ExecutorService workers;
    private final AttemptThreads attempts;
    private final GroupCommit<TaskTransitions.Success, TaskTransitions.Completion> completions;
    private final TaskDispatcher dispatcher;
    private final LeaseKeeper leases;
    private final TaskTransitions transitions;
    private final String workerId;

    public TaskWorkers(TaskQueue queue, TaskTransitions transitions, PlanCache plans, WakeSignal signal,
            EngineConfig config, TaskServices services) {
        this.completions = new GroupCommit<>("dataflow-completions",
                batch -> transitions.completeAll(batch, config.lease()), MAX_COMPLETIONS_PER_TRANSACTION);
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dataflow-worker-", 0).factory());
        this.attempts = new AttemptThreads(config.workers());
        Set<String> running = ConcurrentHashMap.newKeySet();
        StopRequests stops = new StopRequests();
        signal.onStopped(stops::stop);
        TaskRunner runner = new TaskRunner(plans, queue, transitions, completions, attempts, running, stops,
                config.clock(), services, config.outputLimits(), config.eventLinks());
        this.dispatcher = new TaskDispatcher(queue, runner, signal, workers, config, running);
        this.leases = new LeaseKeeper(queue, transitions, dispatcher, stops, config);
        this.transitions = transitions;
        this.workerId = config.workerId();
    }

    public void start() {
        dispatcher.start();
        leases.start();
    }

    /**
     * Stops claiming and gives running attempts a moment to finish; the leases of whatever is still running then
     * are given back, so another node (or this one after a restart) runs it again at once. A node that dies without
     * closing leaves its leases to expire instead.
     */
    @Override
    public void close() {
        try {
            dispatcher.stop();
            leases.stop();
            workers.shutdown();
            boolean finished = workers.awaitTermination(5, TimeUnit.SECONDS);
            completions.close();
            if (!finished) {
                transitions.releaseLeases(workerId);
            }
            attempts.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(TaskWorkers.class).warn("giving back leases failed; they will expire", e);
        }
    }
}
