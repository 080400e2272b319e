package io.dataflow.bench;

import java.util.List;

/**
 * The performance targets the design sets for PostgreSQL on a 2-core machine, checked against what was measured.
 * Reported, never enforced: a benchmark prints numbers.
 */
final class Targets {

    private record Target(Metric metric, String goal, double limit, boolean atMost) {
        boolean met(double value) {
            return atMost ? value < limit : value > limit;
        }
    }

    private static final List<Target> TARGETS = List.of(
            new Target(ChainScenario.OVERHEAD_MEDIAN, "chain: engine overhead per task, median < 2 ms", 2, true),
            new Target(ThroughputScenario.RATE, "throughput: > 1,000 executions/s", 1000, false),
            new Target(StartLatencyScenario.IDLE_P50, "start latency p50 < 5 ms (idle)", 5, true),
            new Target(StartLatencyScenario.UNDER_LOAD_P50, "start latency p50 < 5 ms (under load)", 5, true),
            new Target(SleepersScenario.HEAP_ASLEEP, "sleepers: heap after GC < 256 MiB, all asleep", 256, true),
            new Target(SleepersScenario.LATE_P99, "sleepers: wake-up lateness p99 < 1 s", 1000, true),
            new Target(ListingScenario.LISTING_P99, "listing: p99 < 20 ms", 20, true),
            new Target(ListingScenario.STATS_P99, "stats: p99 < 20 ms", 20, true));

    private Targets() {
    }

    static String render(Measurements measurements) {
        StringBuilder out = new StringBuilder("Targets (PostgreSQL):\n");
        for (Target t : TARGETS) {
            out.append("- ").append(t.goal()).append(": ");
            out.append(measurements.value(Database.POSTGRES, t.metric())
                    .map(v -> ResultTable.format(v) + (t.met(v) ? " -> met" : " -> NOT met"))
                    .orElse("not measured"));
            out.append('\n');
        }
        return out.toString();
    }
}
