package io.dataflow.engine.store;

/**
 * Text as the databases can store it. PostgreSQL refuses U+0000 in {@code text} (and its {@code \u0000} escape in
 * {@code jsonb}), and no database stores a lone UTF-16 surrogate as what it was (PostgreSQL's driver turns it into
 * {@code ?}). Both are legal in a Java string and in JSON, so a task's output, an error message or an input may hold
 * them. The store replaces each with U+FFFD, the Unicode replacement character, wherever it binds text
 * ({@link Sql}), so every outcome is stored on the first try and reads back the same on every database.
 */
public final class StoredText {

    /** What U+0000 and lone surrogates become. */
    public static final char REPLACEMENT = '\uFFFD';

    private StoredText() {
    }

    /** {@code text} with U+0000 and lone surrogates replaced; the same instance when it has none (the usual case). */
    public static String sanitise(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) {
                return sanitiseFrom(text, i);
            }
        }
        return text;
    }

    private static String sanitiseFrom(String text, int start) {
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, start);
        int length = text.length();
        for (int i = start; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code text} cut to {@code maxChars} characters, with a note of how long it was; the same instance when it is
     * not longer. Never cuts a surrogate pair in two.
     */
    public static String truncate(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
        return text.substring(0, end) + "... [truncated: " + text.length() + " characters in all]";
    }

    /**
     * JSON text as {@link tools.jackson.databind.ObjectMapper} writes it, with U+0000 (which it writes as the escape
     * {@code \u0000}) and lone surrogates (which it writes as they are) replaced by U+FFFD, and its length in UTF-8
     * bytes, counted in the same pass.
     *
     * @param changed whether anything was replaced; {@code text} is then a new string
     */
    record Measured(String text, long utf8Bytes, boolean changed) {
    }

    /** Sanitises and measures JSON text in one pass; see {@link Measured}. */
    static Measured sanitiseJson(String json) {
        StringBuilder out = null;
        long bytes = 0;
        int length = json.length();
        int copied = 0; // json[copied, i) is clean and not yet appended to out
        for (int i = 0; i < length; i++) {
            char c = json.charAt(i);
            int replace = 0; // how many chars at i become one U+FFFD
            if (c < 0x80) {
                if (c == '\\' && i + 1 < length) {
                    if (json.startsWith("u0000", i + 1)) {
                        replace = 6;
                    } else {
                        bytes += 2; // an escape is a backslash and one ASCII character (then four hex digits, if u)
                        i++;
                        continue;
                    }
                } else if (c == 0) {
                    replace = 1;
                } else {
                    bytes++;
                    continue;
                }
            } else if (c < 0x800) {
                bytes += 2;
                continue;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
                continue;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1))) {
                bytes += 4;
                i++;
                continue;
            } else {
                replace = 1;
            }
            if (out == null) {
                out = new StringBuilder(length);
            }
            out.append(json, copied, i).append(REPLACEMENT);
            bytes += 3;
            i += replace - 1;
            copied = i + 1;
        }
        if (out == null) {
            return new Measured(json, bytes, false);
        }
        return new Measured(out.append(json, copied, length).toString(), bytes, true);
    }
}
