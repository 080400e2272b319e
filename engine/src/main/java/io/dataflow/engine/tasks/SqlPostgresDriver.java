package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.net.SocketFactory;
import org.postgresql.Driver;

/** PostgreSQL through pgjdbc. */
final class SqlPostgresDriver implements SqlDriver {

    static final SqlPostgresDriver INSTANCE = new SqlPostgresDriver();

    private static final String PREFIX = "jdbc:postgresql:";

    /**
     * Options refused in a URL (compared {@linkplain SqlDriver#normalizedOption normalized}): classes loaded by name,
     * local files (the service file, client certificates and keys, log files), the driver-wide log level, the
     * worker's own Kerberos identity, and the local address to bind.
     */
    private static final Set<String> REFUSED = Set.of("socketfactory", "socketfactoryarg", "sslfactory",
            "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname",
            "connectexecutor", "connectexecutorarg", "xmlfactoryfactory", "classloaderstrategy", "service",
            "sslcert", "sslkey", "sslrootcert", "loggerfile", "loggerlevel", "gssusedefaultcreds",
            "jaasapplicationname", "localsocketaddress");

    /** One driver instance: {@code connect} on it is what DriverManager would call. */
    private static final Driver DRIVER = new Driver();

    private SqlPostgresDriver() {
    }

    @Override
    public boolean accepts(String url) {
        return url.startsWith(PREFIX);
    }

    @Override
    public String check(String url, String field) throws TaskFailure {
        Properties parsed = parse(url, null, field);
        for (String option : parsed.stringPropertyNames()) {
            if (REFUSED.contains(SqlDriver.normalizedOption(option))) {
                throw SqlDriver.refusedOption(field, option);
            }
        }
        keepsPlatformOptions(url, platformOptions("token", Duration.ofSeconds(1), Duration.ofSeconds(1)), field);
        return where(parsed, field);
    }

    @Override
    public Connection connect(String url, String user, String password, Duration timeout, Duration socketTimeout,
            SocketFactory sockets, String field) throws SQLException, TaskFailure {
        Properties properties = platformOptions(SqlSockets.tokenFor(sockets), timeout, socketTimeout);
        keepsPlatformOptions(url, properties, field);
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = DRIVER.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver did not take the URL", "08001");
        }
        return connection;
    }

    /** What the platform sets. */
    private static Properties platformOptions(String token, Duration timeout, Duration socketTimeout) {
        Properties properties = new Properties();
        properties.setProperty("socketFactory", SqlSocketFactory.class.getName());
        properties.setProperty("socketFactoryArg", token);
        properties.setProperty("connectTimeout", Long.toString(SqlStatement.seconds(timeout)));
        properties.setProperty("socketTimeout", Long.toString(SqlStatement.seconds(socketTimeout)));
        // Text parameters go untyped, so the database casts them as the statement needs (a JSON text into a jsonb
        // column, "5" against an integer) as MariaDB does.
        properties.setProperty("stringtype", "unspecified");
        return properties;
    }

    /**
     * Checks that the socket options the platform sets are the ones pgjdbc will use with this URL, whose options win
     * over the properties: the check of the URL's own options already refuses them, this makes sure on the result.
     */
    private static void keepsPlatformOptions(String url, Properties platform, String field) throws TaskFailure {
        Properties parsed = parse(url, platform, field);
        for (String option : List.of("socketFactory", "socketFactoryArg")) {
            if (!platform.getProperty(option).equals(parsed.getProperty(option))) {
                throw SqlDriver.refusedOption(field, option);
            }
        }
    }

    /**
     * The URL as pgjdbc reads it.
     *
     * @param platform properties under the URL's options, or null for the URL's alone
     */
    private static Properties parse(String url, Properties platform, String field) throws TaskFailure {
        Properties parsed = Driver.parseURL(url, platform);
        if (parsed == null) {
            throw TaskFailure.permanent("input '" + field + "': the credential's url is not a PostgreSQL JDBC URL the"
                    + " driver can read");
        }
        return parsed;
    }

    /** {@code host:port} of every host, as pgjdbc lists them. */
    private static String where(Properties parsed, String field) throws TaskFailure {
        String[] hosts = parsed.getProperty("PGHOST", "").split(",");
        String[] ports = parsed.getProperty("PGPORT", "").split(",");
        if (hosts.length != ports.length) {
            throw TaskFailure.permanent("input '" + field + "': the credential's url names " + hosts.length
                    + " hosts but " + ports.length + " ports");
        }
        List<String> where = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            where.add(hosts[i] + ":" + ports[i]);
        }
        return String.join(", ", where);
    }
}
