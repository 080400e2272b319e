package io.dataflow.engine.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Decides whether the platform may call a URL on a user's behalf (webhooks, HTTP tasks). Private, loopback,
 * link-local, unique-local, carrier-grade NAT and unspecified addresses are refused unless private networks are
 * allowed, so a workflow cannot be used to reach services behind the firewall. Checked when a URL is accepted and
 * again on every call, after DNS resolution, since a name can change what it points to.
 */
public final class OutboundGuard {

    private final Predicate<InetAddress> refused;

    public OutboundGuard(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks ? address -> false : OutboundGuard::isPrivate);
    }

    /** A guard refusing the addresses {@code refused} matches; tests use it to refuse one loopback address only. */
    OutboundGuard(Predicate<InetAddress> refused) {
        this.refused = refused;
    }

    /** A URL the platform will not call, and why. */
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
     * Checks the URL's form and every address its host resolves to.
     *
     * @return the addresses the caller may connect to
     */
    public InetAddress[] check(String url) throws RefusedException {
        URI uri = parse(url);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedException("host " + uri.getHost() + " could not be resolved", true);
        }
        for (InetAddress address : addresses) {
            if (refused.test(address)) {
                throw new RefusedException("host " + uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", a private, loopback or link-local address; set DATAFLOW_ALLOW_PRIVATE_NETWORKS=true"
                        + " to allow it");
            }
        }
        return addresses;
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

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || (first == 198 && (second == 18 || second == 19));
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return false;
    }
}
