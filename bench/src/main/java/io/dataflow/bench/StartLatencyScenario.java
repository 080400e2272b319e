package io.dataflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario (c), idle half: a short workflow started one execution at a time, each after the previous finished, so
 * nothing else is going on. Start latency is {@code first task's started_at - execution created_at}: from the
 * moment the execution was stored to the moment a worker took its first task. (The "under load" half comes from
 * the throughput scenario's executions.)
 */
final class StartLatencyScenario implements Scenario {

    static final String NAME = "start latency";
    static final Metric IDLE_P50 = new Metric(NAME, "created -> first task started, idle, p50 (ms)");
    static final Metric IDLE_P99 = new Metric(NAME, "created -> first task started, idle, p99 (ms)");
    static final Metric UNDER_LOAD_P50 = new Metric(NAME, "created -> first task started, under load, p50 (ms)");
    static final Metric UNDER_LOAD_P99 = new Metric(NAME, "created -> first task started, under load, p99 (ms)");
    static final Metric REQUEST_P50 = new Metric(NAME, "start request round trip, idle, p50 (ms, client)");

    static final int TASKS = 3;

    private final int executions;

    StartLatencyScenario(int executions) {
        this.executions = executions;
    }

    @Override
    public String name() {
        return NAME + " idle (" + executions + " executions, one at a time)";
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        String workflow = client.createWorkflow(Workflows.chain("bench start latency", TASKS));
        List<Double> latency = new ArrayList<>();
        List<Double> request = new ArrayList<>();
        for (int i = 0; i < executions; i++) {
            runOnce(client, workflow, latency, request);
        }
        Stats s = Stats.of(latency);
        results.record(IDLE_P50, s.median());
        results.record(IDLE_P99, s.p99());
        results.record(REQUEST_P50, Stats.of(request).median());
    }

    private static void runOnce(DataflowClient client, String workflow, List<Double> latency, List<Double> request)
            throws Exception {
        long sent = System.nanoTime();
        String id = client.start(workflow, "idle");
        request.add(Millis.since(sent));
        client.awaitAllFinished(workflow, Duration.ofMillis(2), Duration.ofMillis(20), Duration.ofMinutes(1));
        DataflowClient.Execution e = client.execution(workflow, id);
        if (!e.status().equals("COMPLETED")) {
            throw new DataflowClient.ApiException("execution " + id + " ended " + e.status());
        }
        Instant firstStart = e.tasks().stream().map(DataflowClient.Task::startedAt).min(Instant::compareTo)
                .orElseThrow();
        latency.add(Millis.between(e.createdAt(), firstStart));
    }
}
