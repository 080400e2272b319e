package io.dataflow.engine.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import io.dataflow.engine.expression.ExpressionException.Reason;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses and runs one JSONata expression with dashjoin's implementation.
 *
 * <p>Every evaluation parses its expression again, on the evaluating thread, instead of caching {@link Jsonata}
 * objects. A parsed {@code Jsonata} is not safe to share: during evaluation it writes its own {@code timestamp}
 * field, and {@code $now()}, {@code $millis()} and {@code $eval()} read evaluator state from a static
 * {@code ThreadLocal} that holds whichever {@code Jsonata} was last <em>constructed</em> on the thread (dashjoin
 * issue #93). A cached expression evaluated on a pooled thread would read another expression's stale clock.
 * Constructing right before evaluating makes that thread-local this expression, and parsing costs a few
 * microseconds for the expressions templates hold.
 *
 * <p>Each evaluation also gets its own {@link Jsonata.Frame} carrying its {@link EvaluationBounds}: JSONata calls
 * them around every node, and the frame binds the bounded versions of the built-ins that need them
 * ({@link BoundedBuiltIns}). Binding on the shared root frame would leak between runs.
 */
final class JsonataExpression {

    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z]\\d{4}");

    private JsonataExpression() {
    }

    /** Why {@code source} is not a valid JSONata expression, or empty when it is. */
    static Optional<String> syntaxError(String source) {
        if (source.isBlank()) {
            return Optional.of("the expression is empty");
        }
        try {
            parse(source);
            return Optional.empty();
        } catch (ExpressionException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Evaluates {@code source} against {@code input}, a value from {@link JsonataValues#toJsonata}, within fresh
     * bounds.
     *
     * @return the JSONata result; Java null when the result is undefined, {@link Jsonata#NULL_VALUE} for JSON null
     * @throws ExpressionException when the expression does not parse, fails, or exceeds {@code limits}
     */
    static Object evaluate(String source, Object input, ExpressionLimits limits) throws ExpressionException {
        return evaluate(source, input, new EvaluationBounds(limits));
    }

    /**
     * Evaluates {@code source} within {@code bounds}, which may be shared with other evaluations (the templates of
     * one value share one clock).
     */
    static Object evaluate(String source, Object input, EvaluationBounds bounds) throws ExpressionException {
        Jsonata expression = parseBounded(source);
        try {
            return run(expression, input, bounds);
        } catch (LimitExceeded e) {
            throw e.toExpressionException();
        } catch (JException e) {
            throw bounds.exceeded() != null ? bounds.exceeded().toExpressionException() : evaluationFailure(e);
        } catch (StackOverflowError e) {
            throw new ExpressionException(Reason.TOO_DEEP, "the evaluation nested too deeply");
        } catch (RuntimeException e) {
            // Some built-ins ($sort, higher-order functions) wrap a JSONata error, a limit included, in a plain
            // RuntimeException; other defects in the library (class casts and the like) fail this expression,
            // never the worker.
            if (bounds.exceeded() != null) {
                throw bounds.exceeded().toExpressionException();
            }
            Optional<JException> cause = jsonataCause(e);
            throw cause.isPresent() ? evaluationFailure(cause.get()) : new ExpressionException(Reason.FAILED, e.toString());
        }
    }

    /** A parsed expression whose regular expression literals stop at the deadline of the evaluation running them. */
    static Jsonata parseBounded(String source) throws ExpressionException {
        Jsonata expression = parse(source);
        RegexLiterals.bound(expression, source);
        return expression;
    }

    /** Runs a parsed expression in a frame of its own that carries {@code bounds}; JSONata's errors pass through. */
    static Object run(Jsonata expression, Object input, EvaluationBounds bounds) {
        // Our converter only produces valid JSONata values; validating would walk the whole context again.
        expression.setValidateInput(false);
        // Keep JSON null apart from undefined: they resolve differently.
        expression.setOutputConvertNulls(false);
        Jsonata.Frame frame = expression.createFrame();
        bounds.install(frame);
        return bounds.run(() -> expression.evaluate(input, frame));
    }

    private static Jsonata parse(String source) throws ExpressionException {
        try {
            return Jsonata.jsonata(source);
        } catch (JException e) {
            throw new ExpressionException(Reason.INVALID, describe(e));
        } catch (RuntimeException | StackOverflowError e) {
            throw new ExpressionException(Reason.INVALID, "the expression cannot be parsed: " + e);
        }
    }

    private static ExpressionException evaluationFailure(JException e) {
        return new ExpressionException(Reason.FAILED, describe(e));
    }

    static TemplateException failure(String source, String pointer, String detail) {
        return new TemplateException("{{" + source + "}} failed: " + detail, source, pointer);
    }

    private static Optional<JException> jsonataCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JException jsonata) {
                return Optional.of(jsonata);
            }
        }
        return Optional.empty();
    }

    /** The JSONata error text with its code and position, without the library's class-name prefix. */
    static String describe(JException e) {
        String text = String.valueOf(e.getMessage());
        if (text.startsWith("JSonataException ")) {
            text = text.substring("JSonataException ".length());
        }
        String code = e.getError();
        if (code != null && ERROR_CODE.matcher(code).matches()) {
            return text + (e.getLocation() >= 0 ? " (" + code + " at position " + e.getLocation() + ")" : " (" + code + ")");
        }
        return text;
    }
}
