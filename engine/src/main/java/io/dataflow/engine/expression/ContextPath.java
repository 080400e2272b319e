package io.dataflow.engine.expression;

import java.util.List;

/**
 * A path that an expression surely reads from the top of the execution context, by its first names:
 * {@code input.text} is {@code [input, text]}, {@code tasks.a.output.text} is {@code [tasks, a, output]}. At most
 * three names are kept; they are all it takes to tell whether the path can exist (the root, then an input's, a task's
 * or a property's name, then a task's {@code outputs}).
 *
 * @param names one to three names, the root first
 */
public record ContextPath(List<String> names) {

    /** As many names as a path needs to be judged. */
    static final int KEPT = 3;

    public ContextPath {
        names = List.copyOf(names);
        if (names.isEmpty() || names.size() > KEPT) {
            throw new IllegalArgumentException("a context path has 1 to " + KEPT + " names, got " + names);
        }
    }

    /** The root the path starts at, such as {@code inputs}. */
    public String root() {
        return names.getFirst();
    }

    /** The name at {@code index} (the root is 0), or null when the path stops before it. */
    public String name(int index) {
        return index < names.size() ? names.get(index) : null;
    }

    /** The path as written without its quotes, such as {@code tasks.a.output}. */
    @Override
    public String toString() {
        return String.join(".", names);
    }
}
