package io.dataflow.engine.store;

import com.github.f4b6a3.ulid.UlidCreator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Identifiers: a short prefix naming the kind ({@code wf}, {@code ex}, {@code task}) and a lower-case monotonic
 * ULID, so ids sort by creation time and "newest first" is "greatest id first".
 */
public final class Ids {

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "-" + UlidCreator.getMonotonicUlid().toLowerCase();
    }

    /**
     * The id of the run of an execution's step: derived from the execution and the step's name, not drawn, so the
     * engine, a worker running the step in memory and a read showing a step not reached yet all name it the same
     * way without reading anything, and it does not depend on where the step stands in the definition. The name is
     * hashed (SHA-256, its first 64 bits in base 32) to keep the id short. A restarted execution's runs (run 2 on)
     * hash the run number with the name, so a late result of the run before names no run of the new one.
     */
    public static String taskRun(String executionId, int run, String step) {
        String hashed = run == 1 ? step : run + "#" + step;
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(hashed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long bits = ByteBuffer.wrap(digest).getLong();
        char[] hash = new char[13];
        for (int i = hash.length - 1; i >= 0; i--) {
            hash[i] = BASE32.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return "task-" + executionId.substring(executionId.indexOf('-') + 1) + "-" + new String(hash);
    }

    /** Crockford's base 32 in lower case, as in the ULIDs of the other ids. */
    private static final String BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

    /** An opaque page cursor for the last id of a page. */
    public static String cursorAfter(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    /** The id inside a cursor, or throws {@link IllegalArgumentException} for a cursor this server did not make. */
    public static String idInCursor(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!id.matches("[a-z]+-[0-9a-z]{26}")) {
                throw new IllegalArgumentException("not a cursor");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cursor is not valid; use the next_cursor of a previous page", e);
        }
    }
}
