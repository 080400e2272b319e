package io.dataflow.server.fuzz;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.server.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The row count of every table of a server's database, the tables read from the database's own metadata so that
 * tables added later are counted too; and whether the server is quiet, so that counts taken around a request
 * change only if the request changed them.
 */
final class DatabaseRows {

    /**
     * Work that writes rows after the request that caused it answered: executions running, webhooks unsent, bulk
     * jobs unfinished (a restart writes an execution's history and new task runs).
     */
    private static final String BUSY = "SELECT (SELECT COUNT(*) FROM executions WHERE status NOT IN ("
            + Arrays.stream(ExecutionStatus.values()).filter(ExecutionStatus::isTerminal)
                    .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "))
            + ")) + (SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'PENDING')"
            + " + (SELECT COUNT(*) FROM bulk_jobs WHERE status IN ('QUEUED', 'RUNNING'))";

    private final DataSource dataSource;
    private final List<String> tables = new ArrayList<>();
    private final String countAll;

    DatabaseRows(TestServer server) {
        this.dataSource = server.dataSource();
        String schema = server.settings().schema() != null ? server.settings().schema() : "PUBLIC";
        try (Connection connection = dataSource.getConnection();
                ResultSet found = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (found.next()) {
                tables.add(found.getString("TABLE_NAME"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (tables.isEmpty()) {
            throw new AssertionError("the database's metadata lists no tables in schema " + schema);
        }
        this.countAll = tables.stream()
                .map(table -> "SELECT '" + table + "', COUNT(*) FROM " + quote(table))
                .collect(Collectors.joining(" UNION ALL "));
    }

    List<String> tables() {
        return tables;
    }

    /** Every table's row count, by table name. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(countAll)) {
            while (result.next()) {
                counts.put(result.getString(1), result.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** Waits until no execution or bulk job is unfinished and no webhook delivery is pending. */
    void awaitQuiet(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        long busy;
        while ((busy = busy()) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(busy + " executions or webhook deliveries were still unfinished after "
                        + timeout + ": " + unfinished());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What is unfinished (id, status, and how an execution was started), for the message. */
    private String unfinished() {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT id, status, trigger_source FROM executions"
                        + " WHERE completed_at IS NULL UNION ALL SELECT id, status, 'bulk job' FROM bulk_jobs"
                        + " WHERE status IN ('QUEUED', 'RUNNING') UNION ALL SELECT id, status, 'webhook delivery'"
                        + " FROM webhook_deliveries WHERE status = 'PENDING'")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3));
            }
        } catch (SQLException e) {
            return "(" + e + ")";
        }
        return rows.toString();
    }

    private long busy() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(BUSY)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String difference(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey())))
                .map(e -> e.getKey() + " " + before.get(e.getKey()) + " -> " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
