package io.dataflow.engine.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The engine's way into its database: transactions over a {@link DataSource} and the schema migration.
 * Statements are plain SQL with bind parameters, written against {@link Sql}.
 */
public final class Database {

    private static final int MAX_TRANSACTION_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final SqlDialect dialect;

    public Database(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * Brings the schema up to date with Flyway; safe to call from several nodes at once. Migrations for both
     * databases are in {@code db/migration}; those only one of them needs, in {@code db/vendor/<database>}.
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration",
                        "classpath:db/vendor/" + dialect.name().toLowerCase(java.util.Locale.ROOT))
                .placeholders(Map.of("text", dialect.textType(), "blob", dialect.blobType()))
                .load()
                .migrate();
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Actions the work
     * registered with {@link Sql#afterCommit} run after the commit, once the connection is back in the pool.
     */
    public <T> T transaction(SqlWork<T> work) {
        return transaction(work, false);
    }

    /**
     * Like {@link #transaction}, for engine progress that is safe to redo (a task claimed, an attempt's result, a
     * retry scheduled). On PostgreSQL it commits without waiting for the write-ahead log to reach the disk, which
     * makes each step several times faster. The change is visible and survives a crash of this process; only a
     * crash of PostgreSQL itself within its WAL writer delay (a fraction of a second) can lose it, and then the
     * task runs again, as after any lost lease. Accepting an execution never uses this.
     */
    public <T> T progressTransaction(SqlWork<T> work) {
        return transaction(work, dialect == SqlDialect.POSTGRESQL);
    }

    /**
     * Runs the transaction, again when the database aborted it for a deadlock or a serialization failure (two
     * transitions of one execution taking its rows in different orders); the work only touches the database, so
     * running it again is safe.
     */
    private <T> T transaction(SqlWork<T> work, boolean asynchronousCommit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactionOnce(work, asynchronousCommit);
            } catch (DataAccessException e) {
                if (attempt >= MAX_TRANSACTION_ATTEMPTS || !e.isTransient()) {
                    throw e;
                }
            }
        }
    }

    private <T> T transactionOnce(SqlWork<T> work, boolean asynchronousCommit) {
        Sql sql;
        T result;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            sql = new Sql(connection, dialect);
            try {
                if (asynchronousCommit) {
                    sql.update("SET LOCAL synchronous_commit TO OFF");
                }
                result = work.run(sql);
                connection.commit();
            } catch (Throwable e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        sql.committed();
        return result;
    }

    /** Runs {@code work} with auto-commit: for reads and single statements. */
    public <T> T read(SqlWork<T> work) {
        Sql sql;
        T result;
        try (Connection connection = dataSource.getConnection()) {
            sql = new Sql(connection, dialect);
            result = work.run(sql);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        sql.committed();
        return result;
    }

    /** A unit of database work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Sql sql) throws SQLException;
    }
}
