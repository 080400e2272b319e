package io.dataflow.engine.run;

import io.dataflow.engine.store.TaskQueue;
import io.dataflow.engine.store.TaskTransitions;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's leases alive and takes back the leases of nodes that stopped: every third of a lease it renews
 * the leases of the task runs running here and reclaims those whose lease expired anywhere. It also sets this node's
 * timer for the nearest parked run, so a run parked by a node that stopped still comes due. A renewal that finds a run
 * cancelled or gone tells its attempt to stop.
 */
final class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final TaskQueue queue;
    private final TaskTransitions transitions;
    private final TaskDispatcher dispatcher;
    private final StopRequests stops;
    private final EngineConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("dataflow-leases").daemon().factory());

    LeaseKeeper(TaskQueue queue, TaskTransitions transitions, TaskDispatcher dispatcher, StopRequests stops,
            EngineConfig config) {
        this.queue = queue;
        this.transitions = transitions;
        this.dispatcher = dispatcher;
        this.stops = stops;
        this.config = config;
    }

    void start() {
        long period = Math.max(100, config.lease().toMillis() / 3);
        timer.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timer.shutdownNow();
    }

    private void tick() {
        try {
            // A run cancelled or cleared by another node (its execution terminated or restarted there) stops here.
            stops.stop(queue.renew(config.workerId(), List.copyOf(dispatcher.running()), config.lease()));
            transitions.reclaimExpiredLeases(100);
            // Runs parked by other nodes (or by one that stopped) come due here too.
            dispatcher.armForNextDue();
        } catch (RuntimeException e) {
            log.warn("renewing or reclaiming leases failed", e);
        }
    }
}
