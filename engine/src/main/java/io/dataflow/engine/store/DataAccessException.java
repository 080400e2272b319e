package io.dataflow.engine.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix: the request fails and nothing it started is committed. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the database aborted the transaction for a deadlock or a serialization failure (SQLState 40xxx). */
    public boolean isTransient() {
        return getCause() instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("40");
    }

    /** Whether the cause is a unique-constraint violation (SQLState class 23, code 23505). */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException e && "23505".equals(e.getSQLState());
    }
}
