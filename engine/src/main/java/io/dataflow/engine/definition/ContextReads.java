package io.dataflow.engine.definition;

import io.dataflow.engine.expression.ContextPath;
import io.dataflow.engine.expression.Located;
import io.dataflow.engine.expression.Reference.Kind;
import io.dataflow.engine.expression.Templates;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.TaskType;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks that what templates read from the top of the execution context can be there: a root the context has
 * ({@link Kind}), {@code outputs} after {@code tasks.<name>}, and a name that {@code workflow} or {@code execution}
 * has. JSONata reads a path that is not there as nothing, without an error, so a template reading anything else
 * would quietly give nothing when it runs: {@code "Hi {{input.u}}!"} would become {@code "Hi !"}. Each problem
 * names what was read, suggests what was probably meant, and lists what can be read there.
 *
 * <p>Only paths that surely start at the top are judged ({@link Templates#contextPaths}); the names of inputs, tasks
 * and their outputs are the compiler's to check against the definition.
 */
final class ContextReads {

    private static final List<String> TASK_INPUT_ROOTS = Arrays.stream(Kind.values()).map(Kind::root).toList();
    private static final List<String> OUTPUT_ROOTS = TASK_INPUT_ROOTS.stream()
            .filter(root -> !root.equals(Kind.SECRET.root())).toList();

    private final Set<String> inputs;
    private final Set<String> tasks;
    private final Map<String, TaskType> types;

    /**
     * @param inputs the names of the declared inputs
     * @param tasks the names of the tasks
     * @param types the type of each task whose type exists, by task name
     */
    ContextReads(Set<String> inputs, Set<String> tasks, Map<String, TaskType> types) {
        this.inputs = inputs;
        this.tasks = tasks;
        this.types = types;
    }

    /**
     * Adds a problem for each path the templates in {@code value} read that the context cannot have.
     *
     * @param pointer where {@code value} sits in the user's document
     * @param taskInput whether {@code value} is a task's input, which may read secrets, or a workflow output
     */
    void check(JsonNode value, String pointer, boolean taskInput, List<Problem> problems) {
        for (Located<ContextPath> located : Templates.contextPaths(value, pointer)) {
            problem(located.value(), taskInput)
                    .ifPresent(detail -> problems.add(new Problem(located.pointer(), detail)));
        }
    }

    private Optional<String> problem(ContextPath path, boolean taskInput) {
        Kind kind = Kind.ofRoot(path.root());
        if (kind == null) {
            List<String> roots = taskInput ? TASK_INPUT_ROOTS : OUTPUT_ROOTS;
            return Optional.of("template reads '" + path.root() + "', which does not exist"
                    + hint(rootMeant(path, roots)) + "; " + (taskInput ? "a template" : "a workflow output")
                    + " can read " + String.join(", ", roots));
        }
        String step = path.name(2);
        if (kind == Kind.TASK && step != null && !step.equals("outputs")) {
            String task = path.name(1);
            return Optional.of("template reads " + path + ", which does not exist" + hint(outputsMeant(task, step))
                    + "; a task's outputs are read as tasks." + task + ".outputs.<port>");
        }
        String name = path.name(1);
        if (!kind.properties().isEmpty() && name != null && !kind.properties().contains(name)) {
            return Optional.of("template reads " + path.root() + "." + name + ", which does not exist"
                    + hint(nearest(name, kind.properties())) + "; " + path.root() + " has "
                    + String.join(", ", kind.properties()));
        }
        return Optional.empty();
    }

    /** What a path from an unknown root probably meant: a root spelt nearly so, or a declared input or task. */
    private Optional<String> rootMeant(ContextPath path, List<String> roots) {
        String root = path.root();
        Optional<String> spelt = nearest(root, roots);
        if (spelt.isPresent()) {
            return spelt;
        }
        if (inputs.contains(root)) {
            return Optional.of(Kind.INPUT.root() + "." + root);
        }
        if (tasks.contains(root)) {
            String port = path.name(1);
            return Optional.of(Kind.TASK.root() + "." + root + ".outputs"
                    + (port != null && isOutput(root, port) ? "." + port : ""));
        }
        return Optional.empty();
    }

    /** What {@code tasks.<task>.<step>} probably meant: {@code outputs} spelt nearly so, or an output of the task. */
    private Optional<String> outputsMeant(String task, String step) {
        Optional<String> spelt = nearest(step, List.of("outputs"));
        if (spelt.isPresent()) {
            return spelt;
        }
        return isOutput(task, step) ? Optional.of("tasks." + task + ".outputs." + step) : Optional.empty();
    }

    private boolean isOutput(String task, String port) {
        TaskType type = types.get(task);
        return type != null && type.outputs().stream().map(Port::name).anyMatch(port::equals);
    }

    private static String hint(Optional<String> meant) {
        return meant.map(m -> " (did you mean '" + m + "'?)").orElse("");
    }

    /**
     * The candidate {@code given} is a slip of: the same but for case, or within one edit (two for names of six
     * characters or more) of it, counting a swap of neighbours as one.
     */
    static Optional<String> nearest(String given, Collection<String> candidates) {
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = given.length() >= 6 ? 3 : 2;
        for (String candidate : candidates) {
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
