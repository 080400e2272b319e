package io.dataflow.engine.model;

import java.util.Optional;
import java.util.regex.Pattern;

/** What an event type may be: letters, digits, '-' and '_', 1 to 100 of them. */
public final class EventTypes {

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private EventTypes() {
    }

    /** Why {@code type} is not an event type, or empty when it is one. */
    public static Optional<String> problem(String type) {
        if (type == null || TYPE.matcher(type).matches()) {
            return type == null ? Optional.of("an event type is required") : Optional.empty();
        }
        String shown = type.length() <= 100 ? type : type.substring(0, 100) + "...";
        return Optional.of("an event type has 1 to 100 letters, digits, '-' and '_', got '" + shown + "'");
    }
}
