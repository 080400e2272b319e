package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sql.execute}: runs a statement that changes data or schema ({@code INSERT}, {@code UPDATE}, {@code DELETE},
 * DDL), committed on its own, and outputs how many rows it affected. A retry after a lost connection may run it
 * twice; statements that must not repeat need their own guard (a unique key, {@code ON CONFLICT}).
 */
public final class SqlExecute extends SqlStatement {

    private static final Port AFFECTED = Port.output("affected", PortType.INTEGER,
            "How many rows the statement inserted, updated or deleted");

    public SqlExecute() {
        super("sql.execute", "Runs an SQL statement that changes a PostgreSQL or MariaDB/MySQL database and outputs"
                + " how many rows it affected.", List.of(), List.of(AFFECTED), example());
    }

    @Override
    ObjectNode run(Connection connection, PreparedStatement statement, ObjectNode input) throws SQLException {
        return Json.object().put(AFFECTED.name(), statement.executeLargeUpdate());
    }

    private static ObjectNode example() {
        ObjectNode example = Json.object().put(CREDENTIAL.name(), "orders-db")
                .put(SQL.name(), "UPDATE orders SET status = ? WHERE id = ?");
        example.set(PARAMS.name(), Json.parse("[\"shipped\", 42]"));
        return example;
    }
}
