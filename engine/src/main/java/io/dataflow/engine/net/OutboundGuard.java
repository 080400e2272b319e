package io.dataflow.engine.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;

/**
 * Decides where the platform may connect on a user's behalf: HTTP tasks and webhooks (through {@link GuardedHttp}),
 * SQL tasks (through {@link #socketFactory()}), anything else that opens a connection. Every path resolves a name
 * once, here, and connects to exactly the address checked, so a name cannot point one way for the check and another
 * for the connection.
 *
 * <p>The rules, in order, for each address a connection may go to:
 * <ol>
 * <li>An unspecified address (0.0.0.0/8, ::) is refused whatever the settings: it means this machine.</li>
 * <li>The platform's own database ({@link PlatformDatabase}) is refused whatever the settings, unless an entry of the
 * allow-list that matches the connection names its port ({@code 127.0.0.1:5432}; {@code 127.0.0.1} alone or
 * {@code 127.0.0.0/8} do not). Everything on that server is then reachable, as its own logins allow.</li>
 * <li>An address an allow-list entry matches ({@link OutboundAllowList}) is allowed.</li>
 * <li>A private, loopback, link-local, unique-local, carrier-grade NAT, benchmarking, reserved or multicast address
 * is refused unless private networks are allowed.</li>
 * <li>Anything else is allowed.</li>
 * </ol>
 * A name that resolves to several addresses is refused when any of them is.
 */
public final class OutboundGuard {

    private final boolean allowPrivateNetworks;
    private final OutboundAllowList allowList;
    private final List<PlatformDatabase> platformDatabases;
    private final SocketFactory socketFactory = new GuardedSocketFactory(this);

    /** A guard without an allow-list that knows no platform database. */
    public OutboundGuard(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, OutboundAllowList.NONE, List.of());
    }

    /**
     * @param allowPrivateNetworks whether private addresses are allowed ({@code DATAFLOW_ALLOW_PRIVATE_NETWORKS})
     * @param allowList targets opened although private ({@code DATAFLOW_OUTBOUND_ALLOW})
     * @param platformDatabases where the platform's own database listens (see {@link PlatformDatabase#fromJdbcUrl})
     */
    public OutboundGuard(boolean allowPrivateNetworks, OutboundAllowList allowList,
            List<PlatformDatabase> platformDatabases) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.allowList = allowList;
        this.platformDatabases = List.copyOf(platformDatabases);
    }

    /** A target the platform will not connect to, and why. The message names the host, never a URL's secrets. */
    public static final class RefusedException extends Exception {
        private final boolean unresolved;

        public RefusedException(String message) {
            this(message, false);
        }

        RefusedException(String message, boolean unresolved) {
            super(message);
            this.unresolved = unresolved;
        }

        /** Whether the host did not resolve, rather than resolving to a refused address. */
        boolean unresolved() {
            return unresolved;
        }
    }

    /** Checks the URL's form: absolute http or https with a host. Does not resolve the host. */
    public URI parse(String url) throws RefusedException {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new RefusedException("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedException("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedException("must name a host");
        }
        return uri;
    }

    /**
     * Checks the URL's form and every address its host resolves to, on the URL's port (80 or 443 when it names
     * none).
     *
     * @return the addresses the caller may connect to
     */
    public InetAddress[] check(String url) throws RefusedException {
        URI uri = parse(url);
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return resolve(uri.getHost(), port).stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
    }

    /**
     * Checks a URL when it is accepted for later use (a webhook target): its form, and that its host does not
     * resolve to a refused address. A host that does not resolve now is accepted, since calls happen later and are
     * checked again then.
     */
    public URI checkForLater(String url) throws RefusedException {
        URI uri = parse(url);
        try {
            check(url);
        } catch (RefusedException e) {
            if (!e.unresolved) {
                throw e;
            }
        }
        return uri;
    }

    /**
     * Resolves {@code host} once and checks every address it resolves to on {@code port}.
     *
     * @param host a name or an address literal (IPv6 with or without brackets)
     * @return the addresses to connect to, in the resolver's order
     * @throws RefusedException when the host does not resolve (then {@code unresolved}) or any address is refused
     */
    public List<InetSocketAddress> resolve(String host, int port) throws RefusedException {
        String name = host == null ? "" : host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty()) {
            // InetAddress answers an empty name with the loopback address.
            throw new RefusedException("must name a host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new RefusedException("host " + name + " could not be resolved", true);
        }
        List<InetSocketAddress> allowed = new ArrayList<>(addresses.length);
        for (InetAddress address : addresses) {
            allowed.add(check(name, address, port));
        }
        return allowed;
    }

    /**
     * Checks one address already resolved, for which the caller wrote {@code host} (which host-name entries of the
     * allow-list match).
     *
     * @return the address to connect to: exactly the one checked
     */
    public InetSocketAddress check(String host, InetAddress address, int port) throws RefusedException {
        String shown = host == null || host.isBlank() ? address.getHostAddress() : host;
        if (port < 1 || port > 65535) {
            throw new RefusedException("port " + port + " of host " + shown + " is not a valid port");
        }
        String where = "host " + shown + " (port " + port + ") resolves to " + address.getHostAddress();
        if (isUnspecified(address)) {
            throw new RefusedException(where + ", the unspecified address, which means this machine; no setting"
                    + " allows it");
        }
        OutboundAllowList.Entry entry = allowList.match(host, address, port);
        for (PlatformDatabase database : platformDatabases) {
            if (database.isReachedBy(host, address, port) && (entry == null || entry.port() == null)) {
                throw new RefusedException(where + ", where the platform's own database listens; only an entry of"
                        + " DATAFLOW_OUTBOUND_ALLOW that names it with its port (e.g. " + example(shown, port)
                        + ") allows it");
            }
        }
        if (entry == null && !allowPrivateNetworks && AddressKinds.isPrivate(address)) {
            throw new RefusedException(where + ", a private, loopback or link-local address; list it in"
                    + " DATAFLOW_OUTBOUND_ALLOW (e.g. " + example(shown, port) + ") or set"
                    + " DATAFLOW_ALLOW_PRIVATE_NETWORKS=true to allow it");
        }
        return new InetSocketAddress(address, port);
    }

    /**
     * Sockets that connect only where this guard allows: an unresolved address is resolved through
     * {@link #resolve}, a resolved one is checked with {@link #check(String, InetAddress, int)}, and the socket
     * connects to exactly the address checked. A refusal is a {@link RefusedConnectionException}. TLS layered on
     * such a socket (as the JDBC drivers do) keeps the guarded connection.
     */
    public SocketFactory socketFactory() {
        return socketFactory;
    }

    private static boolean isUnspecified(InetAddress address) {
        return address.isAnyLocalAddress() || (address.getAddress().length == 4 && address.getAddress()[0] == 0);
    }

    /** An allow-list entry for this target, as an operator would write it. */
    private static String example(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "OutboundGuard[private networks " + (allowPrivateNetworks ? "allowed" : "refused") + ", allow "
                + allowList + ", platform databases " + platformDatabases + "]";
    }
}
