package io.dataflow.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.engine.net.OutboundGuard.RefusedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbound guard's rules: private addresses, the allow-list, the platform's own database and unspecified
 * addresses, for names resolved by the guard and for addresses a client resolved itself.
 */
class OutboundGuardTests {

    /** The platform database of a server whose DATAFLOW_DB_URL is on this machine. */
    private static final List<PlatformDatabase> LOCAL_DATABASE =
            PlatformDatabase.fromJdbcUrl("jdbc:postgresql://127.0.0.1:5432/dataflow");

    private static OutboundGuard guard(boolean allowPrivate, String allow) {
        return new OutboundGuard(allowPrivate, OutboundAllowList.parse(allow), LOCAL_DATABASE);
    }

    private static String refusal(OutboundGuard guard, String host, int port) {
        try {
            guard.resolve(host, port);
        } catch (RefusedException e) {
            return e.getMessage();
        }
        throw new AssertionError(host + ":" + port + " was allowed");
    }

    @Test
    void privateAddressesAreRefusedByDefaultAndPublicOnesAllowed() throws Exception {
        OutboundGuard guard = new OutboundGuard(false);
        for (String address : List.of("10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
                "198.18.0.1", "240.0.0.1", "255.255.255.255", "224.0.0.1", "127.0.0.1", "::1", "fe80::1",
                "fd00::1", "::10.0.0.1", "64:ff9b::a00:1", "::ffff:192.168.0.1")) {
            assertThat(refusal(guard, address, 80)).as(address)
                    .contains("a private, loopback or link-local address")
                    .contains("DATAFLOW_OUTBOUND_ALLOW").contains("DATAFLOW_ALLOW_PRIVATE_NETWORKS=true");
        }
        assertThat(guard.resolve("93.184.215.14", 443))
                .containsExactly(new InetSocketAddress(InetAddress.getByName("93.184.215.14"), 443));
        assertThat(guard.check("8.8.8.8", InetAddress.getByName("8.8.8.8"), 53).getPort()).isEqualTo(53);
        assertThat(guard.resolve("64:ff9b::808:808", 53)).hasSize(1);
    }

    @Test
    void theAllowListOpensExactlyWhatItNames() throws Exception {
        OutboundGuard guard = guard(false, "10.1.0.0/16, 127.0.0.1:5433, [::1]:8080");
        assertThat(guard.resolve("10.1.2.3", 22)).hasSize(1);
        assertThat(refusal(guard, "10.2.0.1", 22)).contains("private");
        assertThat(guard.resolve("127.0.0.1", 5433)).hasSize(1);
        assertThat(guard.resolve("localhost", 5433)).isNotEmpty();
        assertThat(refusal(guard, "127.0.0.1", 5434)).contains("private");
        assertThat(guard.resolve("[::1]", 8080)).hasSize(1);
        assertThat(refusal(guard, "::1", 8081)).contains("private");
    }

    @Test
    void aHostNameEntryMatchesThatNameOnly() throws Exception {
        OutboundGuard guard = guard(false, "localhost:9000");
        assertThat(guard.resolve("localhost", 9000)).isNotEmpty();
        assertThat(guard.resolve("LocalHost", 9000)).isNotEmpty();
        assertThat(refusal(guard, "127.0.0.1", 9000)).contains("private");
        assertThat(refusal(guard, "localhost", 9001)).contains("private");
    }

    /** Every way of writing this machine: names, the short IPv4 form, IPv6, and what a client resolved itself. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "[::1]", "::1", "127.1", "127.0.0.2", "0:0:0:0:0:0:0:1"})
    void thePlatformDatabaseIsRefusedUnderEveryLocalNameEvenWithPrivateNetworksAllowed(String host) {
        String refusal = refusal(guard(true, ""), host, 5432);
        assertThat(refusal).contains("where the platform's own database listens")
                .contains("DATAFLOW_OUTBOUND_ALLOW").contains(":5432");
    }

    @Test
    void thePlatformDatabaseStaysRefusedToEntriesWithoutItsPort() throws Exception {
        for (String allow : List.of("127.0.0.1", "127.0.0.0/8", "localhost", "127.0.0.1:5433", "0.0.0.0/0")) {
            OutboundGuard guard = guard(true, allow);
            assertThat(refusal(guard, "127.0.0.1", 5432)).as(allow).contains("platform's own database");
            assertThat(guard.resolve("127.0.0.1", 5431)).as(allow).hasSize(1);
        }
    }

    @Test
    void anEntryNamingThePlatformDatabaseWithItsPortOpensIt() throws Exception {
        OutboundGuard guard = guard(false, "127.0.0.1:5432");
        assertThat(guard.resolve("127.0.0.1", 5432)).hasSize(1);
        assertThat(guard.check("localhost", InetAddress.getByName("127.0.0.1"), 5432).getPort()).isEqualTo(5432);
        // What the entry does not name stays closed.
        assertThat(refusal(guard, "::1", 5432)).contains("platform's own database");
        assertThat(refusal(guard, "127.0.0.2", 5432)).contains("platform's own database");
    }

    @Test
    void urlsAreCheckedOnTheirPortOrTheSchemesDefault() throws Exception {
        OutboundGuard guard = new OutboundGuard(true, OutboundAllowList.NONE,
                PlatformDatabase.fromJdbcUrl("jdbc:postgresql://localhost:443/dataflow"));
        for (String url : List.of("https://127.0.0.1/hook", "http://localhost:443/hook", "https://[::1]/")) {
            assertThatThrownBy(() -> guard.checkForLater(url)).as(url)
                    .hasMessageContaining("(port 443)").hasMessageContaining("platform's own database");
        }
        assertThat(guard.check("http://127.0.0.1/hook")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(guard.checkForLater("http://127.0.0.1:8443/hook").getPort()).isEqualTo(8443);
    }

    @Test
    void thePlatformDatabaseIsKnownByItsHostNameAndAddressesToo() throws Exception {
        OutboundGuard guard = new OutboundGuard(true, OutboundAllowList.NONE,
                List.of(new PlatformDatabase("db.platform.invalid", 6543,
                        Set.of(InetAddress.getByName("10.20.30.40")))));
        assertThatThrownBy(() -> guard.check("DB.platform.invalid", InetAddress.getByName("10.9.9.9"), 6543))
                .hasMessageContaining("platform's own database");
        assertThatThrownBy(() -> guard.check("other.internal", InetAddress.getByName("10.20.30.40"), 6543))
                .hasMessageContaining("platform's own database");
        // Not on this machine, so other local addresses are not it.
        assertThat(guard.check("localhost", InetAddress.getByName("127.0.0.1"), 6543).getPort()).isEqualTo(6543);
        assertThat(guard.check("other.internal", InetAddress.getByName("10.20.30.40"), 6544).getPort())
                .isEqualTo(6544);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "0", "0.0.0.1", "::", "[::]", "::ffff:0.0.0.0"})
    void unspecifiedAddressesAreRefusedWhateverTheSettings(String host) {
        String refusal = refusal(guard(true, "0.0.0.0/0, [::/0], 0.0.0.0/8:80"), host, 80);
        assertThat(refusal).contains("the unspecified address, which means this machine; no setting allows it");
    }

    @Test
    void namesThatDoNotResolveAndBadPortsAreRefused() {
        OutboundGuard guard = new OutboundGuard(true);
        assertThat(refusal(guard, "no-such-host.invalid", 80)).isEqualTo("host no-such-host.invalid could not be"
                + " resolved");
        assertThat(refusal(guard, "", 80)).isEqualTo("must name a host");
        assertThat(refusal(guard, "127.0.0.1", 0)).contains("not a valid port");
    }

    @Test
    void platformDatabasesAreReadFromTheJdbcUrl() {
        assertThat(PlatformDatabase.fromJdbcUrl("jdbc:h2:file:/data/dataflow;LOCK_TIMEOUT=10000")).isEmpty();
        assertThat(PlatformDatabase.fromJdbcUrl("jdbc:h2:mem:x")).isEmpty();
        assertThat(PlatformDatabase.fromJdbcUrl("jdbc:h2:tcp://db.host/~/dataflow"))
                .extracting(PlatformDatabase::host, PlatformDatabase::port)
                .containsExactly(tuple("db.host", 9092));
        assertThat(PlatformDatabase.fromJdbcUrl("jdbc:postgresql://localhost/db?currentSchema=x"))
                .extracting(PlatformDatabase::host, PlatformDatabase::port)
                .containsExactly(tuple("localhost", 5432));
        assertThat(PlatformDatabase.fromJdbcUrl("jdbc:postgresql://a.db:5433,[::1]:5434/db"))
                .extracting(PlatformDatabase::host, PlatformDatabase::port)
                .containsExactly(tuple("a.db", 5433),
                        tuple("::1", 5434));
    }

    @Test
    void guardedSocketsConnectOnlyWhereTheGuardAllows() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = listener.getLocalPort();
            OutboundGuard allowing = guard(false, "127.0.0.1:" + port);
            try (Socket resolved = allowing.socketFactory().createSocket();
                    Socket unresolved = allowing.socketFactory().createSocket("localhost", port);
                    Socket byAddress = allowing.socketFactory().createSocket(InetAddress.getByName("127.0.0.1"), port)) {
                resolved.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                assertThat(resolved.isConnected()).isTrue();
                assertThat(unresolved.isConnected()).isTrue();
                assertThat(byAddress.getInetAddress().getHostAddress()).isEqualTo("127.0.0.1");
            }

            OutboundGuard refusing = new OutboundGuard(false);
            Socket socket = refusing.socketFactory().createSocket();
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress("localhost", port), 5000))
                    .isInstanceOf(RefusedConnectionException.class)
                    .hasMessageContaining("host localhost (port " + port + ") resolves to 127.0.0.1, a private");
            assertThat(socket.isClosed()).isTrue();
            assertThatThrownBy(() -> refusing.socketFactory().createSocket("127.0.0.1", port))
                    .isInstanceOf(RefusedConnectionException.class);
            assertThatThrownBy(() -> refusing.socketFactory().createSocket().connect(
                    InetSocketAddress.createUnresolved("localhost", port)))
                    .isInstanceOf(RefusedConnectionException.class);
            assertThatThrownBy(() -> refusing.socketFactory().createSocket().connect(
                    UnixDomainSocketAddress.of("/run/postgresql/.s.PGSQL.5432"), 10))
                    .isInstanceOf(RefusedConnectionException.class).hasMessageContaining("only TCP/IP");
        }
    }

    @Test
    void aRefusalIsFoundAmongCausesAndSuppressedExceptions() {
        RefusedConnectionException refused = new RefusedConnectionException(new RefusedException("no"));
        IOException wrapped = new IOException("outer", new IllegalStateException("middle", refused));
        IOException suppressing = new IOException("other");
        suppressing.addSuppressed(wrapped);
        assertThat(RefusedConnectionException.in(wrapped)).isSameAs(refused);
        assertThat(RefusedConnectionException.in(suppressing)).isSameAs(refused);
        assertThat(RefusedConnectionException.in(new IOException("plain"))).isNull();
    }
}
