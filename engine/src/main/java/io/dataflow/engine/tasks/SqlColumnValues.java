package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the rows of a result set into JSON objects keyed by column label: numbers as numbers, booleans, null,
 * dates and times as ISO-8601 text (with the offset when the column has one), binary as base64, JSON columns as
 * JSON, arrays as arrays, and anything else as its text. When two columns share a label, the last one wins.
 */
final class SqlColumnValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SqlColumnValues() {
    }

    /** The current row. */
    static ObjectNode row(ResultSet rows, ResultSetMetaData columns) throws SQLException {
        ObjectNode row = Json.object();
        for (int column = 1; column <= columns.getColumnCount(); column++) {
            row.set(columns.getColumnLabel(column), value(rows, column, columns.getColumnType(column),
                    columns.getColumnTypeName(column).toLowerCase(Locale.ROOT)));
        }
        return row;
    }

    private static JsonNode value(ResultSet rows, int column, int sqlType, String typeName) throws SQLException {
        JsonNode value = switch (sqlType) {
            case Types.DATE -> temporal(rows.getObject(column, LocalDate.class), DateTimeFormatter.ISO_LOCAL_DATE);
            case Types.TIME -> typeName.equals("timetz")
                    ? temporal(rows.getObject(column, OffsetTime.class), DateTimeFormatter.ISO_OFFSET_TIME)
                    : temporal(rows.getObject(column, LocalTime.class), DateTimeFormatter.ISO_LOCAL_TIME);
            case Types.TIME_WITH_TIMEZONE ->
                temporal(rows.getObject(column, OffsetTime.class), DateTimeFormatter.ISO_OFFSET_TIME);
            // PostgreSQL reports timestamptz as TIMESTAMP; only its type name tells.
            case Types.TIMESTAMP -> typeName.equals("timestamptz")
                    ? temporal(rows.getObject(column, OffsetDateTime.class), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    : temporal(rows.getObject(column, LocalDateTime.class), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            case Types.TIMESTAMP_WITH_TIMEZONE ->
                temporal(rows.getObject(column, OffsetDateTime.class), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> binary(rows.getBytes(column));
            case Types.CLOB, Types.NCLOB -> text(rows.getString(column));
            default -> typeName.equals("json") || typeName.equals("jsonb")
                    ? json(rows.getString(column))
                    : of(rows.getObject(column));
        };
        return rows.wasNull() ? NODES.nullNode() : value;
    }

    /** A value the driver gave as an object: a column of another type, or an element of an array column. */
    private static JsonNode of(Object value) throws SQLException {
        return switch (value) {
            case null -> NODES.nullNode();
            case Boolean b -> NODES.booleanNode(b);
            case Integer i -> NODES.numberNode(i);
            case Short s -> NODES.numberNode(s.intValue());
            case Byte b -> NODES.numberNode(b.intValue());
            case Long l -> NODES.numberNode(l);
            case BigInteger big -> NODES.numberNode(big);
            case BigDecimal big -> NODES.numberNode(big);
            case Float f -> floating(f.doubleValue());
            case Double d -> floating(d);
            case byte[] bytes -> binary(bytes);
            case java.sql.Timestamp t -> temporal(t.toLocalDateTime(), DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            case java.sql.Date d -> temporal(d.toLocalDate(), DateTimeFormatter.ISO_LOCAL_DATE);
            case java.sql.Time t -> temporal(t.toLocalTime(), DateTimeFormatter.ISO_LOCAL_TIME);
            case Array array -> array(array);
            default -> NODES.stringNode(value.toString());
        };
    }

    private static JsonNode array(Array array) throws SQLException {
        try {
            ArrayNode elements = NODES.arrayNode();
            for (Object element : (Object[]) array.getArray()) {
                elements.add(of(element));
            }
            return elements;
        } finally {
            array.free();
        }
    }

    /** NaN and the infinities have no JSON number: they come out as text. */
    private static JsonNode floating(double d) {
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.stringNode(Double.toString(d));
    }

    private static JsonNode temporal(java.time.temporal.TemporalAccessor value, DateTimeFormatter format) {
        return value == null ? NODES.nullNode() : NODES.stringNode(format.format(value));
    }

    private static JsonNode binary(byte[] bytes) {
        return bytes == null ? NODES.nullNode() : NODES.stringNode(Base64.getEncoder().encodeToString(bytes));
    }

    private static JsonNode text(String text) {
        return text == null ? NODES.nullNode() : NODES.stringNode(text);
    }

    /** A JSON column's value; text the database calls JSON but Jackson cannot read stays text. */
    private static JsonNode json(String text) {
        if (text == null) {
            return NODES.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (JacksonException e) {
            return NODES.stringNode(text);
        }
    }
}
