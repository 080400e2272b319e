package io.dataflow.engine.net;

import io.dataflow.engine.net.OutboundGuard.RefusedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves the hosts HttpClient connects to through {@link OutboundGuard#check}, so that a connection only ever goes
 * to an address the guard has just approved: the first request and every redirect alike, and without a second
 * lookup that a rebinding DNS server could answer differently.
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
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String authority = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        try {
            return guard.check("http://" + authority + "/");
        } catch (RefusedException e) {
            if (e.unresolved()) {
                throw new UnknownHostException(e.getMessage());
            }
            throw new RefusedHostException(e.getMessage());
        }
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
