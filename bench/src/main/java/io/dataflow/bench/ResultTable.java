package io.dataflow.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report: a Markdown table with a column per database, then the facts of the run and any problems. */
final class ResultTable {

    private ResultTable() {
    }

    static String render(Measurements measurements, List<Database> databases) {
        StringBuilder out = new StringBuilder();
        out.append("| scenario | metric |");
        databases.forEach(d -> out.append(' ').append(d.label()).append(" |"));
        out.append("\n| --- | --- |");
        databases.forEach(d -> out.append(" ---: |"));
        out.append('\n');
        for (Metric metric : measurements.metrics()) {
            out.append("| ").append(metric.scenario()).append(" | ").append(metric.name()).append(" |");
            for (Database d : databases) {
                out.append(' ').append(measurements.value(d, metric).map(ResultTable::format).orElse("n/a")).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        for (Map.Entry<String, String> fact : measurements.facts().entrySet()) {
            out.append("- ").append(fact.getKey()).append(": ").append(fact.getValue()).append('\n');
        }
        for (Database d : databases) {
            for (String problem : measurements.problems().getOrDefault(d, List.of())) {
                out.append("- PROBLEM on ").append(d.label()).append(": ").append(problem).append('\n');
            }
        }
        return out.toString();
    }

    /** About three significant digits: 0.412, 3.07, 25.3, 1234. */
    static String format(double value) {
        double abs = Math.abs(value);
        if (value == Math.rint(value) && abs < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        String pattern = abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
