package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskServices;
import io.dataflow.engine.spi.TaskType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.node.ObjectNode;

/**
 * The real databases the SQL task types are tested against: PostgreSQL on 127.0.0.1:5432 and MariaDB on
 * 127.0.0.1:3306, each with a database {@code test}. A database that does not answer skips its tests with a message,
 * unless {@code DATAFLOW_TEST_POSTGRES=required} or {@code DATAFLOW_TEST_MARIADB=required} makes that a failure.
 */
enum SqlTestDatabase {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "DATAFLOW_TEST_POSTGRES", "SELECT pg_sleep(5)",
            "bytea"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root", "DATAFLOW_TEST_MARIADB", "SELECT SLEEP(5)",
            "varbinary(16)");

    /** The guard of the task types' connections in tests: the databases are on this machine. */
    static final OutboundGuard LOOPBACK_ALLOWED = new OutboundGuard(true);

    /** The credential name the test context knows. */
    static final String CREDENTIAL = "test-db";

    final String url;
    final String user;
    private final String requiredVariable;
    /** A query that runs five seconds. */
    final String sleepQuery;
    /** A column type for a few bytes. */
    final String binaryType;

    SqlTestDatabase(String url, String user, String requiredVariable, String sleepQuery,
            String binaryType) {
        this.url = url;
        this.user = user;
        this.requiredVariable = requiredVariable;
        this.sleepQuery = sleepQuery;
        this.binaryType = binaryType;
    }

    /** The credential value for this database. */
    ObjectNode credential() {
        return Json.object().put("url", url).put("user", user).put("password", "");
    }

    /** Skips (or, when required, fails) the calling test when the database does not answer. */
    void require() {
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = name() + " at " + url + " does not answer (" + e.getMessage() + ")";
            String required = System.getenv(requiredVariable);
            if (required != null && "required".equals(required.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException(message + "; " + requiredVariable + "=required", e);
            }
            System.err.println("SKIPPING " + name() + " tests: " + message);
            Assumptions.abort(message);
        }
    }

    /** A table name no other test run uses. */
    static String uniqueTable() {
        return "sqltask_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Runs statements directly, outside the task types under test. */
    void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** Runs a type with only the given credentials in its organization's vault. */
    static ObjectNode run(TaskType type, Map<String, ObjectNode> credentials, ObjectNode input) throws Exception {
        return run(type, credentials, input, LOOPBACK_ALLOWED.socketFactory());
    }

    /** Runs a type with its connections behind {@code sockets}. */
    static ObjectNode run(TaskType type, Map<String, ObjectNode> credentials, ObjectNode input, SocketFactory sockets)
            throws Exception {
        return type.execute(context(credentials, sockets), input);
    }

    /** Runs the type and returns the failure it must report. */
    static TaskFailure failure(TaskType type, Map<String, ObjectNode> credentials, ObjectNode input) {
        return failure(type, credentials, input, LOOPBACK_ALLOWED.socketFactory());
    }

    /** Runs the type with its connections behind {@code sockets} and returns the failure it must report. */
    static TaskFailure failure(TaskType type, Map<String, ObjectNode> credentials, ObjectNode input,
            SocketFactory sockets) {
        try {
            type.execute(context(credentials, sockets), input);
        } catch (TaskFailure failure) {
            return failure;
        } catch (Exception other) {
            throw new AssertionError("expected a TaskFailure, got " + other, other);
        }
        throw new AssertionError("expected a TaskFailure, but " + type.name() + " succeeded");
    }

    /** An input naming the test credential. */
    static ObjectNode statement(String sql) {
        return Json.object().put("credential", CREDENTIAL).put("sql", sql);
    }

    private static TaskContext context(Map<String, ObjectNode> credentials, SocketFactory sockets) {
        return new TaskContext("org-1", "ex-1", "task", 1, Json.MAPPER, new TaskServices(TaskServices.NONE.http(),
                (org, name) -> "org-1".equals(org) ? Optional.ofNullable(credentials.get(name)) : Optional.empty(),
                TaskServices.NONE.files(), sockets));
    }
}
