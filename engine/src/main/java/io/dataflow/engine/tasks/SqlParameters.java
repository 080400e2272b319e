package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import tools.jackson.databind.JsonNode;

/**
 * Binds a task's {@code params} to the {@code ?} of a statement, in order: text as text, numbers as integers or
 * decimals, booleans, null, and objects and arrays as their JSON text. Values are always bound, never spliced into
 * the SQL.
 */
final class SqlParameters {

    private SqlParameters() {
    }

    static void bind(PreparedStatement statement, JsonNode params) throws SQLException {
        int index = 1;
        for (JsonNode value : params.values()) {
            bind(statement, index++, value);
        }
    }

    private static void bind(PreparedStatement statement, int index, JsonNode value) throws SQLException {
        if (value.isNull()) {
            statement.setNull(index, Types.NULL);
        } else if (value.isString()) {
            statement.setString(index, value.stringValue());
        } else if (value.isBoolean()) {
            statement.setBoolean(index, value.booleanValue());
        } else if (value.isIntegralNumber()) {
            if (value.canConvertToLong()) {
                statement.setLong(index, value.longValue());
            } else {
                statement.setBigDecimal(index, new BigDecimal(value.bigIntegerValue()));
            }
        } else if (value.isBigDecimal()) {
            statement.setBigDecimal(index, value.decimalValue());
        } else if (value.isNumber()) {
            statement.setDouble(index, value.doubleValue());
        } else {
            statement.setString(index, Json.write(value));
        }
    }
}
