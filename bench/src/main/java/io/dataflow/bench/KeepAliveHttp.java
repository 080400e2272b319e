package io.dataflow.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * A minimal blocking HTTP/1.1 client over persistent connections, just enough for the driver's calls. The driver
 * shares the machine with the server it measures, so the CPU it spends is taken from the server and distorts the
 * throughput: {@code java.net.http.HttpClient} used about 1.7 ms of CPU per request here (a selector thread,
 * hand-offs between threads, many objects per exchange); writing a request to a kept-alive socket and reading the
 * answer on the calling thread costs a small fraction of that.
 *
 * <p>A connection serves one thread at a time: a request takes an idle connection (or opens one) and puts it back
 * once the whole response is read, unless the server answered {@code Connection: close}. A reused connection that
 * the server closed while it sat idle fails before the first byte of the response; the request is then sent once
 * more on a fresh connection. No TLS, proxies, redirects or {@code Expect: 100-continue}; bodies are UTF-8.
 */
final class KeepAliveHttp implements AutoCloseable {

    /** A response with its whole body. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] \\d{3}( .*)?");

    private final InetSocketAddress address;
    private final String commonHeaders;
    private final Queue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** @param headers sent with every request, besides {@code Host} */
    KeepAliveHttp(URI base, Map<String, String> headers) {
        address = new InetSocketAddress(base.getHost(), base.getPort() == -1 ? 80 : base.getPort());
        StringBuilder common = new StringBuilder("Host: ").append(base.getRawAuthority()).append("\r\n");
        headers.forEach((name, value) -> common.append(name).append(": ").append(value).append("\r\n"));
        commonHeaders = common.toString();
    }

    /**
     * Sends a request and reads the whole response.
     *
     * @param target the path and query, such as {@code /workflows?limit=1}
     * @param contentType the type of {@code body}; both are null for a request without a body
     */
    Response send(String method, String target, String contentType, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append(commonHeaders);
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        Connection connection = idle.poll();
        if (connection != null) {
            try {
                connection.send(headBytes, body);
            } catch (SocketTimeoutException e) {
                throw e; // the server may have acted on the request: sending it again could do it twice
            } catch (IOException e) {
                connection = null; // closed by the server while idle: once more on a fresh connection
            }
        }
        if (connection == null) {
            connection = new Connection(address);
            connection.send(headBytes, body);
        }
        Response response = connection.receive();
        if (connection.reusable) {
            idle.add(connection);
            if (closed) {
                close(); // close() ran while this request was under way
            }
        } else {
            connection.close();
        }
        return response;
    }

    /** Closes the idle connections, and any connection still in use once its request is done. */
    @Override
    public void close() {
        closed = true;
        for (Connection c; (c = idle.poll()) != null; ) {
            c.close();
        }
    }

    /** One socket; every method closes it when it fails, leaving it in an unknown state. */
    private static final class Connection {

        private final Socket socket;
        private final BufferedInputStream in;
        private final BufferedOutputStream out;
        private boolean reusable;

        Connection(InetSocketAddress address) throws IOException {
            socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                socket.connect(address, CONNECT_TIMEOUT_MILLIS);
                in = new BufferedInputStream(socket.getInputStream());
                out = new BufferedOutputStream(socket.getOutputStream());
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        /** Writes the request and waits for the first byte of the response. */
        void send(byte[] head, byte[] body) throws IOException {
            try {
                out.write(head);
                if (body != null) {
                    out.write(body);
                }
                out.flush();
                in.mark(1);
                if (in.read() < 0) {
                    throw new EOFException("the server closed the connection without answering");
                }
                in.reset();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        Response receive() throws IOException {
            try {
                String statusLine = readLine();
                if (!STATUS_LINE.matcher(statusLine).matches()) {
                    throw new IOException("not an HTTP/1.x status line: " + statusLine);
                }
                int status = Integer.parseInt(statusLine.substring(9, 12));
                reusable = statusLine.startsWith("HTTP/1.1");
                long length = -1;
                boolean chunked = false;
                for (String line; !(line = readLine()).isEmpty(); ) {
                    int colon = line.indexOf(':');
                    if (colon < 0) {
                        throw new IOException("not a header field: " + line);
                    }
                    String value = line.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                    switch (line.substring(0, colon).trim().toLowerCase(Locale.ROOT)) {
                        case "content-length" -> length = Long.parseLong(value);
                        case "transfer-encoding" -> chunked = value.endsWith("chunked");
                        case "connection" -> reusable &= !value.contains("close");
                        default -> { }
                    }
                }
                byte[] body;
                if (status < 200 || status == 204 || status == 304) {
                    body = new byte[0];
                } else if (chunked) {
                    body = readChunked();
                } else if (length >= 0) {
                    body = readExactly(Math.toIntExact(length));
                } else {
                    body = in.readAllBytes(); // delimited by the end of the connection
                    reusable = false;
                }
                return new Response(status, body);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Chunks of {@code size-in-hex[;extensions] CRLF data CRLF}, a last chunk of size 0, trailers, CRLF. */
        private byte[] readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; (size = chunkSize(readLine())) > 0; ) {
                body.write(readExactly(size));
                if (!readLine().isEmpty()) {
                    throw new IOException("no CRLF after a chunk of " + size + " bytes");
                }
            }
            while (!readLine().isEmpty()) {
                // a trailer field; the empty line ends the message
            }
            return body.toByteArray();
        }

        private static int chunkSize(String line) throws IOException {
            int semicolon = line.indexOf(';');
            try {
                return Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk size: " + line);
            }
        }

        private byte[] readExactly(int count) throws IOException {
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw new EOFException("the response ended after " + bytes.length + " of " + count + " bytes");
            }
            return bytes;
        }

        /** A line of the head, without its CRLF (or bare LF). */
        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new EOFException("the response ended inside its head");
                }
                line.append((char) b);
            }
            int end = line.length();
            return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do: the socket is gone either way
            }
        }
    }
}
