package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.net.SocketFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The database a credential names: its JDBC URL, user and password, and how to connect to it. Only PostgreSQL and
 * MariaDB/MySQL URLs are accepted (their drivers ship with the engine); {@code jdbc:mysql:} is served by the MariaDB
 * driver. The URL is checked by its driver's own parser ({@link SqlDriver}), and every connection goes through the
 * outbound guard, whatever host the URL names.
 *
 * @param where the hosts and ports the URL names, for messages
 */
record SqlDatabase(SqlDriver driver, String url, String where, String user, String password) {

    private static final List<SqlDriver> DRIVERS = List.of(SqlPostgresDriver.INSTANCE, SqlMariaDbDriver.INSTANCE);

    private static final String MYSQL_PREFIX = "jdbc:mysql:";

    /** Extra time the socket waits beyond the statement timeout, for the database to report the cancellation. */
    private static final Duration SOCKET_GRACE = Duration.ofSeconds(10);

    /**
     * Reads a credential's value.
     *
     * @throws TaskFailure permanent, naming {@code field}, when the URL is missing, is not PostgreSQL or MariaDB/MySQL,
     *     or carries a refused option
     */
    static SqlDatabase from(ObjectNode credential, String field) throws TaskFailure {
        String url = text(credential, "url");
        if (url == null || url.isBlank()) {
            throw TaskFailure.permanent("input '" + field + "': the credential has no 'url'");
        }
        url = url.strip();
        if (url.startsWith(MYSQL_PREFIX)) {
            url = "jdbc:mariadb:" + url.substring(MYSQL_PREFIX.length());
        }
        for (SqlDriver driver : DRIVERS) {
            if (driver.accepts(url)) {
                String where = driver.check(url, field);
                return new SqlDatabase(driver, url, where, text(credential, "user"), text(credential, "password"));
            }
        }
        throw TaskFailure.permanent("input '" + field + "': the credential's url must start with jdbc:postgresql://,"
                + " jdbc:mariadb:// or jdbc:mysql://, got " + scheme(url));
    }

    /**
     * Opens a connection through {@code sockets} (the outbound guard's) that gives up connecting after
     * {@code timeout} and reading after {@code timeout} plus a grace period.
     */
    Connection connect(Duration timeout, SocketFactory sockets, String field) throws SQLException, TaskFailure {
        return driver.connect(url, user, password, timeout, timeout.plus(SOCKET_GRACE), sockets, field);
    }

    /** The text with the password blotted out, for messages that quote what the driver said. */
    String redact(String text) {
        if (text == null || password == null || password.isEmpty()) {
            return text;
        }
        return text.replace(password, "***");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "SqlDatabase[" + url + ", user " + user + "]";
    }

    /** The part of a URL before its host, which holds no secret. */
    private static String scheme(String url) {
        int hostStart = url.indexOf("//");
        return hostStart < 0 ? "a url without '//'" : "'" + url.substring(0, hostStart + 2) + "...'";
    }

    private static String text(ObjectNode credential, String name) {
        JsonNode value = credential.get(name);
        return value == null || value.isNull() ? null : value.asString();
    }
}
