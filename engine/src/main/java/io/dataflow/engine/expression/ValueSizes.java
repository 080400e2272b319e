package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Utils;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The size of JSONata values in characters of their JSON text, an estimate that ignores escapes, remembered per array
 * and object for one evaluation.
 *
 * <p>A JSONata value may share parts: {@code [$a, $a]} holds {@code $a} twice without copying it, so doubling it in a
 * loop builds a value whose JSON text grows exponentially while its memory does not. Everything that walks a value
 * ({@code $string}, {@code &}, {@code =}, {@code $distinct}, the conversion of the result to JSON) takes time in
 * proportion to that text, so that is what is measured. Each array and object is walked once: its size is kept
 * by identity and reused wherever it appears again, so measuring every step's result costs no more than building
 * it. A kept size is measured again if the array or object changed length since (JSONata builds sequences by
 * appending).
 */
final class ValueSizes {

    /** An array or object being measured: one that contains itself adds nothing the second time. */
    private static final Known MEASURING = new Known(-1, 0);

    private record Known(int length, long size) {
    }

    /** Created on first use: most template evaluations yield no array or object. */
    private IdentityHashMap<Object, Known> known;

    /** Whether {@code container} was measured before (and has not changed length since). */
    boolean known(Object container) {
        if (known == null) {
            return false;
        }
        Known seen = known.get(container);
        int length = container instanceof List<?> list ? list.size() : ((Map<?, ?>) container).size();
        return seen != null && seen != MEASURING && seen.length() == length;
    }

    /** The estimated length of the JSON text of {@code value}. */
    long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String s) {
            return s.length() + 2L;
        }
        if (value instanceof Boolean b) {
            return b ? 4 : 5;
        }
        if (value instanceof Utils.RangeList range) {
            return rangeSize(range);
        }
        if (value instanceof Number n) {
            return numberSize(n);
        }
        if (value instanceof List<?> list) {
            return container(list, list.size());
        }
        if (value instanceof Map<?, ?> map) {
            return container(map, map.size());
        }
        // JSON null, functions and regular expressions.
        return 4;
    }

    private long container(Object container, int length) {
        if (known == null) {
            known = new IdentityHashMap<>();
        }
        Known seen = known.get(container);
        if (seen == MEASURING) {
            return 0;
        }
        if (seen != null && seen.length() == length) {
            return seen.size();
        }
        known.put(container, MEASURING);
        long size = 2 + Math.max(0, length - 1);
        if (container instanceof List<?> list) {
            for (Object item : list) {
                size += of(item);
            }
        } else {
            for (Map.Entry<?, ?> field : ((Map<?, ?>) container).entrySet()) {
                size += String.valueOf(field.getKey()).length() + 3L + of(field.getValue());
            }
        }
        known.put(container, new Known(length, size));
        return size;
    }

    private static long numberSize(Number n) {
        if (n instanceof Integer || n instanceof Long) {
            return digits(n.longValue());
        }
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? digits((long) d) : 22;
    }

    private static long digits(long value) {
        if (value == Long.MIN_VALUE) {
            return 20;
        }
        long size = value < 0 ? 2 : 1;
        for (long rest = Math.abs(value); rest >= 10; rest /= 10) {
            size++;
        }
        return size;
    }

    /** A range is not materialized, so its size is computed from its ends: the digits of each number, and commas. */
    private static long rangeSize(Utils.RangeList range) {
        int length = range.size();
        if (length == 0) {
            return 2;
        }
        long first = range.get(0).longValue();
        long last = range.get(length - 1).longValue();
        long size = 2 + (length - 1L);
        if (first < 0) {
            long negativeEnd = Math.min(last, -1);
            // Each negative number is its absolute value's digits and a sign.
            size += digitsBetween(-negativeEnd, -first) + (negativeEnd - first + 1);
        }
        if (last >= 0) {
            size += digitsBetween(Math.max(first, 0), last);
        }
        return size;
    }

    /** The total count of decimal digits of the numbers from {@code low} to {@code high}, both at least 0. */
    private static long digitsBetween(long low, long high) {
        long total = 0;
        long bandStart = 0;
        long bandEnd = 9;
        for (int width = 1; bandStart <= high; width++) {
            long from = Math.max(low, bandStart);
            long to = Math.min(high, bandEnd);
            if (from <= to) {
                total += (to - from + 1) * width;
            }
            if (bandEnd > Long.MAX_VALUE / 10) {
                break;
            }
            bandStart = bandEnd + 1;
            bandEnd = bandEnd * 10 + 9;
        }
        return total;
    }
}
