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

    private final DataSource dataSource;
    private final SqlDialect dialect;

    public Database(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Brings the schema up to date with Flyway; safe to call from several nodes at once. */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of("text", dialect.textType()))
                .load()
                .migrate();
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Actions the work
     * registered with {@link Sql#afterCommit} run after the commit, once the connection is back in the pool.
     */
    public <T> T transaction(SqlWork<T> work) {
        Sql sql;
        T result;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            sql = new Sql(connection, dialect);
            try {
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
