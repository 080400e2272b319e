package io.dataflow.server.web;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses what is not: the JDK's decoder with {@link CodingErrorAction#REPORT}, which rejects
 * stray continuation bytes, truncated sequences, overlong forms ({@code C0 AF} for {@code /}), encoded surrogates
 * and code points beyond U+10FFFF. {@code new String(bytes, UTF_8)} would turn each into U+FFFD instead, so two
 * different requests could mean the same text.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /** The bytes as text. */
    public static String decode(byte[] bytes) throws MalformedException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // never more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new MalformedException(in.position());
        }
        return out.flip().toString();
    }

    /** Bytes that are not UTF-8, from {@link #offset()} on. */
    public static final class MalformedException extends Exception {

        private final int offset;

        MalformedException(int offset) {
            super("the byte sequence at offset " + offset + " is not UTF-8");
            this.offset = offset;
        }

        /** Where the first sequence that is not UTF-8 starts, counted in bytes from 0. */
        public int offset() {
            return offset;
        }
    }
}
