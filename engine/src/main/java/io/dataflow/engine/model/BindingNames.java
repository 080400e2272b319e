package io.dataflow.engine.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a binding's name and a named execution's name may be: letters, digits, '-' and '_', not starting with '-';
 * at most {@link #MAX_BINDING} characters for a binding, {@link #MAX_EXECUTION} for an execution.
 */
public final class BindingNames {

    public static final int MAX_BINDING = 64;
    public static final int MAX_EXECUTION = 100;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9_-]*");

    private BindingNames() {
    }

    /** Why {@code name} is no binding name, to follow what names it ("'name' must be ..."), or empty. */
    public static Optional<String> bindingProblem(String name) {
        return problem(name, MAX_BINDING);
    }

    /** Why {@code name} is no execution name, to follow what names it, or empty. */
    public static Optional<String> executionProblem(String name) {
        return problem(name, MAX_EXECUTION);
    }

    private static Optional<String> problem(String name, int max) {
        if (name == null) {
            return Optional.of("is required");
        }
        if (!name.isEmpty() && name.length() <= max && NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        String shown = name.length() <= max ? name : name.substring(0, max) + "...";
        return Optional.of("must be 1 to " + max + " letters, digits, '-' and '_', not starting with '-', got '"
                + shown + "'");
    }
}
