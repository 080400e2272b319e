package io.dataflow.bench;

/**
 * One number the benchmark reports: a row of the result table.
 *
 * @param scenario the scenario the row belongs to, e.g. {@code chain}
 * @param name what the number is, with its unit, e.g. {@code engine overhead per task, median (ms)}
 */
record Metric(String scenario, String name) {
}
