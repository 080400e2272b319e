package io.dataflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;

/**
 * Scenario (i), issue 12's benchmark: 1,000 instances of a bound workflow (seed 003's {@code /accounts} API) created
 * with one {@code POST .../instances/batch}, against the same 1,000 created with single {@code POST .../instances}
 * from {@code clients} connections of {@link CountedWrk wrk}, each with an instance id and params of its own. Each
 * run binds a fresh name to the same two-task workflow, so the name's counts by status hold that run's instances
 * alone; the driver polls them every 10 ms until all have finished, never reading an instance. The two ways take
 * turns (batch first in odd runs, single creates first in even ones), and the median of the runs is reported.
 *
 * <p>Reported for both ways: instances created per second ({@code 1,000 /} from the first request sent to the last
 * answer), how long after the first request all were seen complete, and the CPU time per instance of the server, of
 * the local PostgreSQL server and of the load generator (the driver for the batch, wrk for the single creates),
 * each from the first request to all seen complete, polling included.
 */
final class BatchScenario implements Scenario {

    static final String NAME = "batch vs single";
    /** The most instances one batch request may create. */
    static final int INSTANCES = 1000;
    /** A short text task or two: the figures are about creating instances, not running them. */
    static final int TASKS = 2;

    /** A figure measured both ways: its row in the side-by-side table, and each way's row in the results. */
    record Pair(String label, Metric batch, Metric singles) {
    }

    static final Pair CREATED_RATE = pair("instances created per second (client)");
    static final Pair ALL_COMPLETE = pair("all complete after, from the first request (ms, client)");
    static final Pair SERVER_CPU = pair("server CPU per instance (ms)");
    static final Pair POSTGRES_CPU = pair("PostgreSQL CPU per instance (ms)");
    static final Pair LOAD_CPU = pair("load generator CPU per instance (ms)");
    static final Pair NOT_COMPLETED = pair("instances that did not complete");
    static final List<Pair> PAIRS = List.of(CREATED_RATE, ALL_COMPLETE, SERVER_CPU, POSTGRES_CPU, LOAD_CPU,
            NOT_COMPLETED);
    static final Metric REQUEST_P50 = new Metric(NAME, "single creates: round trip, p50 (ms, wrk)");
    static final Metric REQUEST_P99 = new Metric(NAME, "single creates: round trip, p99 (ms, wrk)");
    static final Metric WRK_CORE_SHARE = new Metric(NAME, "single creates: wrk's CPU while sending (% of one core)");

    /** How often the driver reads the counts while waiting: the resolution of "all complete after". */
    private static final Duration POLL = Duration.ofMillis(10);
    /** How long one run may take before it is reported as a problem. */
    private static final Duration LIMIT = Duration.ofMinutes(2);
    /** Reads of the counts whose CPU is measured after the runs, to tell what polling adds per instance. */
    private static final int COSTED_POLLS = 500;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final int runs;
    private final int clients;
    private final long serverPid;
    private final boolean measurePostgres;

    /**
     * @param runs runs of each way
     * @param clients wrk's connections for the single creates
     * @param serverPid the server process, whose CPU time is measured
     * @param measurePostgres whether the server runs on this machine's PostgreSQL, whose CPU time is measured too
     */
    BatchScenario(int runs, int clients, long serverPid, boolean measurePostgres) {
        this.runs = runs;
        this.clients = clients;
        this.serverPid = serverPid;
        this.measurePostgres = measurePostgres;
    }

    @Override
    public String name() {
        return NAME + " (" + INSTANCES + " instances of " + TASKS + " tasks, one batch request or single creates"
                + " from " + clients + " connections, " + runs + " runs each)";
    }

    /** One run of one way. */
    private record Run(double createdPerSecond, double allCompleteMillis, double serverCpuMillis,
            double postgresCpuMillis, double loadCpuMillis, long notCompleted, int polls, CountedWrk.Result wrk) {
    }

    /** The counts seen when every instance had finished, when they were seen, and after how many reads. */
    private record Finished(Instant seen, Map<String, Long> counts, int polls) {
        long notCompleted() {
            return counts.values().stream().mapToLong(Long::longValue).sum() - counts.getOrDefault("complete", 0L);
        }
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        String account = client.organizationId();
        String workflow = client.createWorkflow(Workflows.chain("bench batch", TASKS));
        List<Run> batches = new ArrayList<>();
        List<Run> singles = new ArrayList<>();
        String name = null;
        for (int i = 0; i < 2 * runs; i++) {
            name = bind(client, account, workflow);
            // Batch first in odd runs, single creates first in even ones, so a drift of the machine weighs on both.
            if (i % 4 == 0 || i % 4 == 3) {
                batches.add(batch(client, account, name));
            } else {
                singles.add(singles(client, account, name));
            }
        }
        recordMedian(results, CREATED_RATE, batches, singles, Run::createdPerSecond);
        recordMedian(results, ALL_COMPLETE, batches, singles, Run::allCompleteMillis);
        recordMedian(results, SERVER_CPU, batches, singles, Run::serverCpuMillis);
        if (measurePostgres) {
            recordMedian(results, POSTGRES_CPU, batches, singles, Run::postgresCpuMillis);
        }
        recordMedian(results, LOAD_CPU, batches, singles, Run::loadCpuMillis);
        recordMedian(results, NOT_COMPLETED, batches, singles, Run::notCompleted);
        results.record(REQUEST_P50, median(singles, run -> run.wrk().p50Millis()));
        results.record(REQUEST_P99, median(singles, run -> run.wrk().p99Millis()));
        results.record(WRK_CORE_SHARE, median(singles,
                run -> 100 * run.wrk().cpuSeconds() * 1000 / run.wrk().sendingMillis()));
        results.fact(NAME + ", each run in order, one batch | single creates", eachRun(batches, singles));
        results.fact(NAME + ", what one read of a name's counts of " + INSTANCES + " finished instances costs",
                pollCost(client, account, name));
    }

    /** One batch request of every instance, its body written before the clock starts. */
    private Run batch(DataflowClient client, String account, String name) throws Exception {
        ArrayNode body = DataflowClient.JSON.createArrayNode();
        for (int n = 1; n <= INSTANCES; n++) {
            body.addObject().put("instance_id", "i-" + n).putObject("params").put("text", "item " + n);
        }
        byte[] bytes = DataflowClient.JSON.writeValueAsBytes(body);
        Cpu cpu = new Cpu();
        // The blocking client sends and reads on this thread: its CPU time is the load generator's, to the nanosecond.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long driverCpu = threads.getCurrentThreadCpuTime();
        Instant began = Instant.now();
        long sent = System.nanoTime();
        int created = client.createInstances(account, name, bytes);
        double requestMillis = Millis.since(sent);
        double driverCpuMillis = (threads.getCurrentThreadCpuTime() - driverCpu) / 1e6;
        if (created != INSTANCES) {
            throw new DataflowClient.ApiException("the batch created " + created + " of " + INSTANCES
                    + " instances");
        }
        Finished finished = awaitFinished(client, account, name);
        return new Run(INSTANCES / (requestMillis / 1000), Millis.between(began, finished.seen()),
                cpu.serverMillis() / INSTANCES, cpu.postgresMillis() / INSTANCES, driverCpuMillis / INSTANCES,
                finished.notCompleted(), finished.polls(), null);
    }

    /** Every instance created on its own, by wrk; each request has an instance id and params of its own. */
    private Run singles(DataflowClient client, String account, String name) throws Exception {
        String url = client.baseUri().resolve(DataflowClient.accountsWorkflow(account, name) + "/instances")
                .toString();
        Cpu cpu = new Cpu();
        try (CountedWrk wrk = CountedWrk.start(script(client.apiKey()), url, clients, INSTANCES, LIMIT)) {
            Finished finished = awaitFinished(client, account, name);
            double serverCpuMillis = cpu.serverMillis();
            double postgresCpuMillis = cpu.postgresMillis();
            CountedWrk.Result result = wrk.finish();
            if (result.lastAnswered() == null || result.refused() > 0 || result.socketErrors() > 0) {
                throw new DataflowClient.ApiException("wrk sent " + result.sent() + " single creates, "
                        + result.answered() + " answered, " + result.refused() + " of them not 2xx, "
                        + result.socketErrors() + " socket errors or timeouts");
            }
            return new Run(INSTANCES / (result.sendingMillis() / 1000),
                    Millis.between(result.firstSent(), finished.seen()), serverCpuMillis / INSTANCES,
                    postgresCpuMillis / INSTANCES, result.cpuSeconds() * 1000 / INSTANCES, finished.notCompleted(),
                    finished.polls(), result);
        }
    }

    /** wrk's script: thread {@code t}'s {@code n}-th request creates instance {@code t<t>-<n>}. */
    private static String script(String apiKey) {
        return """
                wrk.method = "POST"
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["X-API-Key"] = %s
                make_request = function(thread, n)
                  return wrk.format(nil, nil, nil, string.format(
                    '{"instance_id": "t%%d-%%d", "params": {"text": "item %%d-%%d"}}', thread, n, thread, n))
                end
                """.formatted(Wrk.lua(apiKey));
    }

    /** Binds a new name to the workflow, whose counts start at none. */
    private static String bind(DataflowClient client, String account, String workflow) throws IOException {
        String name = "bench-batch-" + SEQUENCE.incrementAndGet();
        client.bind(account, name, workflow);
        return name;
    }

    /**
     * Reads the name's counts every {@link #POLL} until it has at least {@link #INSTANCES} instances and none is
     * unfinished.
     */
    private static Finished awaitFinished(DataflowClient client, String account, String name)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int polls = 0;
        while (true) {
            Map<String, Long> counts = client.instanceCounts(account, name);
            Instant seen = Instant.now();
            polls++;
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long finished = counts.getOrDefault("complete", 0L) + counts.getOrDefault("errored", 0L)
                    + counts.getOrDefault("terminated", 0L);
            if (total >= INSTANCES && finished == total) {
                return new Finished(seen, counts, polls);
            }
            if (System.nanoTime() > deadline) {
                throw new DataflowClient.ApiException("the instances of " + name + " were not all finished after "
                        + LIMIT.toSeconds() + " s: " + counts);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * The server's and PostgreSQL's CPU time for one read of the name's counts, the machine otherwise idle (the
     * server warm from the runs), and the round trip.
     */
    private String pollCost(DataflowClient client, String account, String name) throws IOException {
        Cpu cpu = new Cpu();
        long began = System.nanoTime();
        for (int i = 0; i < COSTED_POLLS; i++) {
            client.instanceCounts(account, name);
        }
        double roundTrip = Millis.since(began) / COSTED_POLLS;
        String cost = "server " + ResultTable.format(cpu.serverMillis() / COSTED_POLLS) + " ms CPU";
        if (measurePostgres) {
            cost += ", PostgreSQL " + ResultTable.format(cpu.postgresMillis() / COSTED_POLLS) + " ms CPU";
        }
        return cost + ", round trip " + ResultTable.format(roundTrip) + " ms (" + COSTED_POLLS + " reads one after"
                + " another)";
    }

    /** The server's and PostgreSQL's CPU time since it was made. */
    private final class Cpu {
        private final ProcessHandle server = ProcessHandle.of(serverPid).orElseThrow();
        private final long serverStart = CpuUse.cpuNanos(server);
        private final double postgresStart = measurePostgres ? PostgresCpu.seconds() : 0;

        double serverMillis() {
            return (CpuUse.cpuNanos(server) - serverStart) / 1e6;
        }

        double postgresMillis() {
            return measurePostgres ? (PostgresCpu.seconds() - postgresStart) * 1000 : 0;
        }
    }

    private static Pair pair(String label) {
        return new Pair(label, new Metric(NAME, "one batch: " + label), new Metric(NAME, "single creates: " + label));
    }

    private static void recordMedian(Measurements.Recorder results, Pair pair, List<Run> batches, List<Run> singles,
            ToDoubleFunction<Run> figure) {
        results.record(pair.batch(), median(batches, figure));
        results.record(pair.singles(), median(singles, figure));
    }

    private static double median(List<Run> runs, ToDoubleFunction<Run> figure) {
        return Stats.of(runs.stream().map(figure::applyAsDouble).toList()).median();
    }

    /** Each run's figures, the batch's then the single creates', so the spread behind each median shows. */
    private String eachRun(List<Run> batches, List<Run> singles) {
        StringBuilder out = new StringBuilder();
        out.append("created per second ").append(list(batches, Run::createdPerSecond)).append(" | ")
                .append(list(singles, Run::createdPerSecond));
        out.append("; all complete after (ms) ").append(list(batches, Run::allCompleteMillis)).append(" | ")
                .append(list(singles, Run::allCompleteMillis));
        out.append("; server CPU per instance (ms) ").append(list(batches, Run::serverCpuMillis)).append(" | ")
                .append(list(singles, Run::serverCpuMillis));
        if (measurePostgres) {
            out.append("; PostgreSQL CPU per instance (ms) ").append(list(batches, Run::postgresCpuMillis))
                    .append(" | ").append(list(singles, Run::postgresCpuMillis));
        }
        out.append("; reads of the counts ").append(list(batches, Run::polls)).append(" | ")
                .append(list(singles, Run::polls));
        return out.toString();
    }

    private static String list(List<Run> runs, ToDoubleFunction<Run> figure) {
        return runs.stream().map(run -> ResultTable.format(figure.applyAsDouble(run)))
                .collect(Collectors.joining(", "));
    }

    /**
     * The two ways side by side, one table per database that measured them; empty when none did.
     *
     * @param runs the runs behind each median
     */
    static String sideBySide(Measurements measurements, List<Database> databases, int runs, int clients) {
        StringBuilder out = new StringBuilder();
        for (Database database : databases) {
            if (measurements.value(database, CREATED_RATE.batch()).isEmpty()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "%nBatch vs single creates of %,d instances on %s, median of %d"
                    + " runs:%n%n", INSTANCES, database.label(), runs));
            out.append(String.format(Locale.ROOT, "| metric | one batch request | single creates, %d connections"
                    + " (wrk) |%n| --- | ---: | ---: |%n", clients));
            for (Pair pair : PAIRS) {
                if (measurements.value(database, pair.batch()).isPresent()) {
                    out.append("| ").append(pair.label()).append(" | ")
                            .append(ResultTable.format(measurements.value(database, pair.batch()).get()))
                            .append(" | ")
                            .append(ResultTable.format(measurements.value(database, pair.singles()).get()))
                            .append(" |\n");
                }
            }
        }
        return out.toString();
    }
}
