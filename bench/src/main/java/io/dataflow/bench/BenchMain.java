package io.dataflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark driver: for each database, start a fresh server, run every scenario against it, stop it; then print
 * one table. Progress goes to standard error, the report to standard output.
 */
public final class BenchMain {

    private final BenchOptions options;
    private final Measurements measurements = new Measurements();
    private final long began = System.nanoTime();

    private BenchMain(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("bench: " + e.getMessage());
            }
            (e.getMessage() == null ? System.out : System.err).print(BenchOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        System.exit(new BenchMain(options).run() ? 0 : 1);
    }

    /** Runs everything; false when something could not be measured. */
    private boolean run() {
        MachineFacts.record(measurements);
        measurements.fact("run", options.describe());
        progress("bench", options.describe());
        for (Database database : options.databases()) {
            runOn(database);
        }
        measurements.fact("load average at end", MachineFacts.loadAverage());
        measurements.fact("total bench time", String.format(Locale.ROOT, "%.0f s", Millis.since(began) / 1000));
        System.out.println();
        System.out.print(ResultTable.render(measurements, options.databases()));
        System.out.print(BatchScenario.sideBySide(measurements, options.databases(), options.batchRuns(),
                options.clients()));
        if (options.databases().contains(Database.POSTGRES)) {
            System.out.println();
            System.out.print(Targets.render(measurements));
        }
        System.out.flush();
        return measurements.problems().isEmpty();
    }

    /** The scenarios to run, with the measured counts or, for the warm-up pass, the warm-up counts. */
    private List<Scenario> scenarios(boolean warmUp, Database database, ServerUnderTest server,
            WorkflowCorpus corpus) {
        // Idle start latency runs before the throughput burst, so "idle" really is idle.
        List<Scenario> scenarios = new ArrayList<>();
        if (options.scenarios().contains("chain")) {
            scenarios.add(new ChainScenario(options.chainLength(),
                    warmUp ? options.chainWarmup() : options.chainRuns()));
        }
        if (options.scenarios().contains("start")) {
            scenarios.add(new StartLatencyScenario(warmUp ? options.idleWarmup() : options.idleExecutions()));
        }
        if (options.scenarios().contains("throughput")) {
            scenarios.add(new ThroughputScenario(
                    warmUp ? options.throughputWarmup() : options.throughputExecutions(), options.clients()));
        }
        if (options.scenarios().contains("http")) {
            scenarios.add(new HttpFloorScenario(
                    warmUp ? options.throughputWarmup() : options.throughputExecutions(), options.clients()));
        }
        if (options.scenarios().contains("wrk") && Wrk.installed()) {
            scenarios.add(new WrkScenario(warmUp ? options.wrkDuration().dividedBy(2) : options.wrkDuration(),
                    options.clients(), server.pid(), database == Database.POSTGRES && PostgresCpu.available()));
        }
        if (options.scenarios().contains("batch") && Wrk.installed()) {
            scenarios.add(new BatchScenario(warmUp ? options.batchWarmup() : options.batchRuns(), options.clients(),
                    server.pid(), database == Database.POSTGRES && PostgresCpu.available()));
        }
        if (!warmUp) {
            // Their 100,000 workflows are created after the scenarios before them ran, and warmed up then.
            scenarios.addAll(corpusReads(false, database, server, corpus));
        }
        if (options.scenarios().contains("sleepers") && !warmUp) {
            // Last, and not warmed up: it sleeps a minute and leaves thousands of finished executions behind.
            scenarios.add(new SleepersScenario(options.sleepers(), options.sleep(), options.clients(),
                    new ServerJvm(server.pid())));
        }
        return scenarios;
    }

    /** The listing and stats scenarios, with the measured or the warm-up duration. */
    private List<ListingScenario> corpusReads(boolean warmUp, Database database, ServerUnderTest server,
            WorkflowCorpus corpus) {
        boolean postgresCpu = database == Database.POSTGRES && PostgresCpu.available();
        Duration duration = warmUp ? options.wrkDuration().dividedBy(2) : options.wrkDuration();
        List<ListingScenario> reads = new ArrayList<>();
        if (options.scenarios().contains(ListingScenario.LISTING) && Wrk.installed()) {
            reads.add(ListingScenario.listing(corpus, duration, options.listingConnections(), server.pid(),
                    postgresCpu));
        }
        if (options.scenarios().contains(ListingScenario.STATS) && Wrk.installed()) {
            reads.add(ListingScenario.stats(corpus, duration, options.listingConnections(), server.pid(),
                    postgresCpu));
        }
        return reads;
    }

    private void runOn(Database database) {
        String tag = database.label();
        progress(tag, "starting the server...");
        try (ServerUnderTest server = ServerUnderTest.start(database, options);
                DataflowClient client = new DataflowClient(server.baseUri(), server.apiKey())) {
            String startup = String.format(Locale.ROOT, "%.1f s", server.startup().toMillis() / 1000.0);
            measurements.fact(tag + " server start-up (JVM launch to healthy)", startup);
            if (server.postgresVersion() != null) {
                measurements.fact("PostgreSQL", server.postgresVersion());
            }
            progress(tag, "server pid " + server.pid() + " healthy after " + startup + " at " + server.baseUri());
            WorkflowCorpus corpus = new WorkflowCorpus(options.listingWorkflows());
            if (!warmUp(database, server, client, corpus)) {
                return;
            }
            for (String wrkScenario : List.of("wrk", "batch", ListingScenario.LISTING, ListingScenario.STATS)) {
                if (options.scenarios().contains(wrkScenario) && !Wrk.installed()) {
                    measurements.problem(database, "the " + wrkScenario
                            + " scenario needs wrk on the PATH (Debian: apt-get install wrk)");
                }
            }
            Boolean corpusReady = null; // prepared before the first scenario that reads it, tried once
            for (Scenario scenario : scenarios(false, database, server, corpus)) {
                if (scenario instanceof ListingScenario && corpusReady == null) {
                    corpusReady = prepareCorpus(database, server, client, corpus);
                }
                if (scenario instanceof ListingScenario && !corpusReady) {
                    continue;
                }
                progress(tag, scenario.name() + "...");
                CpuUse cpu = CpuUse.since(server.pid());
                try {
                    scenario.run(client, measurements.recorder(database));
                    measurements.fact(tag + " " + scenario.name() + " CPU", cpu.describe());
                    progress(tag, scenario.name() + " done: " + cpu.describe());
                } catch (Exception e) {
                    measurements.problem(database, scenario.name() + " failed: " + e);
                    progress(tag, scenario.name() + " FAILED: " + e + "\nserver log ends with:\n" + server.logTail());
                }
            }
            progress(tag, "stopping the server");
        } catch (Exception e) {
            measurements.problem(database, "server: " + e.getMessage());
            progress(tag, "FAILED: " + e.getMessage());
        }
    }

    /** Runs every scenario once with the warm-up counts and drops the numbers; false when that failed. */
    /**
     * Creates the listing and stats scenarios' workflows and runs those scenarios once with the warm-up duration,
     * dropping the numbers; false when that failed.
     */
    private boolean prepareCorpus(Database database, ServerUnderTest server, DataflowClient client,
            WorkflowCorpus corpus) {
        String tag = database.label();
        progress(tag, "creating " + corpus.size() + " workflows for listing and stats...");
        try {
            double seconds = corpus.seed(client, options.clients(), server.postgresSchema());
            String how = server.postgresSchema() == null ? "all through POST /api/v1/workflows"
                    : "the first " + Math.min(corpus.size(), WorkflowCorpus.THROUGH_API)
                            + " through POST /api/v1/workflows, the rest as rows";
            String took = String.format(Locale.ROOT, "%.1f s, %.0f a second, %d clients", seconds,
                    corpus.size() / seconds, options.clients());
            measurements.fact(tag + " creating " + corpus.size() + " workflows (" + how + ")", took);
            progress(tag, "created them in " + took + "; warming up listing and stats, numbers discarded...");
            for (ListingScenario reads : corpusReads(true, database, server, corpus)) {
                reads.run(client, (metric, value) -> { });
            }
            return true;
        } catch (Exception e) {
            measurements.problem(database, "creating or warming up the workflows for listing and stats failed: " + e);
            progress(tag, "creating or warming up the workflows for listing and stats FAILED: " + e);
            return false;
        }
    }

    private boolean warmUp(Database database, ServerUnderTest server, DataflowClient client, WorkflowCorpus corpus) {
        String tag = database.label();
        progress(tag, "warm-up pass, numbers discarded...");
        CpuUse cpu = CpuUse.since(server.pid());
        try {
            for (Scenario scenario : scenarios(true, database, server, corpus)) {
                scenario.run(client, (metric, value) -> { });
            }
        } catch (Exception e) {
            measurements.problem(database, "warm-up failed: " + e);
            progress(tag, "warm-up FAILED: " + e + "\nserver log ends with:\n" + server.logTail());
            return false;
        }
        measurements.fact(tag + " warm-up pass CPU", cpu.describe());
        progress(tag, "warm-up done: " + cpu.describe());
        return true;
    }

    private void progress(String tag, String message) {
        System.err.printf(Locale.ROOT, "[%6.1fs] [%s] %s%n", Millis.since(began) / 1000, tag, message);
    }
}
