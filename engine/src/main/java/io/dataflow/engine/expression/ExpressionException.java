package io.dataflow.engine.expression;

/**
 * A JSONata expression did not parse, failed while running, or exceeded its {@link ExpressionLimits}. The message
 * is JSONata's own, with its error code and position when it has them; it does not repeat the expression.
 */
public final class ExpressionException extends Exception {

    /** Why the expression gave no value. */
    public enum Reason {
        /** The expression does not parse. */
        INVALID,
        /** It ran longer than its timeout. */
        TIMEOUT,
        /** It nested deeper than its depth limit, or than the thread's stack. */
        TOO_DEEP,
        /** It built a string, array, object or value larger than its size limits. */
        TOO_LARGE,
        /** It failed while running (a type error, a failing function) or gave a value JSON cannot hold. */
        FAILED
    }

    private final Reason reason;

    ExpressionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
