package io.dataflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scenario (b): many executions of a short workflow, started by concurrent clients each posting starts back to
 * back. Executions per second is {@code executions / (last completed_at - first created_at)}, from the server's
 * timestamps. The same executions give the "under load" start latency of scenario (c): an execution's
 * {@code started_at} is set in the transaction that claims its first task, to that task's {@code started_at}.
 */
final class ThroughputScenario implements Scenario {

    static final String NAME = "throughput";
    static final Metric RATE = new Metric(NAME, "executions completed per second");
    static final Metric END_TO_END_P50 = new Metric(NAME, "execution created -> completed, p50 (ms)");
    static final Metric END_TO_END_P99 = new Metric(NAME, "execution created -> completed, p99 (ms)");
    static final Metric ACCEPTED_RATE = new Metric(NAME, "starts accepted per second (client)");
    static final Metric REQUEST_P50 = new Metric(NAME, "start request round trip, p50 (ms, client)");
    static final Metric REQUEST_P99 = new Metric(NAME, "start request round trip, p99 (ms, client)");
    static final Metric NOT_COMPLETED = new Metric(NAME, "executions that did not complete");

    /** How often to ask whether anything is still unfinished: rare enough to cost the server next to nothing. */
    private static final Duration DRAIN_POLL = Duration.ofMillis(200);

    private final int executions;
    private final int clients;

    ThroughputScenario(int executions, int clients) {
        this.executions = executions;
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME + " (" + executions + " executions of " + StartLatencyScenario.TASKS + " tasks, " + clients
                + " clients)";
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        // A workflow of its own, so its list holds exactly the executions measured here.
        String workflow = client.createWorkflow(Workflows.chain("bench throughput", StartLatencyScenario.TASKS));
        long began = System.nanoTime();
        List<Double> requests = Burst.send(clients, executions, () -> client.start(workflow, "load"));
        double postingSeconds = Millis.since(began) / 1000;
        client.awaitAllFinished(workflow, DRAIN_POLL, DRAIN_POLL, Duration.ofMinutes(5));

        List<DataflowClient.Execution> all = client.allExecutions(workflow);
        List<DataflowClient.Execution> completed = all.stream().filter(e -> e.status().equals("COMPLETED")).toList();
        results.record(NOT_COMPLETED, executions - completed.size());
        if (completed.isEmpty()) {
            throw new DataflowClient.ApiException("none of " + all.size() + " executions completed");
        }
        Instant first = completed.stream().map(DataflowClient.Execution::createdAt).min(Instant::compareTo).orElseThrow();
        Instant last = completed.stream().map(DataflowClient.Execution::completedAt).max(Instant::compareTo).orElseThrow();
        results.record(RATE, completed.size() / (Millis.between(first, last) / 1000));
        Stats endToEnd = Stats.of(completed.stream().map(e -> Millis.between(e.createdAt(), e.completedAt())).toList());
        results.record(END_TO_END_P50, endToEnd.median());
        results.record(END_TO_END_P99, endToEnd.p99());
        Stats startLatency = Stats.of(completed.stream().map(e -> Millis.between(e.createdAt(), e.startedAt())).toList());
        results.record(StartLatencyScenario.UNDER_LOAD_P50, startLatency.median());
        results.record(StartLatencyScenario.UNDER_LOAD_P99, startLatency.p99());
        results.record(ACCEPTED_RATE, executions / postingSeconds);
        Stats request = Stats.of(requests);
        results.record(REQUEST_P50, request.median());
        results.record(REQUEST_P99, request.p99());
    }
}
