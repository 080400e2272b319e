package io.dataflow.engine.expression;

import java.time.Duration;

/**
 * Bounds on one evaluation, so a runaway expression fails its task quickly instead of holding a worker or filling
 * the heap. All the templates of one {@link TemplateResolver.Resolution} (one task's input, one workflow's outputs)
 * share one set of bounds: one clock, one depth, one count of what they built.
 *
 * <p>Every bound holds inside built-in functions too: the engine checks the time and each value's size each time
 * JSONata enters or leaves an expression node, and replaces the built-ins whose cost does not follow from the size
 * of their arguments ({@code $pad}, {@code $join}, {@code $string}, {@code $replace}, {@code $split},
 * {@code $match}, {@code $contains}, {@code $spread}, {@code $eval}, regular expressions, the picture-driven
 * formatters) with versions that check as they go ({@link BoundedBuiltIns}). Sizes are counted in characters of the value's JSON text (an estimate: escapes are not counted).
 *
 * @param timeout the longest one evaluation may run
 * @param maxDepth the deepest the evaluation may nest (JSONata expression nodes, which recursion grows)
 * @param maxStringLength the longest string, in characters, any step may produce
 * @param maxItems the most items of one array, or fields of one object, any step may produce
 * @param maxValueSize the largest value, in characters of JSON, any step may produce; a value that shares parts
 *     counts each use, as its JSON text would
 * @param maxItemsInAll the most array items and new object fields all the steps of the evaluation may produce
 *     together, counting an array each time a step yields it (JSONata copies arrays as it flattens them): what
 *     bounds the values JSONata gathers inside one step, where no check can see them until the step ends
 * @param maxCharactersInAll the most string characters all the steps may produce together, counting a long string
 *     once however often it is used: the same bound for strings
 */
public record ExpressionLimits(Duration timeout, int maxDepth, int maxStringLength, int maxItems, long maxValueSize,
        long maxItemsInAll, long maxCharactersInAll) {

    /** 1 Mi characters: a string as large as a whole task output. */
    public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;
    /** A million items: more than a task output of 1 MiB can hold. */
    public static final int DEFAULT_MAX_ITEMS = 1_000_000;
    /** 8 Mi characters of JSON: a few MiB, well above what a task output may hold. */
    public static final long DEFAULT_MAX_VALUE_SIZE = 8L << 20;
    /** 4 Mi items in all: several passes over the largest arrays, some 100 MB of memory at worst. */
    public static final long DEFAULT_MAX_ITEMS_IN_ALL = 4L << 20;
    /** 32 Mi characters in all: 64 MB of strings at worst. */
    public static final long DEFAULT_MAX_CHARACTERS_IN_ALL = 32L << 20;

    /** One second and a depth of 200 with the default sizes: generous for data mapping, quick to stop a runaway. */
    public static final ExpressionLimits DEFAULT = new ExpressionLimits(Duration.ofSeconds(1), 200);

    public ExpressionLimits {
        if (timeout == null || timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least one millisecond");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
        if (maxStringLength < 1 || maxItems < 1 || maxValueSize < 1 || maxItemsInAll < 1 || maxCharactersInAll < 1) {
            throw new IllegalArgumentException("size limits must be at least 1");
        }
    }

    /** The given time and depth bounds with the default size bounds. */
    public ExpressionLimits(Duration timeout, int maxDepth) {
        this(timeout, maxDepth, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_ITEMS, DEFAULT_MAX_VALUE_SIZE,
                DEFAULT_MAX_ITEMS_IN_ALL, DEFAULT_MAX_CHARACTERS_IN_ALL);
    }

    /** These limits with another timeout. */
    public ExpressionLimits withTimeout(Duration newTimeout) {
        return new ExpressionLimits(newTimeout, maxDepth, maxStringLength, maxItems, maxValueSize, maxItemsInAll,
                maxCharactersInAll);
    }
}
