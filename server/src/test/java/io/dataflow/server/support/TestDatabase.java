package io.dataflow.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases every integration test runs against. H2 is always there; PostgreSQL is the one on
 * 127.0.0.1:5432 ({@code DATAFLOW_TEST_PG_URL} to change it). When PostgreSQL does not answer, its tests are skipped
 * with a message, unless {@code DATAFLOW_TEST_POSTGRES=required} (set by .ci/run), which makes them fail instead.
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    private static final String PG_URL = env("DATAFLOW_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("DATAFLOW_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("DATAFLOW_TEST_PG_PASSWORD", "");

    /**
     * Connection settings of a fresh, empty database: a new H2 file, or a new PostgreSQL schema.
     *
     * @param schema the PostgreSQL schema, or null for H2
     */
    public record Fresh(String url, String user, String password, Path dataDir, String schema) {

        /** Drops the PostgreSQL schema (the H2 file stays in its temporary directory). */
        public void drop() {
            if (schema == null) {
                return;
            }
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                System.err.println("could not drop test schema " + schema + ": " + e.getMessage());
            }
        }
    }

    public Fresh fresh() {
        if (this == POSTGRESQL) {
            requirePostgres(); // outside the try below, so that a skip stays a skip
        }
        try {
            Path dataDir = Files.createTempDirectory("dataflow-test-");
            if (this == H2) {
                return new Fresh("jdbc:h2:file:" + dataDir.resolve("dataflow") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "",
                        dataDir, null);
            }
            String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            String separator = PG_URL.contains("?") ? "&" : "?";
            return new Fresh(PG_URL + separator + "currentSchema=" + schema, PG_USER, PG_PASSWORD, dataDir, schema);
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare a " + this + " test database", e);
        }
    }

    /** Skips (or, when required, fails) the calling test when PostgreSQL does not answer. */
    public static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + PG_URL + " does not answer (" + e.getMessage() + ")";
            if ("required".equals(env("DATAFLOW_TEST_POSTGRES", "").toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(message + "; DATAFLOW_TEST_POSTGRES=required", e);
            }
            System.err.println("SKIPPING PostgreSQL tests: " + message);
            Assumptions.abort(message);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
