package io.dataflow.engine.net;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hc.core5.net.InetAddressUtils;

/**
 * The private targets an operator opened to tasks and webhooks ({@code DATAFLOW_OUTBOUND_ALLOW}): comma-separated
 * host names, IP addresses and CIDR ranges, each optionally with a port, such as
 * {@code db.internal:5432, 10.1.0.0/16, [fd00::/8]:443, 127.0.0.1:5433}.
 *
 * <p>How an entry matches a connection:
 * <ul>
 * <li>An address or CIDR entry matches when the address the connection goes to is in it, whatever name the task
 * wrote ({@code 127.0.0.1} matches {@code localhost} when that resolves to 127.0.0.1).</li>
 * <li>A host-name entry matches when the task wrote exactly that name (case-insensitive, a trailing dot ignored),
 * and then covers whatever addresses the name resolves to at that moment. It matches no other name (subdomains
 * included) and no address written directly.</li>
 * <li>An entry with a port matches that port only; one without matches every port.</li>
 * </ul>
 * An entry opens a private address; public addresses need none. Unspecified addresses (0.0.0.0, ::) stay refused
 * whatever the list says, and the platform's own database only opens to an entry that names its port (see
 * {@link OutboundGuard}).
 */
public final class OutboundAllowList {

    /** No entries. */
    public static final OutboundAllowList NONE = new OutboundAllowList(List.of());

    private static final String FORMS = "a host name, IP address or CIDR range with an optional port, e.g."
            + " db.internal:5432, 10.1.0.0/16, [fd00::/8]:443";

    /** DNS labels; underscores too, since internal names use them. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*");

    private final List<Entry> entries;

    private OutboundAllowList(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads a comma-separated list; blank text is an empty list.
     *
     * @throws IllegalArgumentException naming the first entry that is not one of the accepted forms
     */
    public static OutboundAllowList parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                entries.add(Entry.parse(item.trim()));
            }
        }
        return new OutboundAllowList(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /**
     * The entry that matches a connection to {@code address}, port {@code port}, for which the task wrote
     * {@code host}: one that names the port when there is one, since only that may open the platform's database.
     *
     * @return the entry, or null when none matches
     */
    Entry match(String host, InetAddress address, int port) {
        Entry found = null;
        for (Entry entry : entries) {
            if (entry.matches(host, address, port)) {
                if (entry.port() != null) {
                    return entry;
                }
                found = entry;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return String.join(", ", entries.stream().map(Entry::text).toList());
    }

    /**
     * One entry: either a host name, or a network ({@code prefixLength} leading bits of {@code network}; a single
     * address is a full-length prefix).
     *
     * @param text the entry as written
     * @param hostName the lower-case ASCII name, or null for a network
     * @param port the only port matched, or null for all
     */
    public record Entry(String text, String hostName, InetAddress network, int prefixLength, Integer port) {

        /** Whether it matches a connection to {@code address}:{@code port} for which the task wrote {@code host}. */
        boolean matches(String host, InetAddress address, int port) {
            if (this.port != null && this.port != port) {
                return false;
            }
            if (hostName != null) {
                return hostName.equals(normalizedName(host));
            }
            return inNetwork(address);
        }

        private boolean inNetwork(InetAddress address) {
            byte[] candidate = address.getAddress();
            byte[] prefix = network.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (candidate[whole] & mask) == (prefix[whole] & mask);
        }

        static Entry parse(String text) {
            String hostPart = text;
            Integer port = null;
            if (text.startsWith("[")) {
                int close = text.indexOf(']');
                if (close < 0) {
                    throw invalid(text, "it has no closing ']'");
                }
                hostPart = text.substring(1, close);
                String after = text.substring(close + 1);
                if (!after.isEmpty()) {
                    if (!after.startsWith(":")) {
                        throw invalid(text, "only ':port' may follow ']'");
                    }
                    port = port(text, after.substring(1));
                }
                if (!hostPart.contains(":")) {
                    throw invalid(text, "only IPv6 addresses go in brackets");
                }
            } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
                hostPart = text.substring(0, text.indexOf(':'));
                port = port(text, text.substring(text.indexOf(':') + 1));
            }
            int slash = hostPart.indexOf('/');
            if (slash >= 0) {
                return network(text, hostPart.substring(0, slash), hostPart.substring(slash + 1), port);
            }
            if (isAddress(hostPart)) {
                InetAddress address = literal(hostPart);
                if (address.isAnyLocalAddress()) {
                    throw invalid(text, "the unspecified address means this machine and is never allowed");
                }
                return new Entry(text, null, address, address.getAddress().length * 8, port);
            }
            if (hostPart.contains(":")) {
                throw invalid(text, "an IPv6 address with a port goes in brackets, e.g. [fd00::1]:443");
            }
            String name = normalizedName(hostPart);
            if (name == null || !HOST_NAME.matcher(name).matches() || name.matches(".*\\.[0-9]+$|[0-9]+")) {
                throw invalid(text, "'" + hostPart + "' is neither a host name nor a full IP address");
            }
            return new Entry(text, name, null, 0, port);
        }

        private static Entry network(String text, String address, String length, Integer port) {
            if (!isAddress(address)) {
                throw invalid(text, "'" + address + "' before the '/' is not an IP address");
            }
            InetAddress network = literal(address);
            int bits = network.getAddress().length * 8;
            int prefixLength;
            try {
                prefixLength = Integer.parseInt(length);
            } catch (NumberFormatException e) {
                prefixLength = -1;
            }
            if (prefixLength < 0 || prefixLength > bits || !length.matches("[0-9]{1,3}")) {
                throw invalid(text, "the prefix length must be a number from 0 to " + bits);
            }
            Entry entry = new Entry(text, null, network, prefixLength, port);
            byte[] bytes = network.getAddress();
            for (int bit = prefixLength; bit < bits; bit++) {
                if ((bytes[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                    throw invalid(text, "the address has bits set beyond the prefix length " + prefixLength);
                }
            }
            return entry;
        }

        private static Integer port(String text, String digits) {
            if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
                throw invalid(text, "the port must be a number from 1 to 65535");
            }
            return Integer.parseInt(digits);
        }

        private static boolean isAddress(String text) {
            return InetAddressUtils.isIPv4(text) || (InetAddressUtils.isIPv6(text) && text.indexOf('%') < 0);
        }

        /** An address literal; never a DNS lookup, since only text {@link #isAddress} accepted gets here. */
        private static InetAddress literal(String text) {
            try {
                return InetAddress.getByName(text);
            } catch (UnknownHostException e) {
                throw new IllegalStateException("an address literal did not parse: " + text, e);
            }
        }

        private static IllegalArgumentException invalid(String text, String why) {
            return new IllegalArgumentException("DATAFLOW_OUTBOUND_ALLOW: the entry '" + text + "' is not " + FORMS
                    + ": " + why);
        }
    }

    /** A host as compared with host-name entries: lower-case ASCII, without brackets or a trailing dot. */
    static String normalizedName(String host) {
        if (host == null) {
            return null;
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
