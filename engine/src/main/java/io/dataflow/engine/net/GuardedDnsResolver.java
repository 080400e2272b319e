package io.dataflow.engine.net;

import io.dataflow.engine.net.OutboundGuard.RefusedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves the hosts HttpClient connects to through {@link OutboundGuard#resolve}, so that a connection only ever goes
 * to an address the guard has just approved for that port: the first request and every redirect alike, and without
 * a second lookup that a rebinding DNS server could answer differently. HttpClient's connection operator asks with
 * the port ({@link #resolve(String, int)}); the guard needs it, since the platform's database is refused by port.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final OutboundGuard guard;

    GuardedDnsResolver(OutboundGuard guard) {
        this.guard = guard;
    }

    /** A host the guard refuses. An {@link UnknownHostException} because that is what a resolver may throw. */
    static final class RefusedHostException extends UnknownHostException {
        RefusedHostException(String message) {
            super(message);
        }
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        try {
            return guard.resolve(host, port);
        } catch (RefusedException e) {
            if (e.unresolved()) {
                throw new UnknownHostException(e.getMessage());
            }
            throw new RefusedHostException(e.getMessage());
        }
    }

    /**
     * Without a port the guard cannot decide (the platform's database is refused by port), so this refuses: the
     * connection operator of the HttpClient version shipped always asks with the port, and a version that did not
     * must fail here rather than connect unchecked.
     */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        throw new RefusedHostException("host " + host + " was to be resolved without its port, which the outbound"
                + " guard needs");
    }

    /**
     * Only used for SPNEGO authentication, which the platform does not configure; answering the name itself keeps
     * this resolver from ever looking up a host the guard has not seen.
     */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
