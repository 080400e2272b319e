package io.dataflow.server.web;

import java.util.Optional;

/**
 * The one check that text from a request can be stored and read back unchanged. PostgreSQL's {@code text} and
 * {@code jsonb} refuse U+0000 (the request failed with a 500 after validation had passed), and an unpaired
 * surrogate is not a character at all: PostgreSQL's driver writes it as {@code ?} and H2 keeps it, so the two
 * databases would disagree about what was stored. Every other character, control characters included, is kept.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why {@code text} cannot be stored, as the end of a sentence about it; empty when it can. */
    public static Optional<String> problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("contains the character U+0000 (NUL), which cannot be stored");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase()
                        + "), which is not a character");
            }
        }
        return Optional.empty();
    }
}
