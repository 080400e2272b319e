package io.dataflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scenario (f): many executions asleep at once. Each runs a text task, a {@code sleep}, and another text task; they are
 * started as fast as the clients can, and while every one of them sleeps the server's heap after a full GC and its
 * live (platform) threads are read, to compare with the same readings before the starts. Once all completed, each
 * sleep's lateness is its {@code completed_at} minus the {@code until} it was due at, from the server's timestamps.
 */
final class SleepersScenario implements Scenario {

    static final String NAME = "sleepers";
    static final Metric HEAP_BEFORE = new Metric(NAME, "heap after a full GC, before the starts (MiB)");
    static final Metric HEAP_ASLEEP = new Metric(NAME, "heap after a full GC, all asleep (MiB)");
    static final Metric THREADS_BEFORE = new Metric(NAME, "live threads, before the starts");
    static final Metric THREADS_ASLEEP = new Metric(NAME, "live threads, all asleep");
    static final Metric LATE_P50 = new Metric(NAME, "wake-up lateness, p50 (ms)");
    static final Metric LATE_P99 = new Metric(NAME, "wake-up lateness, p99 (ms)");
    static final Metric NOT_COMPLETED = new Metric(NAME, "executions that did not complete");

    private final int executions;
    private final Duration sleep;
    private final int clients;
    private final ServerJvm server;

    SleepersScenario(int executions, Duration sleep, int clients, ServerJvm server) {
        this.executions = executions;
        this.sleep = sleep;
        this.clients = clients;
        this.server = server;
    }

    @Override
    public String name() {
        return NAME + " (" + executions + " executions sleeping " + sleep.toSeconds() + " s)";
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        String workflow = client.createWorkflow(Workflows.sleeper("bench sleepers", sleep));
        ServerJvm.Reading before = server.read(client);
        results.record(HEAP_BEFORE, before.heapMiB());
        results.record(THREADS_BEFORE, before.liveThreads());

        long began = System.nanoTime();
        Burst.send(clients, executions, () -> client.start(workflow, "sleeper"));
        Duration starting = Duration.ofNanos(System.nanoTime() - began);
        if (starting.plusSeconds(10).compareTo(sleep) > 0) {
            throw new DataflowClient.ApiException("starting took " + starting.toSeconds() + " s, too close to the"
                    + " sleep of " + sleep.toSeconds() + " s: the first sleepers would wake before all were read"
                    + " asleep; use a longer --sleep-seconds");
        }
        // A moment for the last starts' first tasks to run and their sleeps to park, well before the first wakes.
        Thread.sleep(Math.min(5_000, sleep.minus(starting).toMillis() / 4));
        ServerJvm.Reading asleep = server.read(client);
        results.record(HEAP_ASLEEP, asleep.heapMiB());
        results.record(THREADS_ASLEEP, asleep.liveThreads());

        client.awaitAllFinished(workflow, Duration.ofMillis(200), Duration.ofSeconds(1), sleep.plusMinutes(5));
        List<DataflowClient.Execution> all = client.allExecutions(workflow);
        List<Double> lateness = lateness(client, workflow, all);
        results.record(NOT_COMPLETED, executions - lateness.size());
        if (lateness.isEmpty()) {
            throw new DataflowClient.ApiException("none of " + all.size() + " sleepers completed");
        }
        Stats late = Stats.of(lateness);
        results.record(LATE_P50, late.median());
        results.record(LATE_P99, late.p99());
    }

    /** For each completed execution, how long after its due time its sleep completed, read by the clients at once. */
    private List<Double> lateness(DataflowClient client, String workflow, List<DataflowClient.Execution> all)
            throws Exception {
        List<DataflowClient.Execution> completed = all.stream().filter(e -> e.status().equals("COMPLETED")).toList();
        Queue<Double> lateness = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        Burst.send(clients, completed.size(), () -> {
            DataflowClient.Execution execution = client.execution(workflow,
                    completed.get(next.getAndIncrement()).executionId());
            DataflowClient.Task nap = execution.tasks().stream().filter(t -> t.name().equals("nap")).findFirst()
                    .orElseThrow(() -> new DataflowClient.ApiException("no task 'nap' in " + execution.executionId()));
            Instant due = Instant.parse(nap.output().get("until").asString());
            lateness.add(Millis.between(due, nap.completedAt()));
        });
        return new ArrayList<>(lateness);
    }
}
