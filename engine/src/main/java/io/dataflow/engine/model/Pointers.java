package io.dataflow.engine.model;

/** JSON pointer (RFC 6901) building. */
public final class Pointers {

    private Pointers() {
    }

    /** Escapes one reference token: {@code ~} as {@code ~0} and {@code /} as {@code ~1}. */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** {@code base} followed by the escaped token. */
    public static String append(String base, String token) {
        return base + "/" + escape(token);
    }

    public static String append(String base, int index) {
        return base + "/" + index;
    }
}
