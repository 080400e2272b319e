package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Base of {@code sql.query} and {@code sql.execute}: one parameterized statement against the database a credential
 * names. Each attempt opens its own connection, through the platform's outbound guard ({@link TaskContext#sockets}),
 * and closes it with the statement, so nothing is shared between attempts or organizations. A subclass runs the prepared statement and builds the output.
 */
abstract class SqlStatement extends DeclaredTaskType {

    /** The longest {@code timeout_ms} honoured; larger values are lowered to it. */
    static final int MAX_TIMEOUT_MS = 600_000;

    static final Port CREDENTIAL = Port.required("credential", PortType.TEXT,
            "The name of a credential holding the database's 'url' (jdbc:postgresql:// or jdbc:mariadb:// or"
                    + " jdbc:mysql://), 'user' and 'password'");
    static final Port SQL = Port.required("sql", PortType.TEXT, "One SQL statement; '?' marks a parameter");
    static final Port PARAMS = Port.optional("params", PortType.ARRAY, Json.MAPPER.createArrayNode(),
            "The values of the '?' in order: text, numbers, booleans, null; objects and arrays go as JSON text");
    static final Port TIMEOUT_MS = Port.optional("timeout_ms", PortType.INTEGER, IntNode.valueOf(30_000),
            "The longest connecting and the statement may each take, in milliseconds, at most " + MAX_TIMEOUT_MS);

    /** @param extraInputs inputs after the common ones */
    SqlStatement(String name, String description, List<Port> extraInputs, List<Port> outputs, ObjectNode example) {
        super(name, description, inputs(extraInputs), outputs, example);
    }

    /**
     * Runs the statement, its parameters bound and its timeout set, and builds the output.
     *
     * @param connection the statement's connection, in auto-commit mode
     */
    abstract ObjectNode run(Connection connection, PreparedStatement statement, ObjectNode input)
            throws SQLException, TaskFailure;

    @Override
    public final ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure {
        String sql = InputValues.text(input, SQL);
        if (sql.isBlank()) {
            throw TaskFailure.permanent("input 'sql' must not be empty");
        }
        JsonNode params = InputValues.value(input, PARAMS);
        Duration timeout = Duration.ofMillis(InputValues.integer(input, TIMEOUT_MS, 1, MAX_TIMEOUT_MS));
        SqlDatabase database = SqlDatabase.from(
                context.requireCredential(InputValues.text(input, CREDENTIAL), CREDENTIAL.name()), CREDENTIAL.name());
        Connection connection;
        try {
            connection = database.connect(timeout, context.sockets(), CREDENTIAL.name());
        } catch (SQLException e) {
            throw SqlFailures.connecting(e, database, CREDENTIAL.name());
        }
        try (connection; PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout((int) seconds(timeout));
            SqlParameters.bind(statement, params);
            return run(connection, statement, input);
        } catch (SQLException e) {
            throw SqlFailures.running(e, database, timeout);
        }
    }

    /** Whole seconds, rounded up: JDBC timeouts count seconds, and 0 would mean none. */
    static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static List<Port> inputs(List<Port> extraInputs) {
        List<Port> all = new ArrayList<>(List.of(CREDENTIAL, SQL, PARAMS, TIMEOUT_MS));
        all.addAll(extraInputs);
        return all;
    }
}
