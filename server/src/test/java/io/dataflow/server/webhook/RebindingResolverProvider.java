package io.dataflow.server.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A rebinding DNS server in a box: {@value #HOST} resolves to 127.0.0.1 the first time and to 127.0.0.2 ever after;
 * every other name goes to the JDK's own resolver. Installed only in the JVM that {@link WebhookDnsRebindingTests}
 * starts (through a service file on that JVM's class path), never in the test JVM.
 */
public final class RebindingResolverProvider extends InetAddressResolverProvider {

    static final String HOST = "rebinding.test";
    static final AtomicInteger LOOKUPS = new AtomicInteger();

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (!HOST.equalsIgnoreCase(host)) {
                    return builtin.lookupByName(host, policy);
                }
                byte last = (byte) (LOOKUPS.incrementAndGet() == 1 ? 1 : 2);
                return Stream.of(InetAddress.getByAddress(HOST, new byte[] {127, 0, 0, last}));
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "rebinding test resolver";
    }
}
