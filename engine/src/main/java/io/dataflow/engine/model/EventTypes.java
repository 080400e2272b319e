package io.dataflow.engine.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** What an event type may be: letters, digits, '-' and '_', 1 to 100 of them. */
public final class EventTypes {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private EventTypes() {
    }

    /**
     * Why {@code type} is not an event type, to follow what names it ("input 'event_type' must be ..."), or empty
     * when it is one.
     */
    public static Optional<String> problem(String type) {
        if (type == null) {
            return Optional.of("is required");
        }
        if (TYPE.matcher(type).matches()) {
            return Optional.empty();
        }
        String shown = type.length() <= 100 ? type : type.substring(0, 100) + "...";
        return Optional.of("must be 1 to 100 letters, digits, '-' and '_', got '" + shown + "'");
    }
}
