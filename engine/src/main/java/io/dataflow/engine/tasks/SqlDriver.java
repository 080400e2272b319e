package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import javax.net.SocketFactory;

/**
 * One kind of database the SQL task types reach, through its JDBC driver: which URLs are its, which options of a
 * credential's URL are refused, and how to connect so that every socket the driver opens goes through the outbound
 * guard ({@link SqlSocketFactory}).
 *
 * <p>A URL is read by the driver's own parser, never by pattern matching, so that what is checked is what the driver
 * will use. Refused are the options that make the driver load a class or read a local file of the worker (the
 * credential's author must not run code on, or read files of, the worker), reach the database other than over TCP,
 * or replace an option the platform sets (the socket factory above all); and the platform's own options are checked
 * again on the final configuration, since the drivers let a URL override them.
 */
sealed interface SqlDriver permits SqlPostgresDriver, SqlMariaDbDriver {

    /** Whether {@code url} is this driver's. */
    boolean accepts(String url);

    /**
     * Reads the URL and refuses it when it sets a refused option.
     *
     * @return where it connects, as {@code host:port} for each host, for messages
     * @throws TaskFailure permanent, naming {@code field} and the option
     */
    String check(String url, String field) throws TaskFailure;

    /**
     * Opens a connection whose sockets come from {@code sockets}, that gives up connecting after {@code timeout} and
     * reading after {@code socketTimeout}.
     *
     * @throws TaskFailure permanent, naming {@code field}, when the URL overrides an option the platform sets
     */
    Connection connect(String url, String user, String password, Duration timeout, Duration socketTimeout,
            SocketFactory sockets, String field) throws SQLException, TaskFailure;

    /**
     * An option name as compared with the refused ones: trimmed, lower case, and percent-decoded until it no longer
     * changes, so that no spelling a driver might read as a refused option gets past (pgjdbc 42.7 reads names
     * verbatim; a later version might decode them).
     */
    static String normalizedOption(String name) {
        String normalized = name.strip();
        for (int i = 0; i < 5 && normalized.indexOf('%') >= 0; i++) {
            try {
                String decoded = URLDecoder.decode(normalized, StandardCharsets.UTF_8).strip();
                if (decoded.equals(normalized)) {
                    break;
                }
                normalized = decoded;
            } catch (IllegalArgumentException e) {
                break;
            }
        }
        return normalized.toLowerCase(Locale.ROOT);
    }

    /** The failure for a refused option. */
    static TaskFailure refusedOption(String field, String option) {
        return TaskFailure.permanent("input '" + field + "': the credential's url may not set the option '" + option
                + "'");
    }
}
