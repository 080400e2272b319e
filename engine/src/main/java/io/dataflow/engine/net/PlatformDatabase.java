package io.dataflow.engine.net;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the platform's own database listens, which tasks and webhooks must not reach: whoever connects there could
 * read every organization's data. A connection reaches it when it goes to its port and
 * <ul>
 * <li>to the host name of the database URL, or to an address that name resolves to (when the platform started or
 * now), or</li>
 * <li>when the database is on this machine (its host resolves to a loopback address, or an address of one of this
 * machine's network interfaces), to any address of this machine: loopback (127.0.0.0/8, ::1), unspecified
 * (0.0.0.0, ::) or an interface's, since a server listening on all interfaces answers on each.</li>
 * </ul>
 *
 * @param host the host as the database URL names it, without brackets
 * @param port its port
 * @param resolved what the host resolved to when the platform started (empty when it did not resolve then)
 */
public record PlatformDatabase(String host, int port, Set<InetAddress> resolved) {

    /** H2's server mode: {@code jdbc:h2:tcp://host[:port]/path} (or {@code ssl://}), port 9092 by default. */
    private static final Pattern H2_SERVER = Pattern.compile(
            "jdbc:h2:(?:tcp|ssl)://(\\[[^]]+]|[^:/]+)(?::(\\d+))?/.*", Pattern.CASE_INSENSITIVE);

    public PlatformDatabase {
        host = unbracketed(host);
        resolved = Set.copyOf(resolved);
    }

    /** The database at {@code host}:{@code port}, its addresses resolved now. */
    public static PlatformDatabase at(String host, int port) {
        return new PlatformDatabase(host, port, lookUp(unbracketed(host)));
    }

    /**
     * Where the database of a JDBC URL listens: every host of a PostgreSQL URL (read by the driver's own parser),
     * or the server of an H2 server-mode URL. None for an embedded H2 database, which has no port.
     *
     * @throws IllegalArgumentException when the PostgreSQL driver cannot read the URL
     */
    public static List<PlatformDatabase> fromJdbcUrl(String url) {
        List<PlatformDatabase> databases = new ArrayList<>();
        if (url.startsWith("jdbc:postgresql:")) {
            Properties parsed = org.postgresql.Driver.parseURL(url, null);
            if (parsed == null) {
                throw new IllegalArgumentException("DATAFLOW_DB_URL is not a PostgreSQL URL the driver can read");
            }
            String[] hosts = parsed.getProperty("PGHOST").split(",");
            String[] ports = parsed.getProperty("PGPORT").split(",");
            for (int i = 0; i < hosts.length; i++) {
                databases.add(at(hosts[i], Integer.parseInt(ports[i].isBlank() ? "5432" : ports[i])));
            }
            return databases;
        }
        Matcher h2 = H2_SERVER.matcher(url);
        if (h2.matches()) {
            databases.add(at(h2.group(1), h2.group(2) == null ? 9092 : Integer.parseInt(h2.group(2))));
        }
        return databases;
    }

    /** Whether a connection to {@code address}:{@code port}, for which a task wrote {@code requestedHost}, reaches it. */
    boolean isReachedBy(String requestedHost, InetAddress address, int port) {
        if (port != this.port) {
            return false;
        }
        if (host.equalsIgnoreCase(OutboundAllowList.normalizedName(requestedHost))) {
            return true;
        }
        Set<InetAddress> addresses = new LinkedHashSet<>(resolved);
        addresses.addAll(lookUp(host));
        if (addresses.contains(address)) {
            return true;
        }
        return addresses.stream().anyMatch(PlatformDatabase::isThisMachine) && isThisMachine(address);
    }

    /**
     * Loopback, unspecified, or an address of one of this machine's interfaces. When the interfaces cannot be read,
     * the answer is yes: this guards a refusal, so it errs on refusing.
     */
    static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }

    private static Set<InetAddress> lookUp(String host) {
        try {
            return new LinkedHashSet<>(Arrays.asList(InetAddress.getAllByName(host)));
        } catch (UnknownHostException e) {
            return Set.of();
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
