package io.dataflow.server.support;

import io.dataflow.engine.Engine;
import io.dataflow.server.DataflowApplication;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real server on a random port over a fresh database, started in this JVM. {@link #shared} gives one server per
 * database for the whole test run (tests keep apart by creating their own workflows); {@link #start} gives a
 * private one, to be closed by the test.
 */
public final class TestServer implements AutoCloseable {

    public static final String ADMIN_KEY = "dfp_test_admin_key_0123456789";

    private static final Map<TestDatabase, TestServer> SHARED = new EnumMap<>(TestDatabase.class);

    private final ConfigurableApplicationContext context;
    private final TestDatabase database;
    private final TestDatabase.Fresh settings;
    private final Api api;

    private TestServer(TestDatabase database, TestDatabase.Fresh settings, ConfigurableApplicationContext context) {
        this.database = database;
        this.settings = settings;
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.api = new Api("http://127.0.0.1:" + port, ADMIN_KEY);
    }

    /** The server of this database shared by all tests; started on first use, stopped when the JVM exits. */
    public static synchronized TestServer shared(TestDatabase database) {
        if (database == TestDatabase.POSTGRESQL) {
            TestDatabase.requirePostgres();
        }
        return SHARED.computeIfAbsent(database, db -> {
            TestServer server = start(db, Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        });
    }

    /** A new server over a new database, with extra settings (DATAFLOW_* names). */
    public static TestServer start(TestDatabase database, Map<String, String> extra) {
        TestDatabase.Fresh fresh = database.fresh();
        Map<String, Object> properties = new HashMap<>(properties(fresh));
        properties.putAll(extra);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DataflowApplication.class)
                .properties(properties).run();
        return new TestServer(database, fresh, context);
    }

    /** The settings a server over {@code fresh} runs with, as DATAFLOW_* names. */
    public static Map<String, String> properties(TestDatabase.Fresh fresh) {
        Map<String, String> properties = new HashMap<>();
        properties.put("DATAFLOW_PORT", "0");
        properties.put("DATAFLOW_DB_URL", fresh.url());
        properties.put("DATAFLOW_DB_USER", fresh.user());
        properties.put("DATAFLOW_DB_PASSWORD", fresh.password());
        properties.put("DATAFLOW_DATA_DIR", fresh.dataDir().toString());
        properties.put("DATAFLOW_ADMIN_API_KEY", ADMIN_KEY);
        properties.put("DATAFLOW_ALLOW_PRIVATE_NETWORKS", "true");
        properties.put("DATAFLOW_WORKERS", "8");
        // Several servers share the test PostgreSQL and its 100 connections.
        properties.put("DATAFLOW_DB_POOL_SIZE", "12");
        return properties;
    }

    public Api api() {
        return api;
    }

    /**
     * A client of a new organization on this server, with that organization's first admin key. Its lists hold only
     * what it creates itself, so a test can check that a rejected request stored nothing.
     */
    public Api newOrganization(String name) {
        return api.withKey(engine().organizations().createOrganization(name).secret());
    }

    /**
     * A client with a new key of the organization {@code admin} belongs to, holding only these scopes: a member of
     * that organization without the admin scope when {@code scopes} lacks it.
     */
    public Api keyOf(Api admin, String... scopes) {
        String organizationId = engine().apiKeys().authenticate(admin.key()).orElseThrow().organizationId();
        return api.withKey(engine().organizations().createKey(organizationId, "test key",
                new java.util.LinkedHashSet<>(java.util.List.of(scopes))).secret());
    }

    public TestDatabase database() {
        return database;
    }

    public TestDatabase.Fresh settings() {
        return settings;
    }

    /** A bean of the running server, for what the API does not show (its connection pool, its JSON mapper). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The server's own database, for tests that check what a request stored. */
    public javax.sql.DataSource dataSource() {
        return context.getBean(javax.sql.DataSource.class);
    }

    /**
     * How many versions of the workflow are stored, its executions' own snapshots included (no listing shows those):
     * for tests that check a refused request stored none.
     */
    public long storedVersions(String workflowId) {
        try (java.sql.Connection c = dataSource().getConnection();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM workflow_versions"
                        + " WHERE workflow_id = ?")) {
            s.setString(1, workflowId);
            try (java.sql.ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The engine inside the server, for setting up what the API cannot (a second organization). */
    public Engine engine() {
        return context.getBean(Engine.class);
    }

    @Override
    public void close() {
        context.close();
        settings.drop();
    }
}
