package io.dataflow.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numbers measured so far, per database, in the order first reported; plus what went wrong, so a failed
 * scenario still shows up in the report instead of as a silently missing row.
 */
final class Measurements {

    private final List<Metric> metrics = new ArrayList<>();
    private final Map<Database, Map<Metric, Double>> values = new EnumMap<>(Database.class);
    private final Map<Database, List<String>> problems = new EnumMap<>(Database.class);
    private final Map<String, String> facts = new LinkedHashMap<>();

    synchronized void record(Database database, Metric metric, double value) {
        if (!metrics.contains(metric)) {
            metrics.add(metric);
        }
        values.computeIfAbsent(database, d -> new LinkedHashMap<>()).put(metric, value);
    }

    synchronized void problem(Database database, String problem) {
        problems.computeIfAbsent(database, d -> new ArrayList<>()).add(problem);
    }

    /** A fact about the run (a server's start-up time, the PostgreSQL version) printed under the table. */
    synchronized void fact(String name, String value) {
        facts.put(name, value);
    }

    synchronized Optional<Double> value(Database database, Metric metric) {
        return Optional.ofNullable(values.getOrDefault(database, Map.of()).get(metric));
    }

    /** Every metric reported for any database, grouped by scenario in the order the scenarios first reported. */
    synchronized List<Metric> metrics() {
        List<String> scenarios = metrics.stream().map(Metric::scenario).distinct().toList();
        List<Metric> grouped = new ArrayList<>();
        for (String scenario : scenarios) {
            metrics.stream().filter(m -> m.scenario().equals(scenario)).forEach(grouped::add);
        }
        return grouped;
    }

    synchronized Map<Database, List<String>> problems() {
        return Map.copyOf(problems);
    }

    synchronized Map<String, String> facts() {
        return new LinkedHashMap<>(facts);
    }

    /** Where one scenario, on one database, reports its numbers; its facts are named with the database. */
    Recorder recorder(Database database) {
        return new Recorder() {
            @Override
            public void record(Metric metric, double value) {
                Measurements.this.record(database, metric, value);
            }

            @Override
            public void fact(String name, String value) {
                Measurements.this.fact(database.label() + " " + name, value);
            }
        };
    }

    @FunctionalInterface
    interface Recorder {
        void record(Metric metric, double value);

        /** A fact printed under the table, such as each run's figures behind a median; dropped unless kept. */
        default void fact(String name, String value) {
        }
    }
}
