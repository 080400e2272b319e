package io.dataflow.bench;

/**
 * Scenario (d): the HTTP floor. The cheapest authenticated request the API has ({@code GET /organization}: the key
 * checked against a cache, one row read by its primary key, a small JSON answer), sent by as many clients as the
 * throughput burst. A start request costs at least this much on both sides, so with the driver on the same machine
 * this rate bounds how fast executions could be started through the HTTP API, whatever the engine behind it did.
 */
final class HttpFloorScenario implements Scenario {

    static final String NAME = "http floor";
    static final Metric RATE = new Metric(NAME, "GET /organization answered per second (client)");
    static final Metric REQUEST_P50 = new Metric(NAME, "GET /organization round trip, p50 (ms, client)");

    private final int requests;
    private final int clients;

    HttpFloorScenario(int requests, int clients) {
        this.requests = requests;
        this.clients = clients;
    }

    @Override
    public String name() {
        return NAME + " (" + requests + " requests, " + clients + " clients)";
    }

    @Override
    public void run(DataflowClient client, Measurements.Recorder results) throws Exception {
        long began = System.nanoTime();
        Stats roundTrips = Stats.of(Burst.send(clients, requests, client::organization));
        results.record(RATE, requests / (Millis.since(began) / 1000));
        results.record(REQUEST_P50, roundTrips.median());
    }
}
