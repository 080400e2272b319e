package io.dataflow.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scenarios (g) listing and (h) stats: read requests of {@code /api/v1/workflows} over the {@link WorkflowCorpus},
 * sent by wrk from {@code connections} connections for {@code duration}. The listing rotates through the corpus's
 * searches, newest change first ({@code sort=updatedAt:desc}, a page of 20); stats counts the workflows by status. The
 * bench's key is the organization's administrator, who reads every workflow, so each answer counts the whole
 * corpus (or all of it that matches).
 *
 * <p>Reported, from wrk: the round trip's p50 and p99, requests answered per second, requests answered other than 2xx
 * or not at all (should be 0); and the CPU time per request of the server and of the local PostgreSQL server, which
 * does not change with what else the machine is doing.
 */
final class ListingScenario implements Scenario {

    static final String LISTING = "listing";
    static final String STATS = "stats";
    static final Metric LISTING_P99 = p99(LISTING);
    static final Metric STATS_P99 = p99(STATS);

    private final String name;
    private final List<String> paths;
    private final WorkflowCorpus corpus;
    private final Duration duration;
    private final int connections;
    private final long serverPid;
    private final boolean measurePostgres;

    private ListingScenario(String name, List<String> paths, WorkflowCorpus corpus, Duration duration,
            int connections, long serverPid, boolean measurePostgres) {
        this.name = name;
        this.paths = paths;
        this.corpus = corpus;
        this.duration = duration;
        this.connections = connections;
        this.serverPid = serverPid;
        this.measurePostgres = measurePostgres;
    }

    /** {@code GET /api/v1/workflows?search=<word>&sort=updatedAt:desc}, one search after another. */
    static ListingScenario listing(WorkflowCorpus corpus, Duration duration, int connections, long serverPid,
            boolean measurePostgres) {
        List<String> paths = WorkflowCorpus.SEARCHES.stream().map(word -> "/api/v1/workflows?search="
                + URLEncoder.encode(word, StandardCharsets.UTF_8) + "&sort=updatedAt:desc").toList();
        return new ListingScenario(LISTING, paths, corpus, duration, connections, serverPid, measurePostgres);
    }

    /** {@code GET /api/v1/workflows/stats}. */
    static ListingScenario stats(WorkflowCorpus corpus, Duration duration, int connections, long serverPid,
            boolean measurePostgres) {
        return new ListingScenario(STATS, List.of("/api/v1/workflows/stats"), corpus, duration, connections,
                serverPid, measurePostgres);
    }

    @Override
    public String name() {
        return name + " (" + corpus.size() + " workflows, " + duration.toSeconds() + " s, " + connections
                + " connections)";
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
        long serverCpuStart = cpuNanos(server);
        double postgresCpuStart = measurePostgres ? PostgresCpu.seconds() : 0;
        Wrk.Result wrk = Wrk.run(script(client.apiKey()), client.baseUri().resolve(paths.getFirst()).toString(),
                connections, duration);
        double serverCpu = (cpuNanos(server) - serverCpuStart) / 1e9;
        double postgresCpu = measurePostgres ? PostgresCpu.seconds() - postgresCpuStart : 0;
        results.record(new Metric(name, "round trip, p50 (ms, wrk)"), wrk.p50Millis());
        results.record(p99(name), wrk.p99Millis());
        results.record(new Metric(name, "requests answered per second (wrk)"), wrk.requestsPerSecond());
        results.record(new Metric(name, "server CPU per request (ms)"), serverCpu * 1000 / wrk.requests());
        if (measurePostgres) {
            results.record(new Metric(name, "PostgreSQL CPU per request (ms)"), postgresCpu * 1000 / wrk.requests());
        }
        results.record(new Metric(name, "requests refused or unanswered (wrk)"), wrk.errors());
    }

    private static Metric p99(String scenario) {
        return new Metric(scenario, "round trip, p99 (ms, wrk)");
    }

    /** Each connection's requests go through the paths in turn. */
    private String script(String apiKey) {
        return """
                wrk.headers["X-API-Key"] = %s
                wrk.headers["Accept"] = "application/json"
                local paths = {%s}
                local i = 0
                request = function()
                  i = i + 1
                  return wrk.format("GET", paths[(i %% #paths) + 1])
                end
                """.formatted(Wrk.lua(apiKey), paths.stream().map(Wrk::lua).collect(Collectors.joining(", ")));
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
