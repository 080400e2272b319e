package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.SqlTestDatabase.CREDENTIAL;
import static io.dataflow.engine.tasks.SqlTestDatabase.failure;
import static io.dataflow.engine.tasks.SqlTestDatabase.run;
import static io.dataflow.engine.tasks.SqlTestDatabase.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.net.OutboundAllowList;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.net.PlatformDatabase;
import io.dataflow.engine.spi.TaskFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SQL task types connect through the outbound guard, under every name of the target and for every host of a URL,
 * and a credential's URL cannot swap the socket factory or set other options that would get around it.
 */
class SqlOutboundTests {

    /** Every way of writing this machine, where both test databases run. */
    private static final List<String> LOCAL_NAMES = List.of("127.0.0.1", "localhost", "[::1]", "127.1", "0.0.0.0");

    private static final SocketFactory LOOPBACK_REFUSED = new OutboundGuard(false).socketFactory();

    private final SqlQuery query = new SqlQuery();
    private final SqlExecute execute = new SqlExecute();

    private static Map<String, ObjectNode> vault(SqlTestDatabase db, String url) {
        return Map.of(CREDENTIAL, db.credential().put("url", url));
    }

    private static Map<String, ObjectNode> vault(SqlTestDatabase db, String url, String password) {
        return Map.of(CREDENTIAL, db.credential().put("url", url).put("password", password));
    }

    /** The test database's URL with another host. */
    private static String at(SqlTestDatabase db, String host) {
        return db.url.replace("127.0.0.1", host);
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void everyNameOfThisMachineIsRefusedWhenLoopbackIs(SqlTestDatabase db) {
        db.require();
        for (String host : LOCAL_NAMES) {
            TaskFailure failure = failure(query, vault(db, at(db, host), "not-shown-4711"), statement("SELECT 1"),
                    LOOPBACK_REFUSED);
            assertThat(failure.retryable()).as(host).isFalse();
            assertThat(failure).as(host)
                    .hasMessageStartingWith("input 'credential': refused to connect to the database at ")
                    .hasMessageContaining(host.replace("[", "").replace("]", ""))
                    .hasMessageContaining(host.equals("0.0.0.0") ? "unspecified address" : "DATAFLOW_OUTBOUND_ALLOW")
                    .hasMessageNotContaining("not-shown-4711");
        }
    }

    @ParameterizedTest
    @EnumSource(SqlTestDatabase.class)
    void aRefusedStatementChangesNothing(SqlTestDatabase db) throws Exception {
        db.require();
        String table = SqlTestDatabase.uniqueTable();
        db.execute("CREATE TABLE " + table + " (id INTEGER)");
        try {
            TaskFailure failure = failure(execute, vault(db, db.url), statement("INSERT INTO " + table
                    + " VALUES (1)"), LOOPBACK_REFUSED);
            assertThat(failure).hasMessageContaining("refused to connect");
            try (Connection c = DriverManager.getConnection(db.url, db.user, "");
                    ResultSet rows = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        } finally {
            db.execute("DROP TABLE " + table);
        }
    }

    @Test
    void everyHostOfAMultiHostUrlIsGuarded() {
        SqlTestDatabase.POSTGRESQL.require();
        SqlTestDatabase.MARIADB.require();
        // 127.0.0.2 is allowed but nothing answers there; 127.0.0.1, where the database answers, is refused. In
        // either order the task must not reach the database.
        SocketFactory otherOnly = new OutboundGuard(false, OutboundAllowList.parse("127.0.0.2"), List.of())
                .socketFactory();
        for (String hosts : List.of("127.0.0.2:%d,127.0.0.1:%d", "127.0.0.1:%d,127.0.0.2:%d")) {
            String postgres = "jdbc:postgresql://" + hosts.formatted(1, 5432) + "/test";
            String mariaDb = "jdbc:mariadb:sequential://" + hosts.formatted(1, 3306) + "/test?retriesAllDown=1";
            assertThat(failure(query, vault(SqlTestDatabase.POSTGRESQL, postgres), statement("SELECT 1"), otherOnly))
                    .as(postgres).isNotNull();
            assertThat(failure(query, vault(SqlTestDatabase.MARIADB, mariaDb), statement("SELECT 1"), otherOnly))
                    .as(mariaDb).isNotNull();
        }
        // When the refused host is the last one tried, its refusal is what the task reports.
        TaskFailure last = failure(query, vault(SqlTestDatabase.POSTGRESQL,
                "jdbc:postgresql://127.0.0.2:1,127.0.0.1:5432/test"), statement("SELECT 1"), otherOnly);
        assertThat(last.retryable()).isFalse();
        assertThat(last).hasMessageContaining("refused to connect to the database at 127.0.0.2:1, 127.0.0.1:5432:"
                + " host 127.0.0.1 (port 5432)");
    }

    @Test
    void thePlatformDatabaseIsRefusedByPortEvenWithPrivateNetworksAllowed() throws Exception {
        SqlTestDatabase.POSTGRESQL.require();
        SqlTestDatabase.MARIADB.require();
        List<PlatformDatabase> platform = PlatformDatabase.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        SocketFactory sockets = new OutboundGuard(true, OutboundAllowList.NONE, platform).socketFactory();
        for (String host : List.of("127.0.0.1", "localhost", "127.1")) {
            TaskFailure failure = failure(query, vault(SqlTestDatabase.POSTGRESQL, at(SqlTestDatabase.POSTGRESQL,
                    host)), statement("SELECT 1"), sockets);
            assertThat(failure).as(host).hasMessageContaining("where the platform's own database listens");
        }
        // Another port of the same machine is not the platform's database.
        assertThat(run(query, vault(SqlTestDatabase.MARIADB, SqlTestDatabase.MARIADB.url), statement("SELECT 1 AS one"),
                sockets).get("rows").get(0).get("one").intValue()).isEqualTo(1);
        // An entry naming its port opens it.
        SocketFactory named = new OutboundGuard(true, OutboundAllowList.parse("127.0.0.1:5432"), platform)
                .socketFactory();
        assertThat(run(query, vault(SqlTestDatabase.POSTGRESQL, SqlTestDatabase.POSTGRESQL.url),
                statement("SELECT 1 AS one"), named).get("row_count").intValue()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"socketFactory=javax.net.DefaultSocketFactory", "socketFactoryArg=x",
            "socket%46actory=javax.net.DefaultSocketFactory", "%73ocketFactory=x", "SocketFactory=x",
            "socket%2546actory=x", "sslfactory=org.postgresql.ssl.NonValidatingFactory", "sslkey=/etc/ssl/private/k",
            "sslrootcert=/etc/passwd", "loggerFile=/tmp/log", "authenticationPluginClassName=x",
            "connectExecutor=x", "localSocketAddress=127.0.0.1", "xmlFactoryFactory=x"})
    void postgresUrlOptionsThatGetAroundTheGuardAreRefused(String option) {
        String url = SqlTestDatabase.POSTGRESQL.url + "?ApplicationName=t&" + option;
        TaskFailure failure = failure(query, vault(SqlTestDatabase.POSTGRESQL, url), statement("SELECT 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("input 'credential': the credential's url may not set the option '"
                + option.substring(0, option.indexOf('=')) + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"socketFactory=javax.net.DefaultSocketFactory", "SOCKETFACTORY=x",
            "socket%46actory=x", "dataflowSockets=other", "localSocket=/run/mysqld/mysqld.sock", "pipe=x",
            "credentialType=ENV", "allowLocalInfile=true", "tlsSocketType=x", "keyStore=/etc/k",
            "serverSslCert=/etc/passwd", "pool=true", "fallbackToSystemKeyStore=true", "localSocketAddress=x",
            "serverRsaPublicKeyFile=/etc/k"})
    void mariaDbUrlOptionsThatGetAroundTheGuardAreRefused(String option) {
        String url = SqlTestDatabase.MARIADB.url + "?connectTimeout=5000&" + option;
        TaskFailure failure = failure(query, vault(SqlTestDatabase.MARIADB, url), statement("SELECT 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("input 'credential': the credential's url may not set the option '")
                .containsIgnoringCase(option.substring(0, option.indexOf('=')));
    }

    @Test
    void aMariaDbLocalSocketAddressIsRefused() {
        TaskFailure failure = failure(query, vault(SqlTestDatabase.MARIADB,
                "jdbc:mariadb://address=(localSocket=/run/mysqld/mysqld.sock),127.0.0.1:3306/test"),
                statement("SELECT 1"));
        assertThat(failure).hasMessage("input 'credential': the credential's url may not set the option"
                + " 'localSocket'");
    }

    @Test
    void anUnreadableUrlFailsForGood() {
        TaskFailure failure = failure(query, vault(SqlTestDatabase.POSTGRESQL, "jdbc:postgresql:/db"),
                statement("SELECT 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("input 'credential': the credential's url is not a PostgreSQL JDBC URL the"
                + " driver can read");
    }

    @Test
    void withoutTheGuardsSocketsNothingConnects() {
        SqlTestDatabase.POSTGRESQL.require();
        // A connection the platform did not open through a task knows no guard, and its sockets refuse.
        assertThat(SqlSockets.forToken("made-up")).isNotNull();
        TaskFailure failure = failure(query, vault(SqlTestDatabase.POSTGRESQL, SqlTestDatabase.POSTGRESQL.url),
                statement("SELECT 1"), io.dataflow.engine.spi.TaskServices.NONE.sockets());
        assertThat(failure).hasRootCauseMessage("outbound connections are not available here");
    }
}
