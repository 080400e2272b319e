package io.dataflow.engine.expression;

import io.dataflow.engine.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Static checks of template values: the task inputs and workflow outputs of a definition, before anything runs.
 *
 * <p>A template value is any JSON value; each string in it may hold {@code {{ expression }}} parts in JSONata.
 * Object keys are never templates. Pointers in results are RFC 6901 JSON pointers of the string concerned, under
 * the {@code pointer} given (empty for the value itself). {@link TemplateResolver} evaluates the templates.
 */
public final class Templates {

    private Templates() {
    }

    /**
     * Every problem with the templates in {@code value}: an opening {@code {{} without its {@code }}}, an empty
     * expression, or one that is not valid JSONata (with JSONata's own explanation).
     *
     * @param pointer where {@code value} sits in the document the user sent, such as {@code /tasks/0/inputs}
     */
    public static List<Problem> check(JsonNode value, String pointer) {
        List<Problem> problems = new ArrayList<>();
        forEachTemplate(value, pointer, (at, template) -> {
            for (String expression : template.expressions()) {
                JsonataExpression.syntaxError(expression).ifPresent(error ->
                        problems.add(new Problem(at, "invalid expression {{" + expression + "}}: " + error)));
            }
            if (template.unclosed() != null) {
                problems.add(new Problem(at, "the template '" + template.unclosed()
                        + "' has no closing '}}' (look for an unterminated string or brace)"));
            }
        });
        return problems;
    }

    /** Every context path the templates in {@code value} read, each with the pointer of its string under {@code pointer}. */
    public static List<Located<Reference>> references(JsonNode value, String pointer) {
        return found(value, pointer, PathScanner::references);
    }

    /**
     * Every path the templates in {@code value} surely read from the top of the context, root included, each with
     * the pointer of its string under {@code pointer}: what decides whether a template reads something that can
     * exist. Unlike {@link #references(JsonNode, String)} it leaves out names that read the current item of a path
     * (in a predicate, a path step, a grouping), whatever they are called.
     */
    public static List<Located<ContextPath>> contextPaths(JsonNode value, String pointer) {
        return found(value, pointer, ContextPaths::read);
    }

    /** Whether some string in {@code value} holds a template; a value without one is known before anything runs. */
    public static boolean hasTemplate(JsonNode value) {
        if (value == null) {
            return false;
        }
        if (value.isString()) {
            return TemplateString.hasTemplate(value.stringValue());
        }
        if (value.isObject()) {
            return value.properties().stream().anyMatch(property -> hasTemplate(property.getValue()));
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (hasTemplate(value.get(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@link #references(JsonNode, String)} with pointers relative to {@code value} itself. */
    public static List<Located<Reference>> references(JsonNode value) {
        return references(value, "");
    }

    /**
     * The path when {@code value} is a string holding exactly one template (whitespace around it allowed) whose
     * expression is a plain {@code inputs.X} or {@code tasks.T.outputs.P}: its result is exactly that value, with
     * the declared type of that input or port, so it can be type-checked before running.
     */
    public static Optional<Reference> exactPath(JsonNode value) {
        if (value == null || !value.isString() || !TemplateString.hasTemplate(value.stringValue())) {
            return Optional.empty();
        }
        return TemplateString.parse(value.stringValue()).single().flatMap(PathScanner::plainPath);
    }

    /** What {@code scan} finds in each expression of the templates in {@code value}, with the pointer of its string. */
    private static <T> List<Located<T>> found(JsonNode value, String pointer, Function<String, Set<T>> scan) {
        List<Located<T>> found = new ArrayList<>();
        forEachTemplate(value, pointer, (at, template) -> {
            for (String expression : template.expressions()) {
                for (T item : scan.apply(expression)) {
                    Located<T> located = new Located<>(at, item);
                    // Several expressions in one string may read the same path; report it once per string.
                    if (!found.contains(located)) {
                        found.add(located);
                    }
                }
            }
        });
        return found;
    }

    /** Calls {@code visit} with the pointer and parsed form of every string in the tree that holds a template. */
    private static void forEachTemplate(JsonNode value, String pointer, BiConsumer<String, TemplateString> visit) {
        walk(value, JsonPointer.compile(pointer), visit);
    }

    private static void walk(JsonNode node, JsonPointer at, BiConsumer<String, TemplateString> visit) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            if (TemplateString.hasTemplate(node.stringValue())) {
                visit.accept(at.toString(), TemplateString.parse(node.stringValue()));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                walk(property.getValue(), at.appendProperty(property.getKey()), visit);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at.appendIndex(i), visit);
            }
        }
    }
}
