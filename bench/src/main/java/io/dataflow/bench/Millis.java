package io.dataflow.bench;

import java.time.Duration;
import java.time.Instant;

/** Time spans in (fractional) milliseconds, the unit of every latency the benchmark prints. */
final class Millis {

    private Millis() {
    }

    static double between(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    static double since(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }
}
