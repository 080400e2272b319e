package io.dataflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway schema in the benchmark's PostgreSQL database, so every run starts from an empty database and leaves
 * nothing behind. The server gets it through {@code currentSchema} in its JDBC URL.
 */
final class PostgresSchema implements AutoCloseable {

    private final String baseUrl;
    private final String user;
    private final String password;
    private final String name;
    private final String serverVersion;

    private PostgresSchema(String baseUrl, String user, String password, String name, String serverVersion) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
        this.name = name;
        this.serverVersion = serverVersion;
    }

    static PostgresSchema create(String baseUrl, String user, String password) throws SQLException {
        // Identifiers cannot be bound as parameters; the name is ours (a fixed prefix and random hex), never input.
        String name = "bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = DriverManager.getConnection(baseUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
            try (ResultSet r = s.executeQuery("SHOW server_version")) {
                r.next();
                return new PostgresSchema(baseUrl, user, password, name, r.getString(1));
            }
        }
    }

    /** The JDBC URL the server should use: the base URL with this schema as its current schema. */
    String serverUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** A connection to the schema, for the driver's own reads and writes (the server's tables are there). */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(serverUrl() + "&reWriteBatchedInserts=true", user, password);
    }

    String serverVersion() {
        return serverVersion;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
