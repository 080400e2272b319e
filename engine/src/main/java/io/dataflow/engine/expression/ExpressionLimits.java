package io.dataflow.engine.expression;

import java.time.Duration;

/**
 * Bounds on one expression evaluation, so a runaway expression fails its task instead of holding a worker.
 *
 * <p>Both bounds are checked by JSONata each time it enters or leaves an expression node. A single built-in call
 * that runs long by itself (a huge {@code $sort}, say) is only stopped when it returns.
 *
 * @param timeout the longest one expression may run
 * @param maxDepth the deepest the evaluation may nest (JSONata expression nodes, which recursion grows)
 */
public record ExpressionLimits(Duration timeout, int maxDepth) {

    /** One second and a depth of 200: generous for data mapping, quick to stop an endless loop. */
    public static final ExpressionLimits DEFAULT = new ExpressionLimits(Duration.ofSeconds(1), 200);

    public ExpressionLimits {
        // JSONata counts whole milliseconds; less than one would fail every evaluation.
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least one millisecond");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
    }
}
