package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The database a credential names: its JDBC URL, user and password, and how to connect to it. Only PostgreSQL and
 * MariaDB/MySQL URLs are accepted (their drivers ship with the engine); {@code jdbc:mysql:} is served by the MariaDB
 * driver.
 *
 * <p>URL options that make a driver load a class or read a local file are refused: the credential's author must not
 * be able to run code on, or read files of, the worker. For the same reason MariaDB's {@code LOAD DATA LOCAL} is
 * switched off.
 */
record SqlDatabase(Vendor vendor, String url, String user, String password) {

    /** The drivers the engine ships, with what each needs to know about its URL and options. */
    enum Vendor {
        POSTGRESQL("jdbc:postgresql:", Set.of("socketfactory", "socketfactoryarg", "sslfactory", "sslfactoryarg",
                "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname", "loggerfile")),
        MARIADB("jdbc:mariadb:", Set.of("allowlocalinfile", "socketfactory", "tlssockettype",
                "serverrsapublickeyfile", "permitmysqlscheme"));

        private final String prefix;
        private final Set<String> refusedOptions;

        Vendor(String prefix, Set<String> refusedOptions) {
            this.prefix = prefix;
            this.refusedOptions = refusedOptions;
        }
    }

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
        if (url.startsWith(MYSQL_PREFIX)) {
            url = Vendor.MARIADB.prefix + url.substring(MYSQL_PREFIX.length());
        }
        Vendor vendor = vendorOf(url, field);
        refuseOptions(vendor, url, field);
        return new SqlDatabase(vendor, url, text(credential, "user"), text(credential, "password"));
    }

    /**
     * Opens a connection that gives up connecting after {@code timeout} and reading after {@code timeout} plus a
     * grace period.
     */
    Connection connect(Duration timeout) throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Duration socketTimeout = timeout.plus(SOCKET_GRACE);
        switch (vendor) {
            case POSTGRESQL -> {
                properties.setProperty("connectTimeout", Long.toString(SqlStatement.seconds(timeout)));
                properties.setProperty("socketTimeout", Long.toString(SqlStatement.seconds(socketTimeout)));
                // Text parameters go untyped, so the database casts them as the statement needs (a JSON text
                // into a jsonb column, "5" against an integer) as MariaDB does.
                properties.setProperty("stringtype", "unspecified");
            }
            case MARIADB -> {
                properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
                properties.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
                properties.setProperty("allowLocalInfile", "false");
            }
        }
        return DriverManager.getConnection(url, properties);
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

    private static Vendor vendorOf(String url, String field) throws TaskFailure {
        for (Vendor vendor : Vendor.values()) {
            if (url.startsWith(vendor.prefix)) {
                return vendor;
            }
        }
        throw TaskFailure.permanent("input '" + field + "': the credential's url must start with jdbc:postgresql://,"
                + " jdbc:mariadb:// or jdbc:mysql://, got " + scheme(url));
    }

    private static void refuseOptions(Vendor vendor, String url, String field) throws TaskFailure {
        int query = url.indexOf('?');
        if (query < 0) {
            return;
        }
        for (String option : url.substring(query + 1).split("&")) {
            String name = option.split("=", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (vendor.refusedOptions.contains(name)) {
                throw TaskFailure.permanent("input '" + field + "': the credential's url may not set the option '"
                        + option.split("=", 2)[0].trim() + "'");
            }
        }
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
