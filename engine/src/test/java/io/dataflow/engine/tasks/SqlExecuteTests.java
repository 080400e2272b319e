package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.SqlTestDatabase.CREDENTIAL;
import static io.dataflow.engine.tasks.SqlTestDatabase.failure;
import static io.dataflow.engine.tasks.SqlTestDatabase.run;
import static io.dataflow.engine.tasks.SqlTestDatabase.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

class SqlExecuteTests {

    private final SqlExecute type = new SqlExecute();
    private final SqlQuery query = new SqlQuery();

    private static ObjectNode withParams(String sql, String params) {
        ObjectNode input = statement(sql);
        input.set("params", Json.parse(params));
        return input;
    }

    private long affected(Map<String, ObjectNode> vault, ObjectNode input) throws Exception {
        return run(type, vault, input).get("affected").longValue();
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void insertsUpdatesAndDeletesCountingRows(SqlTestDatabase db) throws Exception {
        db.require();
        Map<String, ObjectNode> vault = Map.of(CREDENTIAL, db.credential());
        String table = SqlTestDatabase.uniqueTable();
        assertThat(affected(vault, statement("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(50),"
                + " doc TEXT)"))).isZero();
        try {
            assertThat(affected(vault, withParams("INSERT INTO " + table + " (id, name) VALUES (?, ?), (?, ?)",
                    "[1, \"a\", 2, \"b\"]"))).isEqualTo(2);
            assertThat(affected(vault, withParams("INSERT INTO " + table + " (id, name, doc) VALUES (?, ?, ?)",
                    "[3, null, {\"k\": [1, 2]}]"))).isEqualTo(1);
            assertThat(affected(vault, withParams("UPDATE " + table + " SET name = ? WHERE id <= ?", "[\"z\", 2]"))).isEqualTo(2);
            assertThat(run(query, vault, statement("SELECT id, name, doc FROM " + table + " ORDER BY id")).get("rows"))
                    .isEqualTo(Json.parse("[{\"id\": 1, \"name\": \"z\", \"doc\": null},"
                            + " {\"id\": 2, \"name\": \"z\", \"doc\": null}, {\"id\": 3, \"name\": null, \"doc\": \"{\\\"k\\\":[1,2]}\"}]"));
            assertThat(affected(vault, withParams("DELETE FROM " + table + " WHERE id = ?", "[9]"))).isEqualTo(0);
        } finally {
            db.execute("DROP TABLE " + table);
        }
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void constraintViolationFailsForGoodWithTheDatabasesMessage(SqlTestDatabase db) throws Exception {
        db.require();
        Map<String, ObjectNode> vault = Map.of(CREDENTIAL, db.credential());
        String table = SqlTestDatabase.uniqueTable();
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY)", "INSERT INTO " + table + " VALUES (1)");
        try {
            TaskFailure failure = failure(type, vault, withParams("INSERT INTO " + table + " VALUES (?)", "[1]"));
            assertThat(failure.retryable()).isFalse();
            assertThat(failure).hasMessageStartingWith("the database refused the statement: ")
                    .hasMessageContaining("uplicate");
        } finally {
            db.execute("DROP TABLE " + table);
        }
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void syntaxErrorFailsForGood(SqlTestDatabase db) {
        db.require();
        TaskFailure failure = failure(type, Map.of(CREDENTIAL, db.credential()), statement("UPDAT nothing"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("syntax");
    }

    @Test
    void missingCredentialFailsForGood() {
        TaskFailure failure = failure(type, Map.of(), statement("DELETE FROM x"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("input 'credential': there is no credential named 'test-db'");
    }

    @Test
    void blankSqlFailsForGood() {
        TaskFailure failure = failure(type, Map.of(CREDENTIAL, SqlTestDatabase.POSTGRESQL.credential()), statement(" "));
        assertThat(failure).hasMessage("input 'sql' must not be empty");
    }

    @Test
    void nonPositiveTimeoutFailsForGood() {
        TaskFailure failure = failure(type, Map.of(CREDENTIAL, SqlTestDatabase.POSTGRESQL.credential()),
                statement("DELETE FROM x").put("timeout_ms", 0));
        assertThat(failure).hasMessage("input 'timeout_ms' must be at least 1, got 0");
    }

    @Test
    void isNotPure() {
        assertThat(type.pure()).isFalse();
        assertThat(query.pure()).isFalse();
    }
}
