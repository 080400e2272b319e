package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sql.query}: runs a query in a read-only transaction, which it then rolls back, and outputs its rows as
 * objects keyed by column label, at most {@code max_rows} of them.
 */
public final class SqlQuery extends SqlStatement {

    /** The largest {@code max_rows} honoured; larger values are lowered to it. */
    static final int MAX_ROWS = 100_000;

    private static final Port MAX_ROWS_INPUT = Port.optional("max_rows", PortType.INTEGER, IntNode.valueOf(1000),
            "The most rows output, at most " + MAX_ROWS);
    private static final Port ROWS = Port.output("rows", PortType.ARRAY, "The rows: objects of column label to value");
    private static final Port ROW_COUNT = Port.output("row_count", PortType.INTEGER, "How many rows 'rows' holds");
    private static final Port TRUNCATED = Port.output("truncated", PortType.BOOLEAN,
            "Whether the query had more rows than 'max_rows'");

    public SqlQuery() {
        super("sql.query", "Runs a read-only SQL query against a PostgreSQL or MariaDB/MySQL database and outputs its rows.",
                List.of(MAX_ROWS_INPUT), List.of(ROWS, ROW_COUNT, TRUNCATED), example());
    }

    @Override
    ObjectNode run(Connection connection, PreparedStatement statement, ObjectNode input)
            throws SQLException, TaskFailure {
        int maxRows = (int) InputValues.integer(input, MAX_ROWS_INPUT, 1, MAX_ROWS);
        // Read-only applies to a transaction (PostgreSQL ignores it in auto-commit mode), so open one.
        connection.setReadOnly(true);
        connection.setAutoCommit(false);
        try {
            // One row more than asked tells whether there were more.
            statement.setMaxRows(maxRows + 1);
            ArrayNode rows = Json.MAPPER.createArrayNode();
            boolean truncated = false;
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    rows.add(SqlColumnValues.row(result, columns));
                }
            }
            ObjectNode output = Json.object();
            output.set(ROWS.name(), rows);
            return output.put(ROW_COUNT.name(), rows.size()).put(TRUNCATED.name(), truncated);
        } finally {
            connection.rollback();
        }
    }

    private static ObjectNode example() {
        ObjectNode example = Json.object().put(CREDENTIAL.name(), "orders-db")
                .put(SQL.name(), "SELECT id, total FROM orders WHERE customer_id = ? ORDER BY id");
        example.set(PARAMS.name(), Json.parse("[42]"));
        return example;
    }
}
