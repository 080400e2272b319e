package io.dataflow.engine.expression;

import java.util.List;

/**
 * A value a template reads from the execution context, found by scanning its expressions.
 *
 * <p>{@code inputs.text} is {@code (INPUT, "text", null)}; {@code tasks.t1.outputs.text} is
 * {@code (TASK, "t1", "text")}; {@code tasks.t1} or {@code tasks.t1.outputs} alone is {@code (TASK, "t1", null)};
 * {@code workflow.id} is {@code (WORKFLOW, "id", null)}; {@code secrets.openai.api_key} is {@code (SECRET, "openai", null)}. A root used alone ({@code inputs}, {@code tasks}) has a
 * null {@code name}: the expression reads the whole object, so no single input or task can be named.
 *
 * @param kind which root of the context is read
 * @param name the input, task, workflow or execution property name, or null for the whole root
 * @param port for {@link Kind#TASK}: the output port read, or null when the expression reads more than one port
 */
public record Reference(Kind kind, String name, String port) {

    /** The roots of the execution context an expression can read. */
    public enum Kind {
        /** {@code inputs.<name>}: a workflow input. */
        INPUT("inputs"),
        /** {@code tasks.<name>.outputs.<port>}: an upstream task's output. */
        TASK("tasks"),
        /** {@code workflow.<name>}: a property of the workflow. */
        WORKFLOW("workflow", "id", "version"),
        /**
         * {@code execution.<name>}: a property of the running execution; {@code event_url} is the link that sends it
         * events without an API key ({@link io.dataflow.engine.spi.EventLinks}).
         */
        EXECUTION("execution", "id", "created_at", "event_url"),
        /** {@code secrets.<name>}: the value of the organization's credential of that name (task inputs only). */
        SECRET("secrets");

        private final String root;
        private final List<String> properties;

        Kind(String root, String... properties) {
            this.root = root;
            this.properties = List.of(properties);
        }

        /** The name of this root in the context and in expressions. */
        public String root() {
            return root;
        }

        /**
         * The names under this root that every execution's context holds, for the roots whose names are fixed
         * ({@code workflow}, {@code execution}); empty for the roots whose names the workflow declares.
         */
        public List<String> properties() {
            return properties;
        }

        /** The kind whose root is {@code root}, or null when the context has no such root. */
        public static Kind ofRoot(String root) {
            for (Kind kind : values()) {
                if (kind.root.equals(root)) {
                    return kind;
                }
            }
            return null;
        }
    }

    public static Reference input(String name) {
        return new Reference(Kind.INPUT, name, null);
    }

    public static Reference task(String name, String port) {
        return new Reference(Kind.TASK, name, port);
    }

    /** The path this reference reads, such as {@code tasks.t1.outputs.text}, for messages. */
    @Override
    public String toString() {
        StringBuilder path = new StringBuilder(kind.root);
        if (name != null) {
            path.append('.').append(name);
        }
        if (port != null) {
            path.append(".outputs.").append(port);
        }
        return path.toString();
    }
}
