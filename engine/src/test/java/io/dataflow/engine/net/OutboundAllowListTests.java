package io.dataflow.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DATAFLOW_OUTBOUND_ALLOW: what each form of entry matches, and that a bad entry stops the start naming itself. */
class OutboundAllowListTests {

    private static boolean allows(String list, String host, String address, int port) throws Exception {
        return OutboundAllowList.parse(list).match(host, InetAddress.getByName(address), port) != null;
    }

    @Test
    void blankIsEmptyAndBlankItemsAreSkipped() {
        assertThat(OutboundAllowList.parse(null).entries()).isEmpty();
        assertThat(OutboundAllowList.parse("  ").entries()).isEmpty();
        assertThat(OutboundAllowList.parse(" db.internal:5432 , ,10.1.0.0/16,").entries())
                .extracting(OutboundAllowList.Entry::text).containsExactly("db.internal:5432", "10.1.0.0/16");
    }

    @ParameterizedTest
    @CsvSource({
            // list,                      host,          address,      port, allowed
            "10.1.0.0/16,                 10.1.200.3,    10.1.200.3,   80,   true",
            "10.1.0.0/16,                 10.2.0.1,      10.2.0.1,     80,   false",
            "172.16.0.0/12,               172.31.255.1,  172.31.255.1, 1,    true",
            "172.16.0.0/12,               172.32.0.1,    172.32.0.1,   1,    false",
            "10.0.0.0/8:5432,             10.9.9.9,      10.9.9.9,     5432, true",
            "10.0.0.0/8:5432,             10.9.9.9,      10.9.9.9,     5433, false",
            "127.0.0.1:5433,              127.0.0.1,     127.0.0.1,    5433, true",
            "127.0.0.1:5433,              localhost,     127.0.0.1,    5433, true",
            "127.0.0.1:5433,              127.0.0.2,     127.0.0.2,    5433, false",
            "0.0.0.0/0,                   10.0.0.1,      10.0.0.1,     22,   true",
            "'[fd00::/8]:443',            fd12::1,       fd12::1,      443,  true",
            "'[fd00::/8]:443',            fd12::1,       fd12::1,      80,   false",
            "'[fd00::/8]:443',            fe80::1,       fe80::1,      443,  false",
            "fd00::/8,                    fdff::1,       fdff::1,      9,    true",
            "'[::1]',                     ::1,           ::1,          7,    true",
            "::1,                         ::1,           ::1,          7,    true",
            "fd00::/8,                    10.0.0.1,      10.0.0.1,     7,    false",
            "10.0.0.0/8,                  ::ffff:10.0.0.1, 10.0.0.1,   7,    true",
            "db.internal:5432,            db.internal,   10.0.0.7,     5432, true",
            "db.internal:5432,            DB.Internal.,  10.0.0.7,     5432, true",
            "db.internal:5432,            db.internal,   10.0.0.7,     5433, false",
            "db.internal,                 db.internal,   10.0.0.7,     1,    true",
            "db.internal,                 x.db.internal, 10.0.0.7,     1,    false",
            "db.internal,                 10.0.0.7,      10.0.0.7,     1,    false",
            "db_1.corp,                   db_1.corp,     10.0.0.7,     1,    true"
    })
    void matchesAddressesByNetworkAndNamesByName(String list, String host, String address, int port,
            boolean allowed) throws Exception {
        assertThat(allows(list, host, address, port)).isEqualTo(allowed);
    }

    @Test
    void anEntryNamingThePortIsPreferred() throws Exception {
        OutboundAllowList list = OutboundAllowList.parse("127.0.0.0/8, 127.0.0.1:5432");
        assertThat(list.match("localhost", InetAddress.getByName("127.0.0.1"), 5432).port()).isEqualTo(5432);
        assertThat(list.match("localhost", InetAddress.getByName("127.0.0.1"), 80).port()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3/16", "10.0.0.0/33", "10.0.0.0/x", "db:0", "db:65536", "db:http", "127.1",
            "300.1.1.1", "fd00::1::2", "[fd00::1", "[10.0.0.1]:80", "[fd00::1]443", "http://db.internal",
            "db.internal/24", "*.internal", "0.0.0.0", "[::]:5432", "bad name", "-db", "fe80::1%eth0", ":5432"})
    void aBadEntryIsAStartupErrorNamingIt(String entry) {
        assertThatThrownBy(() -> OutboundAllowList.parse("db.internal, " + entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DATAFLOW_OUTBOUND_ALLOW: the entry '" + entry + "' is not a host name,"
                        + " IP address or CIDR range with an optional port");
    }
}
