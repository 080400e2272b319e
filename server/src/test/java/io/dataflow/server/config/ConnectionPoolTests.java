package io.dataflow.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An idle server holds only the pool's small minimum of database connections, not its maximum, so that several
 * servers fit in PostgreSQL's connections; on PostgreSQL they carry the server's name, so {@code pg_stat_activity}
 * counts exactly this server's. A private server, so that no other test's work keeps it busy.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ConnectionPoolTests {

    /**
     * Longer than the pool takes to close a connection it opened beyond the minimum during start-up: its idle
     * timeout (60 s) plus Hikari's housekeeping period (30 s). Start-up normally needs no more than the minimum.
     */
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Parameter
    TestDatabase database;

    @Test
    void anIdleServerHoldsAtMostTheMinimumOfConnections() throws Exception {
        try (TestServer server = TestServer.start(database, Map.of("DATAFLOW_DB_POOL_SIZE", "40"))) {
            HikariDataSource pool = server.bean(HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(40);

            Instant deadline = Instant.now().plus(DEADLINE);
            while (open(server, pool) > EngineConfiguration.MIN_IDLE_CONNECTIONS && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }

            assertThat(pool.getHikariPoolMXBean().getTotalConnections())
                    .isBetween(1, EngineConfiguration.MIN_IDLE_CONNECTIONS);
            if (database == TestDatabase.POSTGRESQL) {
                assertThat(inPgStatActivity(server)).isBetween(1, EngineConfiguration.MIN_IDLE_CONNECTIONS);
            }
        }
    }

    /** The connections the server holds: the pool's own count, and on PostgreSQL the database's. */
    private static int open(TestServer server, HikariDataSource pool) throws SQLException {
        int inPool = pool.getHikariPoolMXBean().getTotalConnections();
        return server.database() == TestDatabase.POSTGRESQL ? Math.max(inPool, inPgStatActivity(server)) : inPool;
    }

    /** This server's connections as PostgreSQL counts them, by the application name they carry. */
    private static int inPgStatActivity(TestServer server) throws SQLException {
        TestDatabase.Fresh settings = server.settings();
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(),
                settings.password());
                PreparedStatement count = connection.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, server.bean(NodeName.class).applicationName());
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
