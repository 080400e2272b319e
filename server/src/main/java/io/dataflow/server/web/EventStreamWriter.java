package io.dataflow.server.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes server-sent events ({@code text/event-stream}, as the WHATWG HTML standard defines them) to a response, one
 * field at a time, so that an event's data can be written as it is produced instead of built whole first. A
 * client dispatches an event only at the blank line that ends it; an event cut short (the connection lost, the
 * server stopping) is dropped by the client, never half seen.
 *
 * <p>Data is UTF-8 text. A line break in it (only possible between the tokens of JSON) starts another {@code data:}
 * line, which the client joins back with a line feed. Nothing is sent until {@link #flush}.
 */
public final class EventStreamWriter {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_DATA_LINE = "\ndata: ".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;

    public EventStreamWriter(OutputStream out) {
        this.out = out;
    }

    /** How long the client waits before it reconnects after losing the stream. */
    public void retry(long millis) throws IOException {
        write("retry: " + millis + "\n\n");
    }

    /** A comment line, which clients ignore: keeps the connection busy for proxies and shows a gone client. */
    public void comment(String text) throws IOException {
        write(": " + text + "\n\n");
    }

    /** Begins an event of this type; its data follows ({@link #data}), then {@link #end}. */
    public void begin(String type) throws IOException {
        write("event: " + type + "\n");
        out.write(DATA);
    }

    /** More of the current event's data. */
    public void data(byte[] bytes) throws IOException {
        int from = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                out.write(bytes, from, i - from);
                out.write(NEXT_DATA_LINE);
                if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        out.write(bytes, from, bytes.length - from);
    }

    /** More of the current event's data, as UTF-8. */
    public void data(String text) throws IOException {
        data(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Ends the current event with its id, which the client sends back as {@code Last-Event-ID} when it reconnects.
     *
     * @param id text without line breaks
     */
    public void end(String id) throws IOException {
        write("\nid: " + id + "\n\n");
    }

    /** Sends what was written. */
    public void flush() throws IOException {
        out.flush();
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }
}
