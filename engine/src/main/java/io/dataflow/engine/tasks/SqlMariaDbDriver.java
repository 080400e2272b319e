package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import javax.net.SocketFactory;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.Driver;
import org.mariadb.jdbc.HostAddress;

/**
 * MariaDB and MySQL through MariaDB Connector/J ({@code jdbc:mysql:} URLs are read as {@code jdbc:mariadb:} ones by
 * {@link SqlDatabase}). The driver connects with exactly the configuration checked here.
 */
final class SqlMariaDbDriver implements SqlDriver {

    static final SqlMariaDbDriver INSTANCE = new SqlMariaDbDriver();

    private static final String PREFIX = "jdbc:mariadb:";

    /**
     * Options refused by name (compared {@linkplain SqlDriver#normalizedOption normalized}) among those the driver
     * does not know, where a misspelt or encoded refused option ends up, and the platform's token option.
     */
    private static final Set<String> REFUSED = Set.of("socketfactory", "tlssockettype", "allowlocalinfile",
            "allowloadlocalinfile", "pipe", "localsocket", "localsocketaddress", "credentialtype",
            "serverrsapublickeyfile", "keystore", "truststore", "serversslcert", "pool",
            "fallbacktosystemkeystore", SqlSocketFactory.MARIADB_TOKEN_OPTION.toLowerCase(Locale.ROOT));

    private SqlMariaDbDriver() {
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith(PREFIX);
    }

    @Override
    public String check(String url, String field) throws TaskFailure {
        Configuration parsed = parse(url, new Properties(), field);
        refuseOptions(parsed, field);
        configuration(url, platformOptions("token", Duration.ofSeconds(1), Duration.ofSeconds(1)), field);
        List<String> where = new ArrayList<>();
        for (HostAddress address : parsed.addresses()) {
            where.add((address.host.indexOf(':') >= 0 ? "[" + address.host + "]" : address.host) + ":" + address.port);
        }
        return String.join(", ", where);
    }

    @Override
    public Connection connect(String url, String user, String password, Duration timeout, Duration socketTimeout,
            SocketFactory sockets, String field) throws SQLException, TaskFailure {
        Properties options = platformOptions(SqlSockets.tokenFor(sockets), timeout, socketTimeout);
        if (user != null) {
            options.setProperty("user", user);
        }
        if (password != null) {
            options.setProperty("password", password);
        }
        return Driver.connect(configuration(url, options, field));
    }

    /**
     * Refuses what the URL alone sets: options that load a class, read a local file, connect other than over TCP
     * (a Unix socket or a named pipe, which no guard sees), keep connections in a pool of the driver, or use the
     * worker's own key store or environment for the login. Getters whose default is already refused-free are read
     * from the configuration; the others by name.
     */
    private static void refuseOptions(Configuration parsed, String field) throws TaskFailure {
        check(parsed.socketFactory() != null, "socketFactory", field);
        check(parsed.tlsSocketType() != null, "tlsSocketType", field);
        check(parsed.pipe() != null || parsed.addresses().stream().anyMatch(a -> a.pipe != null), "pipe", field);
        check(parsed.localSocket() != null || parsed.addresses().stream().anyMatch(a -> a.localSocket != null),
                "localSocket", field);
        check(parsed.localSocketAddress() != null, "localSocketAddress", field);
        check(parsed.credentialPlugin() != null, "credentialType", field);
        check(parsed.serverRsaPublicKeyFile() != null, "serverRsaPublicKeyFile", field);
        check(parsed.keyStore() != null, "keyStore", field);
        check(parsed.trustStore() != null, "trustStore", field);
        // A certificate may be given inline; anything else names a file.
        check(parsed.serverSslCert() != null && !parsed.serverSslCert().strip().startsWith("-----BEGIN"),
                "serverSslCert", field);
        check(parsed.pool(), "pool", field);
        for (String option : parsed.nonMappedOptions().stringPropertyNames()) {
            check(REFUSED.contains(SqlDriver.normalizedOption(option)), option, field);
        }
    }

    private static void check(boolean refused, String option, String field) throws TaskFailure {
        if (refused) {
            throw SqlDriver.refusedOption(field, option);
        }
    }

    /**
     * The URL's configuration over the platform's {@code options}, checked to hold them: the driver lets the URL's
     * options win, in an order that depends on how they are spelt, so the check is on the result, which is then
     * the very configuration the driver connects with.
     */
    private static Configuration configuration(String url, Properties options, String field) throws TaskFailure {
        Configuration configuration = parse(url, options, field);
        String token = SqlSocketFactory.MARIADB_TOKEN_OPTION;
        check(!SqlSocketFactory.class.getName().equals(configuration.socketFactory()), "socketFactory", field);
        check(!options.getProperty(token).equals(configuration.nonMappedOptions().getProperty(token)), token, field);
        check(configuration.allowLocalInfile(), "allowLocalInfile", field);
        check(configuration.fallbackToSystemKeyStore(), "fallbackToSystemKeyStore", field);
        return configuration;
    }

    /** What the platform sets. */
    private static Properties platformOptions(String token, Duration timeout, Duration socketTimeout) {
        Properties properties = new Properties();
        properties.setProperty("socketFactory", SqlSocketFactory.class.getName());
        properties.setProperty(SqlSocketFactory.MARIADB_TOKEN_OPTION, token);
        properties.setProperty("connectTimeout", Long.toString(timeout.toMillis()));
        properties.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        // LOAD DATA LOCAL would let the database read the worker's files; the worker's key store is the platform's.
        properties.setProperty("allowLocalInfile", "false");
        properties.setProperty("fallbackToSystemKeyStore", "false");
        return properties;
    }

    /**
     * The URL as the driver reads it, over a copy of {@code properties} (the driver writes the URL's options into
     * the properties it is given).
     */
    private static Configuration parse(String url, Properties properties, String field) throws TaskFailure {
        Properties copy = new Properties();
        copy.putAll(properties);
        Configuration configuration;
        try {
            configuration = Configuration.parse(url, copy);
        } catch (SQLException | RuntimeException e) {
            configuration = null;
        }
        if (configuration == null) {
            throw TaskFailure.permanent("input '" + field + "': the credential's url is not a MariaDB JDBC URL the"
                    + " driver can read");
        }
        return configuration;
    }
}
