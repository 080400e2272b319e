package io.dataflow.engine.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Which addresses are not on the public internet, and so are refused to tasks unless an operator opens them. */
final class AddressKinds {

    /** The first twelve bytes of NAT64's well-known prefix, 64:ff9b::/96. */
    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private AddressKinds() {
    }

    /**
     * Loopback, link-local, site-local (10/8, 172.16/12, 192.168/16), multicast, unspecified, "this network"
     * (0/8), carrier-grade NAT (100.64/10), benchmarking (198.18/15), reserved (240/4, broadcast included),
     * IPv6 unique-local (fc00::/7) and IPv6 forms that carry an IPv4 address: IPv4-compatible (::/96) and NAT64
     * (64:ff9b::/96) ones are judged by the IPv4 address they carry. (IPv4-mapped ones, ::ffff:0:0/96, Java already
     * turns into IPv4 addresses.)
     */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first >= 240 || (first == 100 && second >= 64 && second <= 127)
                    || (first == 198 && (second == 18 || second == 19));
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            byte[] prefix = Arrays.copyOf(b, 12);
            if (Arrays.equals(prefix, new byte[12]) || Arrays.equals(prefix, NAT64_PREFIX)) {
                return isPrivate(embeddedIpv4(b));
            }
        }
        return false;
    }

    private static InetAddress embeddedIpv4(byte[] ipv6) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(ipv6, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
