package io.dataflow.engine.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dataflow.engine.store.Database;
import io.dataflow.engine.store.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the engine tests run on. H2 is always there (in memory); PostgreSQL is the one on 127.0.0.1:5432
 * ({@code DATAFLOW_TEST_PG_URL} to change it), where each fresh database is a new schema. When PostgreSQL does not
 * answer, its tests are skipped with a message, unless {@code DATAFLOW_TEST_POSTGRES=required}, which makes them
 * fail instead.
 */
public enum TestDatabase {
    H2, POSTGRESQL;

    /** Connections per fresh database: enough for the workers, small because the PostgreSQL server is shared. */
    private static final int POOL_SIZE = 8;
    private static final String PG_URL = env("DATAFLOW_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = env("DATAFLOW_TEST_PG_USER", "postgres");
    private static final String PG_PASSWORD = env("DATAFLOW_TEST_PG_PASSWORD", "");

    /** A new, empty database with the engine's schema not yet migrated; closing it drops it. */
    public Fresh fresh() {
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (this == H2) {
            String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            return new Fresh(pool(url, "sa", ""), SqlDialect.H2, () -> execute(url, "sa", "", "SHUTDOWN"));
        }
        requirePostgres();
        execute(PG_URL, PG_USER, PG_PASSWORD, "CREATE SCHEMA " + name);
        String separator = PG_URL.contains("?") ? "&" : "?";
        return new Fresh(pool(PG_URL + separator + "currentSchema=" + name, PG_USER, PG_PASSWORD),
                SqlDialect.POSTGRESQL, () -> execute(PG_URL, PG_USER, PG_PASSWORD, "DROP SCHEMA " + name + " CASCADE"));
    }

    /** A fresh database: its pool and the engine's {@link Database} over it. */
    public static final class Fresh implements AutoCloseable {

        private final HikariDataSource dataSource;
        private final Database database;
        private final Runnable drop;

        private Fresh(HikariDataSource dataSource, SqlDialect dialect, Runnable drop) {
            this.dataSource = dataSource;
            this.database = new Database(dataSource, dialect);
            this.drop = drop;
        }

        public Database database() {
            return database;
        }

        public HikariDataSource dataSource() {
            return dataSource;
        }

        /** Closes the pool and deletes the database. */
        @Override
        public void close() {
            dataSource.close();
            drop.run();
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

    private static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("engine-tests");
        return new HikariDataSource(config);
    }

    /** Runs one statement on a connection of its own, outside any pool. */
    private static void execute(String url, String user, String password, String statement) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(url + " refused " + statement, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
