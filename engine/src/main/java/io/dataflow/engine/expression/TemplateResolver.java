package io.dataflow.engine.expression;

import io.dataflow.engine.model.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Resolves the templates in a value against an execution context, at run time.
 *
 * <p>The result is a deep copy of the value with each templated string replaced:
 * <ul>
 *   <li>A string that is exactly one template ({@code "{{ inputs.n }}"}, whitespace around it allowed) becomes the
 *       expression's result with its JSON type: number, object, array, boolean or null. An undefined result (a path
 *       that matches nothing) becomes JSON null.</li>
 *   <li>A string mixing text and templates stays a string: a text result is inserted as is, any other result as
 *       compact JSON (so JSON null as {@code null}), and an undefined result as nothing.</li>
 * </ul>
 *
 * <p>The context is an object such as
 * {@code {"inputs":{...},"tasks":{"t1":{"outputs":{...}}},"workflow":{...},"execution":{...}}}. All the expressions
 * of one {@link #resolve} call, or of one {@link Resolution}, run within one set of {@link ExpressionLimits}: one
 * clock, one count of what they built. Instances are immutable and safe to share between threads.
 */
public final class TemplateResolver {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ExpressionLimits limits;

    public TemplateResolver() {
        this(ExpressionLimits.DEFAULT);
    }

    public TemplateResolver(ExpressionLimits limits) {
        this.limits = limits;
    }

    /**
     * The value with its templates resolved against {@code context}; a null or missing value resolves to JSON null.
     *
     * @throws TemplateException for the first template that is unclosed, fails, exceeds the limits, or yields a
     *     function; its pointer is relative to {@code value}
     */
    public JsonNode resolve(JsonNode value, JsonNode context) throws TemplateException {
        return open(context).resolve(value);
    }

    /**
     * A resolution against {@code context} for several values (the input ports of one task, the outputs of one
     * workflow) that share one set of limits and convert the context once.
     */
    public Resolution open(JsonNode context) {
        return new Resolution(context);
    }

    /**
     * Resolves values against one context: converts the context once, and only when some string turns out to hold
     * a template; all its expressions share one {@link ExpressionLimits} budget. Not thread-safe.
     */
    public final class Resolution {

        private final JsonNode context;
        private Object input;
        private EvaluationBounds bounds;

        private Resolution(JsonNode context) {
            this.context = context;
        }

        /**
         * The value with its templates resolved; a null or missing value resolves to JSON null.
         *
         * @throws TemplateException as {@link TemplateResolver#resolve}
         */
        public JsonNode resolve(JsonNode value) throws TemplateException {
            if (value == null || value.isMissingNode()) {
                return NODES.nullNode();
            }
            return resolve(value, JsonPointer.empty());
        }

        private JsonNode resolve(JsonNode node, JsonPointer at) throws TemplateException {
            if (node.isString()) {
                return resolveString(node, at.toString());
            }
            if (node.isObject()) {
                ObjectNode copy = NODES.objectNode();
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    copy.set(property.getKey(), resolve(property.getValue(), at.appendProperty(property.getKey())));
                }
                return copy;
            }
            if (node.isArray()) {
                ArrayNode copy = NODES.arrayNode(node.size());
                for (int i = 0; i < node.size(); i++) {
                    copy.add(resolve(node.get(i), at.appendIndex(i)));
                }
                return copy;
            }
            return node.deepCopy();
        }

        private JsonNode resolveString(JsonNode node, String pointer) throws TemplateException {
            String text = node.stringValue();
            if (!TemplateString.hasTemplate(text)) {
                return node;
            }
            TemplateString template = TemplateString.parse(text);
            if (template.unclosed() != null) {
                throw new TemplateException("the template '" + template.unclosed() + "' has no closing '}}'",
                        template.unclosed(), pointer);
            }
            Optional<String> single = template.single();
            if (single.isPresent()) {
                JsonNode direct = direct(single.get());
                if (direct != null) {
                    return direct.isMissingNode() ? NODES.nullNode() : direct.deepCopy();
                }
                Object result = evaluate(single.get(), pointer);
                return result == null ? NODES.nullNode() : toJson(result, single.get(), pointer);
            }
            StringBuilder out = new StringBuilder();
            for (TemplateString.Part part : template.parts()) {
                if (part instanceof TemplateString.Text literal) {
                    out.append(literal.text());
                } else {
                    String source = ((TemplateString.Expression) part).source();
                    Object result = evaluate(source, pointer);
                    if (result instanceof String s) {
                        out.append(s);
                    } else if (result != null) {
                        out.append(Json.write(toJson(result, source, pointer)));
                    }
                }
            }
            // Each part is within the string limit; together they must be too.
            if (out.length() > limits.maxStringLength()) {
                throw JsonataExpression.failure(text, pointer, "the expression built a string longer than "
                        + limits.maxStringLength() + " characters");
            }
            return NODES.stringNode(out.toString());
        }

        /**
         * The value of a plain path ({@code inputs.x}, {@code tasks.t.outputs.p}) read straight from the context: the
         * same value JSONata gives, without parsing the expression or converting the context. Null when the path is
         * not plain or crosses an array (where JSONata maps over elements); a missing node when nothing is there.
         */
        private JsonNode direct(String source) {
            Optional<Reference> path = PathScanner.plainPath(source);
            if (path.isEmpty()) {
                return null;
            }
            Reference ref = path.get();
            List<String> steps = ref.kind() == Reference.Kind.TASK
                    ? List.of(ref.kind().root(), ref.name(), "outputs", ref.port())
                    : List.of(ref.kind().root(), ref.name());
            JsonNode node = context;
            for (String step : steps) {
                if (node.isArray()) {
                    return null;
                }
                node = node.path(step);
            }
            return node.isArray() ? null : node;
        }

        private Object evaluate(String source, String pointer) throws TemplateException {
            if (bounds == null) {
                bounds = new EvaluationBounds(limits);
                input = JsonataValues.toJsonata(context);
            }
            try {
                return JsonataExpression.evaluate(source, input, bounds);
            } catch (ExpressionException e) {
                throw JsonataExpression.failure(source, pointer, e.getMessage());
            }
        }

        private static JsonNode toJson(Object result, String source, String pointer) throws TemplateException {
            try {
                return JsonataValues.toJson(result);
            } catch (IllegalArgumentException e) {
                throw JsonataExpression.failure(source, pointer, e.getMessage());
            }
        }
    }
}
