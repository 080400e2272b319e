package io.dataflow.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * A plain TCP socket whose {@link #connect(SocketAddress, int)} goes through the {@link OutboundGuard}: an unresolved
 * address is resolved by the guard, a resolved one (a JDBC driver resolves the host itself) is checked as it is,
 * and the socket connects to exactly the address the guard approved. Every other way of connecting a
 * {@link Socket} ends in this method.
 */
final class GuardedSocket extends Socket {

    private final OutboundGuard guard;

    GuardedSocket(OutboundGuard guard) {
        this.guard = guard;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress target)) {
            throw new RefusedConnectionException(new OutboundGuard.RefusedException(
                    "only TCP/IP connections are allowed, not " + (endpoint == null ? "a local socket" : endpoint)));
        }
        InetSocketAddress checked;
        try {
            checked = target.isUnresolved()
                    ? guard.resolve(target.getHostString(), target.getPort()).getFirst()
                    : guard.check(target.getHostString(), target.getAddress(), target.getPort());
        } catch (OutboundGuard.RefusedException e) {
            close();
            throw new RefusedConnectionException(e);
        }
        super.connect(checked, timeout);
    }
}
