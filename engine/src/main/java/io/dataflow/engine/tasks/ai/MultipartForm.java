package io.dataflow.engine.tasks.ai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body (RFC 7578) of text fields and files, for uploads such as audio to
 * transcribe. Quotes and line breaks in field and file names are percent-encoded, as browsers do, so a file name
 * cannot break out of its part header.
 */
final class MultipartForm {

    private final String boundary = "dataflow-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Adds a text field. */
    MultipartForm field(String name, String value) {
        part("Content-Disposition: form-data; name=\"" + quoted(name) + "\"\r\n");
        write(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Adds a file. */
    MultipartForm file(String name, String fileName, String contentType, byte[] content) {
        part("Content-Disposition: form-data; name=\"" + quoted(name) + "\"; filename=\"" + quoted(fileName)
                + "\"\r\nContent-Type: " + contentType + "\r\n");
        write(content);
        return this;
    }

    /** The request's {@code Content-Type}, naming the boundary. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The whole body, closing delimiter included. */
    byte[] bytes() {
        ByteArrayOutputStream closed = new ByteArrayOutputStream(body.size() + boundary.length() + 8);
        closed.writeBytes(body.toByteArray());
        closed.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return closed.toByteArray();
    }

    private void part(String headers) {
        // Each part starts with a delimiter on its own line; the first one needs no line break before it.
        String delimiter = (body.size() == 0 ? "" : "\r\n") + "--" + boundary + "\r\n";
        write((delimiter + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        body.writeBytes(bytes);
    }

    private static String quoted(String text) {
        return text.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }
}
