package io.dataflow.bench;

/**
 * One measurement the driver runs against a started server: it creates its own workflows, warms up, measures,
 * and reports numbers computed from the server's own timestamps wherever it can (so the client's polling delay
 * does not count).
 */
interface Scenario {

    /** A short name for progress messages. */
    String name();

    void run(DataflowClient client, Measurements.Recorder results) throws Exception;
}
