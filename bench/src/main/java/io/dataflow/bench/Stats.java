package io.dataflow.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a sample, by the nearest-rank method: the p-th percentile is a value that was measured, the
 * smallest one with at least p% of the sample at or below it. With 20 values p99 is the largest.
 */
final class Stats {

    private final double[] sorted;

    private Stats(double[] sorted) {
        this.sorted = sorted;
    }

    static Stats of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to summarize");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted);
    }

    double percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    double median() {
        return percentile(50);
    }

    double p99() {
        return percentile(99);
    }

    double max() {
        return sorted[sorted.length - 1];
    }

    int count() {
        return sorted.length;
    }
}
