package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskServices;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * The guarded socket factories the platform lends SQL tasks ({@code TaskContext.sockets()}), found again by token.
 * The JDBC drivers make their socket factory themselves, by class name ({@link SqlPostgresSocketFactory},
 * {@link SqlMariaDbSocketFactory}), and hand it nothing but text from the connection's properties; the token there
 * leads it back to the factory of the engine that opened the connection. So several engines in one JVM (tests run
 * several servers) each keep their own guard, and no setting is global.
 *
 * <p>A factory keeps one token for its whole life, since a driver may open another socket for a connection later (a
 * cancel request, a failover), and is held weakly: a registry entry outlives its engine by nothing but a few bytes,
 * dropped at the next registration. A token that leads nowhere gets sockets that refuse to connect, so a connection
 * never goes around the guard.
 */
final class SqlSockets {

    /** Tokens by factory, weakly keyed by identity (socket factories do not override equals). */
    private static final Map<SocketFactory, String> TOKENS = new WeakHashMap<>();
    private static final Map<String, WeakReference<SocketFactory>> FACTORIES = new ConcurrentHashMap<>();

    private SqlSockets() {
    }

    /** The token of {@code sockets}, registering it on first use. */
    static synchronized String tokenFor(SocketFactory sockets) {
        String token = TOKENS.get(sockets);
        if (token == null) {
            FACTORIES.values().removeIf(reference -> reference.get() == null);
            token = UUID.randomUUID().toString();
            TOKENS.put(sockets, token);
            FACTORIES.put(token, new WeakReference<>(sockets));
        }
        return token;
    }

    /** The factory of {@code token}; one whose sockets refuse to connect when the token is unknown or gone. */
    static SocketFactory forToken(String token) {
        WeakReference<SocketFactory> reference = token == null ? null : FACTORIES.get(token);
        SocketFactory sockets = reference == null ? null : reference.get();
        return sockets != null ? sockets : TaskServices.NONE.sockets();
    }
}
