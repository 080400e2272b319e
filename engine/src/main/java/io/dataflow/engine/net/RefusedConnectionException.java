package io.dataflow.engine.net;

import java.net.SocketException;

/**
 * A guarded socket's refusal to connect, as the {@link java.io.IOException} a socket may throw, so that a client
 * library (a JDBC driver) passes it up as the cause of its own error. {@link #in} finds it there again.
 */
public final class RefusedConnectionException extends SocketException {

    RefusedConnectionException(OutboundGuard.RefusedException refusal) {
        super(refusal.getMessage());
        initCause(refusal);
    }

    /** The refusal among {@code error}'s causes and suppressed exceptions, or null when it holds none. */
    public static RefusedConnectionException in(Throwable error) {
        return find(error, 0);
    }

    /** Depth-limited, since a cause chain may loop. */
    private static RefusedConnectionException find(Throwable error, int depth) {
        if (error == null || depth > 20) {
            return null;
        }
        if (error instanceof RefusedConnectionException refused) {
            return refused;
        }
        for (Throwable suppressed : error.getSuppressed()) {
            RefusedConnectionException refused = find(suppressed, depth + 1);
            if (refused != null) {
                return refused;
            }
        }
        return find(error.getCause(), depth + 1);
    }
}
