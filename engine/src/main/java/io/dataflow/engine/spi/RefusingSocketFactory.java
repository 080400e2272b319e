package io.dataflow.engine.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.SocketFactory;

/** Sockets that never connect: the {@link TaskServices#sockets} where the platform lends a task none. */
final class RefusingSocketFactory extends SocketFactory {

    static final RefusingSocketFactory INSTANCE = new RefusingSocketFactory();

    private static final String MESSAGE = "outbound connections are not available here";

    private RefusingSocketFactory() {
    }

    @Override
    public Socket createSocket() {
        return new Socket() {
            @Override
            public void connect(SocketAddress endpoint, int timeout) throws IOException {
                close();
                throw new SocketException(MESSAGE);
            }
        };
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new SocketException(MESSAGE);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
        throw new SocketException(MESSAGE);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        throw new SocketException(MESSAGE);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new SocketException(MESSAGE);
    }
}
