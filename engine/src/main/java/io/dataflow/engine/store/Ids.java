package io.dataflow.engine.store;

import com.github.f4b6a3.ulid.UlidCreator;
import java.nio.charset.StandardCharsets;
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
     * The id of an execution's task run at {@code position} in definition order: derived, not drawn, so the engine
     * can name a successor's row without reading it.
     */
    public static String taskRun(String executionId, int position) {
        return "task-" + executionId.substring(executionId.indexOf('-') + 1) + "-" + position;
    }

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
