package io.dataflow.server.support;

import io.dataflow.engine.model.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket, one request per connection, for requests {@link java.net.http.HttpClient} refuses
 * to send: a request target exactly as given (invalid percent-escapes, {@code %00}), any header value, any body
 * bytes.
 */
public final class RawHttp {

    private final String host;
    private final int port;

    public RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** An answer: status, headers (names in lower case) and the body's bytes, de-chunked. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return body.length == 0 ? null : Json.MAPPER.readTree(body);
            } catch (JacksonException e) {
                return null;
            }
        }
    }

    /**
     * Sends one request and reads the whole answer.
     *
     * @param target the request target as it goes on the request line, e.g. {@code /workflows?limit=%FF}
     * @param headers header lines' names and values, each char as one byte (ISO-8859-1); Host, Content-Length and
     *     Connection are added
     * @param body the body's bytes, or null for none
     */
    public Response send(String method, String target, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            // ISO-8859-1: each char of the target and the headers up to U+00FF is sent as that one byte.
            request.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nConnection: close\r\n").getBytes(StandardCharsets.ISO_8859_1));
            for (Map.Entry<String, String> header : headers.entrySet()) {
                request.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            if (body != null) {
                request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                request.writeBytes(body);
            }
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toByteArray());
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before it has read all of a request it refuses (a 413, a bad
                // request line): its answer is still there to read.
            }
            return parse(socket.getInputStream().readAllBytes(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new IllegalStateException("request " + method + " " + target + " failed: " + e, e);
        }
    }

    private static Response parse(byte[] answer, boolean head) throws IOException {
        int end = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("no complete answer: " + new String(answer, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(answer, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
                    .trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        if (head || status == 204 || status == 304) {
            return new Response(status, headers, new byte[0]); // no body, whatever the headers announce
        }
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        return new Response(status, headers, chunked ? dechunk(rest) : rest);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("truncated chunked body");
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(length));
            in.readNBytes(2); // CRLF after the chunk
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
