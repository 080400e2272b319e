package io.dataflow.engine.expression;

import com.dashjoin.jsonata.JException;
import io.dataflow.engine.expression.ExpressionException.Reason;

/**
 * Thrown inside a JSONata evaluation when it passed one of its {@link ExpressionLimits}. It is a {@link JException}
 * so that JSONata passes it on unchanged where it passes on its own errors; where the library wraps or swallows an
 * error instead, {@link EvaluationBounds} still remembers it, and every later check throws it again.
 */
final class LimitExceeded extends JException {

    private final transient Reason reason;
    private final String detail;

    LimitExceeded(Reason reason, String detail) {
        super(detail, -1);
        this.reason = reason;
        this.detail = detail;
    }

    /** The limit's own message, without JSONata's prefix for errors that have no code. */
    @Override
    public String getMessage() {
        return detail;
    }

    Reason reason() {
        return reason;
    }

    /** The exception a caller sees. */
    ExpressionException toExpressionException() {
        return new ExpressionException(reason, detail);
    }
}
