package io.dataflow.engine.tasks;

import io.dataflow.engine.expression.ExpressionException;
import io.dataflow.engine.expression.ExpressionLimits;
import io.dataflow.engine.expression.JsonataTransform;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code json.transform}: reshapes {@code data} with a JSONata {@code expression}, in which {@code $} is the data.
 *
 * <p>An evaluation is bounded by {@code timeout_ms} and by the depth and size limits of
 * {@link ExpressionLimits#DEFAULT}, built-in functions included, so an endless loop, a runaway recursion or a huge
 * string or array fails the task instead of holding a worker or filling the heap. Every failure is permanent:
 * the same expression on the same data fails the same way again.
 */
public final class JsonTransform extends DeclaredTaskType {

    /** The longest {@code timeout_ms} honoured; larger values are lowered to it. */
    static final int MAX_TIMEOUT_MS = 10_000;

    private static final Port DATA = Port.required("data", PortType.ANY, "The value to transform; '$' in the expression");
    private static final Port EXPRESSION = Port.required("expression", PortType.TEXT, "A JSONata expression");
    private static final Port TIMEOUT_MS = Port.optional("timeout_ms", PortType.INTEGER,
            IntNode.valueOf((int) ExpressionLimits.DEFAULT.timeout().toMillis()),
            "The longest the expression may run, in milliseconds, at most " + MAX_TIMEOUT_MS);
    private static final Port RESULT = Port.output("result", PortType.ANY, "The expression's value; null when it matches nothing");

    public JsonTransform() {
        super("json.transform", "Transforms a JSON value with a JSONata expression.", List.of(DATA, EXPRESSION, TIMEOUT_MS),
                List.of(RESULT), example());
    }

    /** Computes its output from its input alone, within a bounded time. */
    @Override
    public boolean pure() {
        return true;
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure {
        String expression = InputValues.text(input, EXPRESSION);
        requireNotBlank(expression);
        long timeoutMs = InputValues.integer(input, TIMEOUT_MS, 1, MAX_TIMEOUT_MS);
        ExpressionLimits limits = ExpressionLimits.DEFAULT.withTimeout(Duration.ofMillis(timeoutMs));
        try {
            return Json.object().set(RESULT.name(), JsonataTransform.apply(expression, InputValues.value(input, DATA), limits));
        } catch (ExpressionException e) {
            throw TaskFailure.permanent(switch (e.reason()) {
                case INVALID -> notJsonata(e.getMessage());
                case TIMEOUT -> "input 'expression' ran longer than " + timeoutMs + " ms and was stopped";
                case TOO_DEEP -> "input 'expression' nested deeper than " + limits.maxDepth()
                        + " levels (endless recursion?) and was stopped";
                case TOO_LARGE -> "input 'expression' was stopped: " + e.getMessage();
                case FAILED -> "input 'expression' failed: " + e.getMessage();
            });
        }
    }

    /**
     * A literal {@code expression} that cannot run on any data, empty or not JSONata, is refused when the workflow
     * is created, with the parser's message and position. A templated one is checked when it runs.
     */
    @Override
    public List<Problem> checkLiteralInputs(ObjectNode literal) {
        JsonNode expression = literal.get(EXPRESSION.name());
        if (expression == null) {
            return List.of();
        }
        return literalCheck(EXPRESSION, () -> {
            requireNotBlank(expression.stringValue());
            Optional<String> error = JsonataTransform.syntaxError(expression.stringValue());
            if (error.isPresent()) {
                throw TaskFailure.permanent(notJsonata(error.get()));
            }
        });
    }

    private static void requireNotBlank(String expression) throws TaskFailure {
        if (expression.isBlank()) {
            throw TaskFailure.permanent("input 'expression' must not be empty");
        }
    }

    /** The failure of an expression that does not parse, with the parser's own message. */
    private static String notJsonata(String parserMessage) {
        return "input 'expression' is not valid JSONata: " + parserMessage;
    }

    private static ObjectNode example() {
        ObjectNode example = Json.object().put(EXPRESSION.name(), "$sum(items.(price * quantity))");
        example.set(DATA.name(), Json.parse("{\"items\": [{\"price\": 2.5, \"quantity\": 4}, {\"price\": 10, \"quantity\": 1}]}"));
        return example;
    }
}
