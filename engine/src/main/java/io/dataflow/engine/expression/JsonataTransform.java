package io.dataflow.engine.expression;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates one whole JSONata expression (no {@code {{ }}}) against a JSON value, within {@link ExpressionLimits}:
 * what a task that reshapes data runs. Stateless and safe to share between threads.
 */
public final class JsonataTransform {

    private JsonataTransform() {
    }

    /**
     * Why {@code expression} does not parse as JSONata, with the parser's message, code and position (the same
     * words {@link #apply} fails with), or empty when it parses; before any data is known.
     */
    public static Optional<String> syntaxError(String expression) {
        return JsonataExpression.syntaxError(expression);
    }

    /**
     * @param expression JSONata source; {@code $} is {@code data}
     * @param data the value to transform
     * @return the result; JSON null when the expression matched nothing (JSONata's "undefined")
     * @throws ExpressionException when the expression does not parse, fails, exceeds {@code limits}, or gives a
     *     function instead of a value
     */
    public static JsonNode apply(String expression, JsonNode data, ExpressionLimits limits)
            throws ExpressionException {
        Object result = JsonataExpression.evaluate(expression, JsonataValues.toJsonata(data), limits);
        try {
            return JsonataValues.toJson(result);
        } catch (IllegalArgumentException e) {
            throw new ExpressionException(ExpressionException.Reason.FAILED, e.getMessage());
        }
    }
}
