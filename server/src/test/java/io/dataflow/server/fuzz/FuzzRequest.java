package io.dataflow.server.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request the fuzz sends, as it goes on the wire.
 *
 * @param caller who sends it: {@code admin}, {@code member}, {@code other} (another organization's admin),
 *     {@code none} or {@code invalid}
 */
record FuzzRequest(String method, String target, Map<String, String> headers, byte[] body, String caller) {

    private static final int SHOWN = 2000;

    /** The request, readably: what a failure message shows so that it can be sent again. */
    String describe() {
        StringBuilder text = new StringBuilder(method).append(' ').append(shorten(target)).append("  (as ")
                .append(caller).append(")\n");
        headers.forEach((name, value) -> text.append("  ").append(name).append(": ").append(shorten(value))
                .append('\n'));
        if (body != null) {
            text.append("  body (").append(body.length).append(" bytes): ").append(shorten(escape(body)));
        }
        return text.toString();
    }

    /** The body as text with every byte that is not printable ASCII escaped, so the failure can be rebuilt. */
    private static String escape(byte[] body) {
        StringBuilder text = new StringBuilder();
        for (byte b : body) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                text.append((char) c);
            } else {
                text.append(String.format("\\x%02x", c));
            }
        }
        return text.toString();
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "... (" + text.length() + " chars)";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
