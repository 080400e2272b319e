package io.dataflow.bench;

import java.util.List;

/** A database the server can run on; each benchmark run uses a fresh, empty one. */
enum Database {
    H2("H2"),
    POSTGRES("PostgreSQL");

    private final String label;

    Database(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static List<Database> parseChoice(String value) throws BenchOptions.UsageException {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "h2" -> List.of(H2);
            case "postgres", "postgresql", "pg" -> List.of(POSTGRES);
            case "both" -> List.of(H2, POSTGRES);
            default -> throw new BenchOptions.UsageException("--db takes h2, postgres or both, not '" + value + "'");
        };
    }
}
