package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.util.ConfigurableSocketFactory;

/**
 * The socket factory both JDBC drivers make, by class name, for every connection of the SQL task types: it hands out
 * the guarded sockets of the engine that opened the connection ({@link SqlSockets}), so the driver connects only
 * where the outbound guard allows, to every host of a multi-host URL and for cancel requests alike. Drivers layer
 * TLS on the connected socket, so TLS connections stay guarded.
 *
 * <p>How each driver makes it and passes the token:
 * <ul>
 * <li>PostgreSQL: {@code socketFactory} names this class and {@code socketFactoryArg} holds the token, which pgjdbc
 * passes to the {@link #SqlSocketFactory(String) String constructor}.</li>
 * <li>MariaDB: {@code socketFactory} names this class and the option {@value #MARIADB_TOKEN_OPTION} holds the token;
 * the driver calls the no-argument constructor, then {@link #setConfiguration}.</li>
 * </ul>
 * Until it knows a token its sockets refuse to connect.
 */
public final class SqlSocketFactory extends ConfigurableSocketFactory {

    /** The MariaDB connection option (one the driver does not know, kept among its other options) with the token. */
    static final String MARIADB_TOKEN_OPTION = "dataflowSockets";

    private SocketFactory sockets = TaskServices.NONE.sockets();

    /** For MariaDB, which then calls {@link #setConfiguration}. */
    public SqlSocketFactory() {
    }

    /** For PostgreSQL, with the value of {@code socketFactoryArg}. */
    public SqlSocketFactory(String token) {
        this.sockets = SqlSockets.forToken(token);
    }

    @Override
    public void setConfiguration(Configuration configuration, String host) {
        this.sockets = SqlSockets.forToken(configuration.nonMappedOptions().getProperty(MARIADB_TOKEN_OPTION));
    }

    @Override
    public Socket createSocket() throws IOException {
        return sockets.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return sockets.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return sockets.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return sockets.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return sockets.createSocket(address, port, localAddress, localPort);
    }
}
