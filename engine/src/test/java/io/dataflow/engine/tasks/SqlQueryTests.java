package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.SqlTestDatabase.CREDENTIAL;
import static io.dataflow.engine.tasks.SqlTestDatabase.failure;
import static io.dataflow.engine.tasks.SqlTestDatabase.run;
import static io.dataflow.engine.tasks.SqlTestDatabase.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskFailure;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SqlQueryTests {

    private final SqlQuery type = new SqlQuery();

    /** Runs {@code test} against a fresh table of five items in {@code db}, dropped afterwards. */
    private static void withItems(SqlTestDatabase db, TableTest test) throws Exception {
        db.require();
        String table = SqlTestDatabase.uniqueTable();
        db.execute("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(50), price DECIMAL(10,2),"
                        + " in_stock BOOLEAN, added TIMESTAMP NULL, added_on DATE, picture " + db.binaryType + ", note VARCHAR(50))",
                "INSERT INTO " + table + " VALUES (1, 'pen', 2.50, TRUE, TIMESTAMP '2024-01-31 10:00:00', DATE '2024-01-31', "
                        + (db == SqlTestDatabase.POSTGRESQL ? "'\\x010203'" : "X'010203'") + ", NULL)",
                "INSERT INTO " + table + " (id, name, price, in_stock) VALUES (2, 'ink', 7, FALSE), (3, 'pad', 3.25, TRUE),"
                        + " (4, 'cap', 1, TRUE), (5, 'nib', 0.5, FALSE)");
        try {
            test.run(table);
        } finally {
            db.execute("DROP TABLE " + table);
        }
    }

    @FunctionalInterface
    private interface TableTest {
        void run(String table) throws Exception;
    }

    private static Map<String, ObjectNode> vault(SqlTestDatabase db) {
        return Map.of(CREDENTIAL, db.credential());
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void outputsRowsWithJsonTypes(SqlTestDatabase db) throws Exception {
        withItems(db, table -> {
            ObjectNode output = run(type, vault(db), statement("SELECT id, name AS label, price, in_stock, added,"
                    + " added_on, picture, note FROM " + table + " WHERE id = 1"));
            assertThat(output.get("row_count").intValue()).isEqualTo(1);
            assertThat(output.get("truncated").booleanValue()).isFalse();
            JsonNode row = output.get("rows").get(0);
            assertThat(row.get("id").isIntegralNumber()).isTrue();
            assertThat(row.get("id").intValue()).isEqualTo(1);
            assertThat(row.get("label").stringValue()).isEqualTo("pen");
            assertThat(row.get("price").decimalValue()).isEqualByComparingTo(new BigDecimal("2.5"));
            assertThat(row.get("in_stock").isBoolean()).isTrue();
            assertThat(row.get("in_stock").booleanValue()).isTrue();
            assertThat(row.get("added").stringValue()).isEqualTo("2024-01-31T10:00:00");
            assertThat(row.get("added_on").stringValue()).isEqualTo("2024-01-31");
            assertThat(row.get("picture").stringValue()).isEqualTo("AQID");
            assertThat(row.get("note").isNull()).isTrue();
        });
    }

    @Test
    void outputsPostgresJsonArraysAndZonedTimestampsAsJson() throws Exception {
        SqlTestDatabase db = SqlTestDatabase.POSTGRESQL;
        db.require();
        ObjectNode output = run(type, vault(db), statement("SELECT '{\"a\": [1, true]}'::jsonb AS doc,"
                + " ARRAY[1, 2] AS numbers, TIMESTAMPTZ '2024-01-31 10:00:00+00' AS at"));
        JsonNode row = output.get("rows").get(0);
        assertThat(row.get("doc")).isEqualTo(Json.parse("{\"a\": [1, true]}"));
        assertThat(row.get("numbers")).isEqualTo(Json.parse("[1, 2]"));
        assertThat(row.get("at").stringValue()).endsWith("Z").startsWith("2024-01-31T10:00:00");
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void bindsParameters(SqlTestDatabase db) throws Exception {
        withItems(db, table -> {
            ObjectNode input = statement("SELECT name FROM " + table
                    + " WHERE id > ? AND in_stock = ? AND name <> ? AND price < ? AND (note = ? OR note IS NULL) ORDER BY id");
            input.set("params", Json.parse("[1, true, \"pad\", 3.5, null]"));
            assertThat(run(type, vault(db), input).get("rows")).isEqualTo(Json.parse("[{\"name\": \"cap\"}]"));
        });
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void parametersCannotInjectSql(SqlTestDatabase db) throws Exception {
        withItems(db, table -> {
            ObjectNode input = statement("SELECT id FROM " + table + " WHERE name = ?");
            input.set("params", Json.parse("[\"pen' OR '1'='1\"]"));
            assertThat(run(type, vault(db), input).get("row_count").intValue()).isZero();
        });
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void stopsAtMaxRows(SqlTestDatabase db) throws Exception {
        withItems(db, table -> {
            ObjectNode output = run(type, vault(db), statement("SELECT id FROM " + table + " ORDER BY id").put("max_rows", 3));
            assertThat(output.get("rows")).isEqualTo(Json.parse("[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]"));
            assertThat(output.get("row_count").intValue()).isEqualTo(3);
            assertThat(output.get("truncated").booleanValue()).isTrue();

            ObjectNode all = run(type, vault(db), statement("SELECT id FROM " + table).put("max_rows", 5));
            assertThat(all.get("row_count").intValue()).isEqualTo(5);
            assertThat(all.get("truncated").booleanValue()).isFalse();
        });
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void refusesToWrite(SqlTestDatabase db) throws Exception {
        withItems(db, table -> {
            TaskFailure failure = failure(type, vault(db), statement("DELETE FROM " + table));
            assertThat(failure.retryable()).isFalse();
            assertThat(failure).hasMessageStartingWith("the database refused the statement: ");
            db.execute("INSERT INTO " + table + " (id) VALUES (6)");
        });
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void syntaxErrorFailsForGoodWithTheDatabasesMessage(SqlTestDatabase db) {
        db.require();
        TaskFailure failure = failure(type, vault(db), statement("SELEC 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("the database refused the statement: ").hasMessageContaining("syntax");
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void slowQueryIsCancelledAtTheTimeout(SqlTestDatabase db) {
        db.require();
        long started = System.nanoTime();
        TaskFailure failure = failure(type, vault(db), statement(db.sleepQuery).put("timeout_ms", 1000));
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageStartingWith("the statement ran longer than 1000 ms");
        assertThat(System.nanoTime() - started).isLessThan(4_500_000_000L);
    }

    @Test
    void missingCredentialFailsForGood() {
        TaskFailure failure = failure(type, Map.of(), statement("SELECT 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("input 'credential': there is no credential named 'test-db' in this organization");
    }

    @Test
    void urlOfAnotherDriverFailsForGood() {
        ObjectNode h2 = Json.object().put("url", "jdbc:h2:mem:x").put("user", "sa").put("password", "pw");
        TaskFailure failure = failure(type, Map.of(CREDENTIAL, h2), statement("SELECT 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("input 'credential': the credential's url must start with jdbc:postgresql://");
    }

    @Test
    void urlOptionThatReadsLocalFilesFailsForGood() {
        ObjectNode credential = SqlTestDatabase.MARIADB.credential()
                .put("url", SqlTestDatabase.MARIADB.url + "?allowLocalInfile=true");
        TaskFailure failure = failure(type, Map.of(CREDENTIAL, credential), statement("SELECT 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("input 'credential': the credential's url may not set the option 'allowLocalInfile'");
    }

    @Test
    void wrongPasswordFailsWithoutShowingIt() {
        SqlTestDatabase db = SqlTestDatabase.MARIADB;
        db.require();
        String password = "not-the-password-4711";
        ObjectNode credential = db.credential().put("password", password);
        TaskFailure failure = failure(type, Map.of(CREDENTIAL, credential), statement("SELECT 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("input 'credential': the database refused the connection: ")
                .hasMessageNotContaining(password);
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void unreachableDatabaseFailsForNow(SqlTestDatabase db) {
        String password = "secret-in-the-url";
        ObjectNode credential = db.credential().put("url", db.url.replaceFirst(":\\d+/", ":1/")).put("password", password);
        TaskFailure failure = failure(type, Map.of(CREDENTIAL, credential), statement("SELECT 1"));
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageStartingWith("could not connect to the database: ").hasMessageNotContaining(password);
    }
}
