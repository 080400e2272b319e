package io.dataflow.engine.tasks;

import io.dataflow.engine.net.RefusedConnectionException;
import io.dataflow.engine.spi.TaskFailure;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.time.Duration;

/**
 * Turns what a JDBC driver threw into a task failure: retryable when the connection or the database's resources
 * failed, or the statement timed out; permanent when the statement or the credential is wrong (syntax, constraints,
 * permissions, a refused login), with the database's own message, or when the outbound guard refused the connection. Every message has the password blotted out.
 *
 * <p>The decision reads the SQLState class, which PostgreSQL and MariaDB both set, and falls back on the JDBC
 * exception type.
 */
final class SqlFailures {

    private SqlFailures() {
    }

    /** Connecting failed; a refusal of the outbound guard fails for good, naming the hosts and the guard's reason. */
    static TaskFailure connecting(SQLException e, SqlDatabase database, String field) {
        RefusedConnectionException refused = RefusedConnectionException.in(e);
        if (refused != null) {
            return new TaskFailure("input '" + field + "': refused to connect to the database at " + database.where()
                    + ": " + database.redact(refused.getMessage()), false, e);
        }
        String message = database.redact(e.getMessage());
        if (isConnectionFailure(e)) {
            return new TaskFailure("could not connect to the database: " + message, true, e);
        }
        return new TaskFailure("input '" + field + "': the database refused the connection: " + message, false, e);
    }

    /** Running the statement failed. */
    static TaskFailure running(SQLException e, SqlDatabase database, Duration timeout) {
        String message = database.redact(e.getMessage());
        if (isTimeout(e)) {
            return new TaskFailure("the statement ran longer than " + timeout.toMillis() + " ms and was cancelled: "
                    + message, true, e);
        }
        if (isConnectionFailure(e) || isTransientInDatabase(e)) {
            return new TaskFailure("the database failed while running the statement: " + message, true, e);
        }
        return new TaskFailure("the database refused the statement: " + message, false, e);
    }

    /** 57014: PostgreSQL cancelled the query; 70100: MariaDB interrupted it (max_statement_time). */
    private static boolean isTimeout(SQLException e) {
        return e instanceof SQLTimeoutException || "57014".equals(e.getSQLState()) || "70100".equals(e.getSQLState());
    }

    /** Class 08 is "connection exception"; the JDBC types say the same for drivers that set another state. */
    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return (state != null && state.startsWith("08")) || e instanceof SQLRecoverableException
                || e instanceof SQLTransientException;
    }

    /** Class 40 is a rolled-back transaction (deadlock, serialization), 53 insufficient resources, 57P a shutdown. */
    private static boolean isTransientInDatabase(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("40") || state.startsWith("53") || state.startsWith("57P"));
    }
}
