package io.dataflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the driver measures and against what, from the command line. The defaults keep a full run (both databases)
 * within about five minutes on a 2-core machine; {@code --quick} is a smoke run of a few seconds per scenario.
 *
 * @param databases the databases to run every scenario against, in order
 * @param chainLength tasks in the sequential chain of scenario (a)
 * @param chainRuns measured executions of the chain, one after another
 * @param chainWarmup chain executions in the warm-up pass (likewise {@code idleWarmup}, {@code throughputWarmup})
 * @param throughputExecutions executions started concurrently in scenario (b)
 * @param clients concurrent clients posting those starts
 * @param idleExecutions executions started one at a time in scenario (c)
 * @param workers {@code DATAFLOW_WORKERS} for the server, or 0 for the server's default
 * @param jfrDirectory where to write a Java Flight Recording of each server, or null for none
 * @param scenarios which scenarios to run: {@code chain}, {@code start}, {@code throughput}, {@code http},
 *     {@code wrk}, {@code batch}, {@code sleepers}, {@code listing}, {@code stats}
 * @param wrkDuration how long wrk posts starts in the wrk scenario, and reads in the listing and stats scenarios
 *     (half of it in the warm-up pass)
 * @param sleepers executions asleep at once in the sleepers scenario (not run in the warm-up pass)
 * @param sleep how long each of them sleeps
 * @param listingWorkflows workflows created in the organization for the listing and stats scenarios
 * @param listingConnections wrk's connections in the listing and stats scenarios
 * @param batchRuns runs of each way of creating 1,000 instances in the batch scenario (the median is reported)
 * @param batchWarmup runs of each way in the warm-up pass
 */
record BenchOptions(List<Database> databases, boolean quick, int chainLength, int chainRuns, int chainWarmup,
        int idleExecutions, int idleWarmup, int throughputExecutions, int throughputWarmup, int clients, int workers,
        Path serverJar, String pgUrl, String pgUser, String pgPassword, Path jfrDirectory,
        Set<String> scenarios, Duration wrkDuration, int sleepers, Duration sleep, int listingWorkflows,
        int listingConnections, int batchRuns, int batchWarmup) {

    static final Set<String> SCENARIOS = Set.of("chain", "start", "throughput", "http", "wrk", "batch", "sleepers",
            "listing", "stats");

    static final String USAGE = """
            Usage: ./dataflow bench [options]   (or java -jar bench/target/dataflow-bench.jar [options], from the repo root)

            Starts the server jar once per database (fresh data directory, fresh PostgreSQL schema), runs the
            scenarios against it over HTTP (first a warm-up pass with half the counts, whose
            numbers are dropped) and prints a Markdown table. Nothing is asserted.

              --db h2|postgres|both          databases to measure [both]
              --quick                        short smoke run with small counts
              --chain-length N               tasks in the sequential chain [40]
              --chain-runs N                 measured chain executions, one after another [20]
              --executions N                 executions started concurrently for throughput, and
                                             requests sent for the http floor [1000]
              --clients N                    concurrent clients starting them, and wrk's connections [32]
              --idle-executions N            executions started one at a time for idle start latency [200]
              --workers N                    DATAFLOW_WORKERS for the server [server default]
              --server-jar PATH              server jar [server/target/dataflow-server.jar]
              --pg-url URL                   PostgreSQL database to create schemas in [jdbc:postgresql://127.0.0.1:5432/test]
              --pg-user USER                 [postgres]
              --pg-password PASSWORD         [empty]
              --wrk-seconds N                how long wrk posts starts in the wrk scenario, and reads in
                                             the listing and stats scenarios [20]
              --sleepers N                   executions asleep at once in the sleepers scenario [10000]
              --sleep-seconds N              how long each of them sleeps [60]
              --listing-workflows N          workflows created for the listing and stats scenarios [100000]
              --listing-connections N        wrk's connections in the listing and stats scenarios [4]
              --batch-runs N                 runs of each way of creating 1,000 instances (one batch request,
                                             single creates from --clients connections) in the batch
                                             scenario; the median is reported [5, 3 with --quick]
              --only LIST                    run only these of chain,start,throughput,http,wrk,batch,
                                             sleepers,listing,stats [all]
              --jfr DIR                      record each server with Java Flight Recorder into DIR
              -h, --help                     show this text

            Extra JVM options for the server come from DATAFLOW_JAVA_OPTS, as with ./dataflow server.
            """;

    /** Thrown for a command line the driver does not understand; its message says what is wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static BenchOptions parse(String... args) throws UsageException {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean quick = rest.remove("--quick");
        List<Database> databases = List.of(Database.H2, Database.POSTGRES);
        int chainLength = 40;
        int chainRuns = quick ? 3 : 20;
        int executions = quick ? 100 : 1000;
        int clients = 32;
        int idle = quick ? 20 : 200;
        int workers = 0;
        int wrkSeconds = quick ? 5 : 20;
        int sleepers = quick ? 500 : 10_000;
        int sleepSeconds = quick ? 10 : 60;
        int listingWorkflows = quick ? 5_000 : 100_000;
        int listingConnections = 4;
        int batchRuns = quick ? 3 : 5;
        Path serverJar = Path.of("server", "target", "dataflow-server.jar");
        String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test";
        String pgUser = "postgres";
        String pgPassword = "";
        Path jfr = null;
        Set<String> scenarios = SCENARIOS;
        for (int i = 0; i < rest.size(); i++) {
            String option = rest.get(i);
            if (option.equals("-h") || option.equals("--help")) {
                throw new UsageException(null);
            }
            if (i + 1 >= rest.size()) {
                throw new UsageException("unknown option or missing value: " + option);
            }
            String value = rest.get(++i);
            switch (option) {
                case "--db" -> databases = Database.parseChoice(value);
                case "--chain-length" -> chainLength = positive(option, value);
                case "--chain-runs" -> chainRuns = positive(option, value);
                case "--executions" -> executions = positive(option, value);
                case "--clients" -> clients = positive(option, value);
                case "--idle-executions" -> idle = positive(option, value);
                case "--workers" -> workers = positive(option, value);
                case "--server-jar" -> serverJar = Path.of(value);
                case "--pg-url" -> pgUrl = value;
                case "--pg-user" -> pgUser = value;
                case "--pg-password" -> pgPassword = value;
                case "--jfr" -> jfr = Path.of(value);
                case "--wrk-seconds" -> wrkSeconds = positive(option, value);
                case "--sleepers" -> sleepers = positive(option, value);
                case "--sleep-seconds" -> sleepSeconds = positive(option, value);
                case "--listing-workflows" -> listingWorkflows = positive(option, value);
                case "--listing-connections" -> listingConnections = positive(option, value);
                case "--batch-runs" -> batchRuns = positive(option, value);
                case "--only" -> scenarios = scenarios(value);
                default -> throw new UsageException("unknown option: " + option);
            }
        }
        // The warm-up pass: long enough for the JIT to compile most of the hot path and the connection pool to
        // fill (on a 2-core machine the compiler threads still take a share of the CPU for a while after it).
        return new BenchOptions(databases, quick, chainLength, chainRuns, quick ? 1 : Math.max(1, chainRuns / 2),
                idle, quick ? 5 : Math.max(1, idle / 2), executions, quick ? clients : Math.max(clients, executions / 2),
                clients, workers, serverJar, pgUrl, pgUser, pgPassword, jfr, scenarios, Duration.ofSeconds(wrkSeconds),
                sleepers, Duration.ofSeconds(sleepSeconds), listingWorkflows, listingConnections, batchRuns,
                quick ? 1 : Math.max(1, batchRuns / 2));
    }

    private static Set<String> scenarios(String value) throws UsageException {
        Set<String> chosen = new HashSet<>();
        for (String name : value.split(",")) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (!SCENARIOS.contains(n)) {
                throw new UsageException("--only takes a comma-separated list of chain, start, throughput, http, wrk,"
                        + " batch, sleepers, listing, stats, not '" + name + "'");
            }
            chosen.add(n);
        }
        return Set.copyOf(chosen);
    }

    private static int positive(String option, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " needs a whole number above 0, not '" + value + "'");
    }

    String describe() {
        List<String> parts = new ArrayList<>();
        if (scenarios.contains("chain")) {
            parts.add(String.format(Locale.ROOT, "chain %d tasks x %d runs", chainLength, chainRuns));
        }
        if (scenarios.contains("start")) {
            parts.add(String.format(Locale.ROOT, "idle starts %d", idleExecutions));
        }
        if (scenarios.contains("throughput")) {
            parts.add(String.format(Locale.ROOT, "throughput %d executions from %d clients", throughputExecutions,
                    clients));
        }
        if (scenarios.contains("http")) {
            parts.add(String.format(Locale.ROOT, "http floor %d requests from %d clients", throughputExecutions,
                    clients));
        }
        if (scenarios.contains("wrk")) {
            parts.add(String.format(Locale.ROOT, "wrk %d s from %d connections", wrkDuration.toSeconds(), clients));
        }
        if (scenarios.contains("batch")) {
            parts.add(String.format(Locale.ROOT, "batch vs single creates of %d instances x %d runs, %d connections",
                    BatchScenario.INSTANCES, batchRuns, clients));
        }
        if (scenarios.contains("sleepers")) {
            parts.add(String.format(Locale.ROOT, "sleepers %d sleeping %d s", sleepers, sleep.toSeconds()));
        }
        if (scenarios.contains("listing") || scenarios.contains("stats")) {
            parts.add(String.format(Locale.ROOT, "listing/stats over %d workflows, wrk %d s from %d connections",
                    listingWorkflows, wrkDuration.toSeconds(), listingConnections));
        }
        return String.join("; ", parts) + (quick ? " (--quick)" : "")
                + String.format(Locale.ROOT, "; after a warm-up pass of %d chain, %d idle and %d concurrent executions",
                        chainWarmup, idleWarmup, throughputWarmup)
                + (scenarios.contains("batch") ? String.format(Locale.ROOT, " and %d batch run(s) each way",
                        batchWarmup) : "")
                + (workers > 0 ? "; DATAFLOW_WORKERS=" + workers : "");
    }
}
