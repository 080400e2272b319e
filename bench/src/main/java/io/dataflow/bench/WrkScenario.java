package io.dataflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Scenario (e): sustained throughput with <a href="https://github.com/wg/wrk">wrk</a> as the load generator. The Java
 * driver of scenario (b) costs the machine more CPU than the server does; wrk, written in C, costs a fraction of it,
 * so this is the figure to compare engine changes by. wrk keeps {@code connections} connections posting starts of the
 * same 3-task chain back to back for {@code duration}, then the driver waits until every accepted execution has
 * finished.
 *
 * <p>Reported: executions completed per second, from the server's own timestamps over every execution wrk started;
 * and the CPU time per completed execution of the server process and of the local PostgreSQL server (all its
 * processes, see {@link PostgresCpu}), both taken over the whole interval from the first start to the last
 * completion. CPU per execution is steadier than wall time on a shared 2-core machine: it does not change with what
 * else the machine is doing.
 */
final class WrkScenario implements Scenario {

    static final String NAME = "wrk throughput";
    static final Metric RATE = new Metric(NAME, "executions completed per second");
    static final Metric SERVER_CPU = new Metric(NAME, "server CPU per execution (ms)");
    static final Metric POSTGRES_CPU = new Metric(NAME, "PostgreSQL CPU per execution (ms)");
    static final Metric ACCEPTED_RATE = new Metric(NAME, "starts accepted per second (wrk)");
    static final Metric REQUEST_P50 = new Metric(NAME, "start request round trip, p50 (ms, wrk)");
    static final Metric REQUEST_P99 = new Metric(NAME, "start request round trip, p99 (ms, wrk)");
    /** Answers other than 2xx, and requests that got no answer. */
    static final Metric REFUSED = new Metric(NAME, "start requests not accepted (wrk)");
    static final Metric NOT_COMPLETED = new Metric(NAME, "executions that did not complete");

    private static final Duration DRAIN_POLL = Duration.ofMillis(200);

    private final Duration duration;
    private final int connections;
    private final long serverPid;
    private final boolean measurePostgres;

    /**
     * @param serverPid the server process, whose CPU time is measured
     * @param measurePostgres whether the server runs on this machine's PostgreSQL, whose CPU time is measured too
     */
    WrkScenario(Duration duration, int connections, long serverPid, boolean measurePostgres) {
        this.duration = duration;
        this.connections = connections;
        this.serverPid = serverPid;
        this.measurePostgres = measurePostgres;
    }

    @Override
    public String name() {
        return NAME + " (" + duration.toSeconds() + " s, " + connections + " connections, "
                + StartLatencyScenario.TASKS + " tasks)";
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        String workflow = client.createWorkflow(Workflows.chain("bench wrk", StartLatencyScenario.TASKS));
        ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
        double serverCpuStart = cpuSeconds(server);
        double postgresCpuStart = measurePostgres ? PostgresCpu.seconds() : 0;
        Wrk.Result wrk = Wrk.run(script(client.apiKey()),
                client.baseUri().resolve("/workflows/" + workflow + "/executions").toString(), connections, duration);
        client.awaitAllFinished(workflow, DRAIN_POLL, DRAIN_POLL, Duration.ofMinutes(10));
        double serverCpu = cpuSeconds(server) - serverCpuStart;
        double postgresCpu = measurePostgres ? PostgresCpu.seconds() - postgresCpuStart : 0;

        List<DataflowClient.Execution> all = client.allExecutions(workflow);
        List<DataflowClient.Execution> completed = all.stream().filter(e -> e.status().equals("COMPLETED")).toList();
        if (completed.isEmpty()) {
            throw new DataflowClient.ApiException("none of " + all.size() + " executions completed; wrk got "
                    + wrk.errors() + " errors in " + wrk.requests() + " requests");
        }
        Instant first = completed.stream().map(DataflowClient.Execution::createdAt).min(Instant::compareTo)
                .orElseThrow();
        Instant last = completed.stream().map(DataflowClient.Execution::completedAt).max(Instant::compareTo)
                .orElseThrow();
        results.record(RATE, completed.size() / (Millis.between(first, last) / 1000));
        results.record(SERVER_CPU, serverCpu * 1000 / completed.size());
        if (measurePostgres) {
            results.record(POSTGRES_CPU, postgresCpu * 1000 / completed.size());
        }
        results.record(ACCEPTED_RATE, all.size() / (wrk.duration().toNanos() / 1e9));
        results.record(REQUEST_P50, wrk.p50Millis());
        results.record(REQUEST_P99, wrk.p99Millis());
        results.record(REFUSED, wrk.errors());
        results.record(NOT_COMPLETED, all.size() - completed.size());
    }

    /** The wrk script: every request starts an execution. */
    private static String script(String apiKey) {
        return """
                wrk.method = "POST"
                wrk.body = '{"inputs": {"text": "load"}}'
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["X-API-Key"] = %s
                """.formatted(Wrk.lua(apiKey));
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }
}
