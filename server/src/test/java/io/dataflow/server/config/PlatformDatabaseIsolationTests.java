package io.dataflow.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reproduction of issue 9's first finding, against the real PostgreSQL: an organization's SQL tasks must not reach
 * the platform's own database (here 127.0.0.1:5432, database {@code test}), under any name of this machine, even
 * though the test servers allow private networks. Only an allow-list entry naming its host and port opens that
 * server to tasks, which then reach another database on it.
 */
class PlatformDatabaseIsolationTests {

    /** The names of this machine a task could use for the platform database's host. */
    private static final List<String> ALIASES = List.of("127.0.0.1", "localhost", "[::1]", "127.1", "0.0.0.0");

    /** A database beside the platform's on the same PostgreSQL server. */
    private static final String TASKS_DATABASE = "dataflow_tasks_test";

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/";

    @BeforeAll
    static void createTheTasksDatabase() throws SQLException {
        TestDatabase.requirePostgres();
        try (Connection c = DriverManager.getConnection(PG_URL + "test", "postgres", "");
                Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + TASKS_DATABASE + "'")) {
                if (r.next()) {
                    return;
                }
            }
            try {
                s.execute("CREATE DATABASE " + TASKS_DATABASE);
            } catch (SQLException e) {
                // Another test JVM may have created it in the meantime; 42P04 is "duplicate database".
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    /** Organization B: its admin (who alone may create credentials) and a member key that runs workflows. */
    private record Tenant(Api admin, Api member) {
    }

    private static Tenant tenant(TestServer server) {
        Api admin = server.newOrganization("B " + UUID.randomUUID());
        return new Tenant(admin, server.keyOf(admin, "workflows:read", "workflows:write", "workflows:execute"));
    }

    private static String credential(Tenant tenant, String host, String database) {
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        // Every key of the organization may use it: the guard, not the credential's rules, must stop the member.
        var created = tenant.admin().post("/api/v1/credentials", """
                {"name": "%s", "usableBy": "organization",
                 "value": {"url": "jdbc:postgresql://%s:5432/%s", "user": "postgres", "password": ""}}"""
                .formatted(name, host, database));
        if (created.status() != 201) {
            throw new AssertionError("creating credential " + name + " answered " + created.status());
        }
        return name;
    }

    /** Runs one SQL task as organization B's member and returns the finished execution. */
    private static JsonNode run(Tenant tenant, String type, String credential, String sql) {
        String workflowId = tenant.member().createWorkflow("""
                {
                  "title": "Reach %s",
                  "tasks": [ { "name": "sql", "type": "%s",
                               "inputs": { "credential": "%s", "sql": "%s" } } ],
                  "outputs": [ { "name": "result", "type": "any", "value": "{{ tasks.sql.outputs.%s }}" } ]
                }""".formatted(UUID.randomUUID(), type, credential, sql.replace("\"", "\\\""),
                type.equals("sql.query") ? "rows" : "affected"));
        return tenant.member().awaitFinished(workflowId, tenant.member().startExecution(workflowId, "{}"));
    }

    private static long apiKeyRows(TestServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL + "test", "postgres", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + server.settings().schema() + ".api_keys")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void sqlTasksCannotReadOrWriteThePlatformDatabaseUnderAnyNameOfThisMachine() throws Exception {
        TestServer server = TestServer.shared(TestDatabase.POSTGRESQL);
        server.newOrganization("A " + UUID.randomUUID()); // a victim with a webhook secret to steal
        Tenant tenant = tenant(server);
        String schema = server.settings().schema();
        String organizationId = tenant.admin().get("/organization").body().get("organization_id").asString();
        long keysBefore = apiKeyRows(server);

        for (String host : ALIASES) {
            String credential = credential(tenant, host, "test");
            JsonNode read = run(tenant, "sql.query", credential,
                    "SELECT id, name, webhook_secret FROM " + schema + ".organizations");
            JsonNode write = run(tenant, "sql.execute", credential, "INSERT INTO " + schema + ".api_keys (id, "
                    + "organization_id, name, key_hash, key_prefix, scopes, created_at) VALUES ('key-planted-"
                    + UUID.randomUUID().toString().substring(0, 8) + "', '" + organizationId + "', 'planted', '"
                    + UUID.randomUUID() + "', 'dfp_x', 'admin', now())");

            for (JsonNode execution : List.of(read, write)) {
                assertThat(execution.get("status").asString()).as(host + ": " + execution).isEqualTo("FAILED");
                assertThat(execution.toString()).as(host)
                        .contains("refused to connect to the database at " + host + ":5432")
                        .contains(host.equals("0.0.0.0") ? "the unspecified address" : "DATAFLOW_OUTBOUND_ALLOW")
                        .doesNotContain("whsec_");
            }
        }
        assertThat(apiKeyRows(server)).isEqualTo(keysBefore);
    }

    @Test
    void anAllowListEntryNamingTheHostAndPortOpensThatServerToTasks() {
        try (TestServer server = TestServer.start(TestDatabase.POSTGRESQL,
                Map.of("DATAFLOW_OUTBOUND_ALLOW", "127.0.0.1:5432"))) {
            Tenant tenant = tenant(server);

            JsonNode reached = run(tenant, "sql.query", credential(tenant, "127.0.0.1", TASKS_DATABASE),
                    "SELECT current_database() AS db");
            assertThat(reached.get("status").asString()).as(reached.toString()).isEqualTo("COMPLETED");
            assertThat(reached.get("outputs").get("result").get(0).get("db").asString())
                    .isEqualTo(TASKS_DATABASE);

            // The entry names 127.0.0.1 only: the same server under its IPv6 loopback name stays closed.
            JsonNode other = run(tenant, "sql.query", credential(tenant, "[::1]", TASKS_DATABASE), "SELECT 1");
            assertThat(other.get("status").asString()).isEqualTo("FAILED");
            assertThat(other.toString()).contains("refused to connect").contains("DATAFLOW_OUTBOUND_ALLOW");
        }
    }
}
