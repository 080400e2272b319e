package io.dataflow.engine.run;

import io.dataflow.engine.spi.EventLinks;
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
 * @param eventLinks makes the {@code execution.event_url} templates read
 * @param executionRetention how long a finished execution is kept before it is purged with everything it left
 *     behind; zero keeps them for ever
 */
public record EngineConfig(String workerId, int workers, Duration lease, Duration pollInterval, Clock clock,
        OutputLimits outputLimits, EventLinks eventLinks, Duration executionRetention) {

    /** How long finished executions are kept unless told otherwise: 30 days, as Cloudflare keeps instances. */
    public static final Duration DEFAULT_EXECUTION_RETENTION = Duration.ofDays(30);

    /** With the {@linkplain OutputLimits#DEFAULT default output limits} and {@linkplain EventLinks#NONE no links}. */
    public EngineConfig(String workerId, int workers, Duration lease, Duration pollInterval, Clock clock) {
        this(workerId, workers, lease, pollInterval, clock, OutputLimits.DEFAULT);
    }

    /** With {@linkplain EventLinks#NONE no links}: {@code execution.event_url} is null. */
    public EngineConfig(String workerId, int workers, Duration lease, Duration pollInterval, Clock clock,
            OutputLimits outputLimits) {
        this(workerId, workers, lease, pollInterval, clock, outputLimits, EventLinks.NONE);
    }

    /** Keeping finished executions for the {@linkplain #DEFAULT_EXECUTION_RETENTION default} time. */
    public EngineConfig(String workerId, int workers, Duration lease, Duration pollInterval, Clock clock,
            OutputLimits outputLimits, EventLinks eventLinks) {
        this(workerId, workers, lease, pollInterval, clock, outputLimits, eventLinks, DEFAULT_EXECUTION_RETENTION);
    }

    public EngineConfig {
        if (eventLinks == null) {
            throw new IllegalArgumentException("eventLinks must not be null; use EventLinks.NONE");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("lease must be at least 300 ms");
        }
        if (executionRetention == null || executionRetention.isNegative()) {
            throw new IllegalArgumentException("executionRetention must be zero (keep for ever) or more");
        }
    }
}
