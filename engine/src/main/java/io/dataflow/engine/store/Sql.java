package io.dataflow.engine.store;

import io.dataflow.engine.model.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Statements on one connection. Values are always bound, never concatenated: an {@link Instant} binds as a UTC
 * timestamp, a {@link JsonNode} as its JSON text, a {@link StoredJson} as the text it holds, an enum as its name.
 * Every text bound, JSON or not, goes through {@link StoredText}: U+0000 and lone surrogates, which the databases
 * cannot store, become U+FFFD here, the one place all of the engine's writes pass.
 */
public final class Sql {

    private final Connection connection;
    private final Set<Runnable> afterCommit = new LinkedHashSet<>();

    private final SqlDialect dialect;

    Sql(Connection connection, SqlDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** The database this connection talks to, for the few clauses that differ. */
    SqlDialect dialect() {
        return dialect;
    }

    /**
     * Runs {@code action} once the work on this connection has committed, and never if it rolls back: for telling
     * others in this process about rows they can now see. The same action registered twice runs once. Actions must
     * be quick and must not throw.
     */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    void committed() {
        afterCommit.forEach(Runnable::run);
    }

    /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it changed. */
    public int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, params)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Runs one INSERT or UPDATE for each row of parameters, sent to the database as one batch, and returns how many
     * rows each of them changed.
     */
    public int[] batch(String sql, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] params : rows) {
                for (int i = 0; i < params.length; i++) {
                    bind(statement, i + 1, params[i]);
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    /**
     * Runs an UPDATE and reads {@code columns} of the rows it changed, as they are after it, in one statement
     * ({@code RETURNING} on PostgreSQL, a data change delta table on H2).
     */
    public <T> List<T> updateReturning(String update, String columns, RowMapper<T> mapper, Object... params)
            throws SQLException {
        String sql = switch (dialect) {
            case POSTGRESQL -> update + " RETURNING " + columns;
            case H2 -> "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
        };
        return query(sql, mapper, params);
    }

    /** Runs a query and maps every row. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(new Row(rows)));
            }
            return result;
        }
    }

    /** Runs a query expected to return at most one row. */
    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** {@code ?, ?, ?} for an IN list of {@code count} values (at least one). */
    public static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(Math.max(1, count), "?"));
    }

    /** Appends the elements of {@code values} to {@code params}, for an IN list. */
    public static Object[] concat(Object[] params, Collection<?> values) {
        Object[] all = new Object[params.length + values.size()];
        System.arraycopy(params, 0, all, 0, params.length);
        int i = params.length;
        for (Object value : values) {
            all[i++] = value;
        }
        return all;
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) {
                bind(statement, i + 1, params[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case null -> statement.setNull(index, Types.NULL);
            case Instant instant -> statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
            case StoredJson json -> statement.setString(index, json.text());
            case JsonNode node -> statement.setString(index, StoredJson.of(node).text());
            case String text -> statement.setString(index, StoredText.sanitise(text));
            case Enum<?> e -> statement.setString(index, e.name());
            default -> statement.setObject(index, value);
        }
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(Row row) throws SQLException;
    }

    /** Typed access to the current row of a result. */
    public static final class Row {
        private final ResultSet rows;

        Row(ResultSet rows) {
            this.rows = rows;
        }

        public String string(String column) throws SQLException {
            return rows.getString(column);
        }

        public int integer(String column) throws SQLException {
            return rows.getInt(column);
        }

        public long longValue(String column) throws SQLException {
            return rows.getLong(column);
        }

        /** A whole number; null for NULL. */
        public Long nullableLong(String column) throws SQLException {
            long value = rows.getLong(column);
            return rows.wasNull() ? null : value;
        }

        public boolean bool(String column) throws SQLException {
            return rows.getBoolean(column);
        }

        /** Binary content (BLOB on H2, bytea on PostgreSQL), read whole. */
        public byte[] bytes(String column) throws SQLException {
            return rows.getBytes(column);
        }

        public Instant instant(String column) throws SQLException {
            Object value = rows.getObject(column);
            return switch (value) {
                case null -> null;
                case OffsetDateTime odt -> odt.toInstant();
                case Timestamp ts -> ts.toInstant();
                case java.time.ZonedDateTime zdt -> zdt.toInstant();
                default -> rows.getObject(column, OffsetDateTime.class).toInstant();
            };
        }

        public JsonNode json(String column) throws SQLException {
            return Json.parse(rows.getString(column));
        }

        /**
         * The column's JSON text as a value that writes it out as it is, unparsed ({@link StoredJson#raw}): for
         * answers that only pass stored JSON on. Text stored before it was sanitised is sanitised here.
         */
        public JsonNode rawJson(String column) throws SQLException {
            String text = rows.getString(column);
            return text == null ? null : StoredJson.raw(StoredText.sanitiseJson(text).text());
        }

        public <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
            String value = rows.getString(column);
            return value == null ? null : Enum.valueOf(type, value);
        }
    }
}
