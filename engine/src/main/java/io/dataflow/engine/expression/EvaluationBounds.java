package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Jsonata;
import io.dataflow.engine.expression.ExpressionException.Reason;
import io.dataflow.engine.spi.CarrierYield;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@link ExpressionLimits} of one evaluation as it runs: its deadline, its depth, the sizes of what it built.
 *
 * <p>JSONata calls {@link #enter} and {@link #exit} around every expression node; the bounded built-ins call
 * {@link #checkTime} and the size checks from inside their loops. The first limit passed is remembered: every later
 * check throws it again, so a library path that catches an error and carries on (several built-ins do) stops at the
 * next node, and the caller reports the limit rather than whatever wrapped it.
 *
 * <p>Not thread-safe: one evaluation runs on one thread. {@link #current()} gives the built-ins the bounds of the
 * evaluation running on the calling thread.
 */
final class EvaluationBounds {

    private static final ThreadLocal<EvaluationBounds> CURRENT = new ThreadLocal<>();
    /** Strings at least this long are counted once each, however often they are used. */
    private static final int LONG_STRING = 1024;

    private final ExpressionLimits limits;
    private final long deadline;
    private final ValueSizes sizes = new ValueSizes();
    /** Evaluations run on virtual worker threads: they must not hold a carrier for their whole time limit. */
    private final CarrierYield carrier = new CarrierYield();
    private int depth;
    private long itemsInAll;
    private long charactersInAll;
    private Object lastCounted;
    /** Long strings already counted in {@link #charactersInAll}: using one again builds nothing new. */
    private Set<String> longStrings;
    private LimitExceeded exceeded;

    EvaluationBounds(ExpressionLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    ExpressionLimits limits() {
        return limits;
    }

    /** The bounds of the evaluation running on this thread; only called from inside one. */
    static EvaluationBounds current() {
        EvaluationBounds bounds = CURRENT.get();
        if (bounds == null) {
            throw new IllegalStateException("a bounded built-in was called outside a bounded evaluation");
        }
        return bounds;
    }

    /** Runs {@code evaluation} with these bounds as this thread's current ones (nested runs restore the outer). */
    <T> T run(java.util.function.Supplier<T> evaluation) {
        EvaluationBounds outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return evaluation.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Has JSONata call these bounds around every node evaluated in {@code frame}, and binds the bounded built-ins. */
    void install(Jsonata.Frame frame) {
        // JSONata's own Timebox skips its checks while a frame's isParallelCall flag is set, and the array constructor
        // leaves that flag set on the frame it used: these callbacks check always.
        frame.setEvaluateEntryCallback((expression, input, environment) -> enter());
        frame.setEvaluateExitCallback((expression, input, environment, result) -> exit(result));
        BoundedBuiltIns.bind(frame);
    }

    /** The limit this evaluation passed, if any. */
    LimitExceeded exceeded() {
        return exceeded;
    }

    void enter() {
        if (++depth > limits.maxDepth()) {
            throw exceed(Reason.TOO_DEEP, "Stack overflow: the expression nested deeper than " + limits.maxDepth()
                    + " levels (endless recursion?)");
        }
        checkTime();
    }

    void exit(Object result) {
        depth--;
        checkTime();
        checkValue(result);
    }

    /** Throws once the evaluation ran past its deadline, or passed any limit before. */
    void checkTime() {
        if (exceeded != null) {
            throw exceeded;
        }
        long now = System.nanoTime();
        if (now - deadline > 0) {
            throw exceed(Reason.TIMEOUT, "the expression ran longer than " + limits.timeout().toMillis()
                    + " ms (timeout)");
        }
        carrier.check(now);
    }

    /** Throws when a string of {@code length} characters would pass the string limit. */
    void checkString(long length) {
        if (length > limits.maxStringLength()) {
            throw exceed(Reason.TOO_LARGE, "the expression built a string longer than " + limits.maxStringLength()
                    + " characters");
        }
    }

    /** Throws when an array of {@code count} items would pass the item limit. */
    void checkItems(long count) {
        if (count > limits.maxItems()) {
            throw exceed(Reason.TOO_LARGE, "the expression built an array of more than " + limits.maxItems()
                    + " items");
        }
    }

    /**
     * Checks one step's result against the size limits, and counts what it built. A step that yields what its
     * sub-step yielded (the value passing up the tree) is counted once.
     */
    void checkValue(Object value) {
        if (value instanceof String s) {
            checkString(s.length());
            if (s != lastCounted && (s.length() < LONG_STRING || firstUse(s))) {
                lastCounted = s;
                countCharacters(s.length());
            }
        } else if (value instanceof List<?> list) {
            checkItems(list.size());
            if (list != lastCounted) {
                lastCounted = list;
                countItems(list.size());
            }
            checkSize(list);
        } else if (value instanceof Map<?, ?> map) {
            if (map.size() > limits.maxItems()) {
                throw exceed(Reason.TOO_LARGE, "the expression built an object of more than " + limits.maxItems()
                        + " fields");
            }
            // Objects are not copied when used again (a lookup table read in a loop), so only new ones count.
            if (!sizes.known(map)) {
                countItems(map.size());
            }
            checkSize(map);
        }
    }

    private boolean firstUse(String longString) {
        if (longStrings == null) {
            longStrings = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        return longStrings.add(longString);
    }

    private void countItems(long count) {
        itemsInAll += count;
        if (itemsInAll > limits.maxItemsInAll()) {
            throw exceed(Reason.TOO_LARGE, "the expression produced more than " + limits.maxItemsInAll()
                    + " array items and object fields in all (does it loop over large arrays?)");
        }
    }

    private void countCharacters(long count) {
        charactersInAll += count;
        if (charactersInAll > limits.maxCharactersInAll()) {
            throw exceed(Reason.TOO_LARGE, "the expression produced more than " + limits.maxCharactersInAll()
                    + " characters of strings in all (does it build strings in a loop?)");
        }
    }

    private void checkSize(Object container) {
        if (sizes.of(container) > limits.maxValueSize()) {
            throw exceed(Reason.TOO_LARGE, "the expression built a value larger than " + limits.maxValueSize()
                    + " characters of JSON");
        }
    }

    private LimitExceeded exceed(Reason reason, String message) {
        if (exceeded == null) {
            exceeded = new LimitExceeded(reason, message);
        }
        return exceeded;
    }
}
