package io.dataflow.engine.run;

import io.dataflow.engine.store.OutputLimits;
import java.time.Clock;
import java.time.Duration;

/**
 * How the engine runs on this node.
 *
 * @param workerId this node's name in leases; unique per process
 * @param workers how many task attempts may run at once on this node
 * @param lease how long a claimed task run stays this node's without renewal; renewed every third of it
 * @param pollInterval the fallback poll for work another node made ready
 * @param outputLimits how big a task's output, an execution's outputs and a stored input may be
 */
public record EngineConfig(String workerId, int workers, Duration lease, Duration pollInterval, Clock clock,
        OutputLimits outputLimits) {

    /** With the {@linkplain OutputLimits#DEFAULT default output limits}. */
    public EngineConfig(String workerId, int workers, Duration lease, Duration pollInterval, Clock clock) {
        this(workerId, workers, lease, pollInterval, clock, OutputLimits.DEFAULT);
    }

    public EngineConfig {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("lease must be at least 300 ms");
        }
    }
}
