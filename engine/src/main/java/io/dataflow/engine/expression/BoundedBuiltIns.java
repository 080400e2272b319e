package io.dataflow.engine.expression;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import com.dashjoin.jsonata.Utils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSONata built-ins whose cost dashjoin does not bound by the size of their arguments, replaced by versions with
 * the same documented behaviour that check the {@link EvaluationBounds} as they build:
 * <ul>
 *   <li>{@code $pad} builds its padding by repeated concatenation: quadratic in the width, which the caller picks
 *       freely ({@code $pad("", 10000000)} never returns).</li>
 *   <li>{@code $join} and {@code $string} build strings far longer than their arguments (a long separator, a value
 *       that shares parts, pretty-printing's indentation).</li>
 *   <li>{@code $match}, {@code $contains}, {@code $replace}, {@code $split} run regular expressions, which can
 *       backtrack for years, and {@code $replace} with a limit rescans the string once per replacement.</li>
 *   <li>{@code $spread} copies its result for each item: quadratic in the array's length.</li>
 *   <li>{@code $eval} parses an expression the engine has not seen, whose regular expressions would not be
 *       bounded.</li>
 *   <li>The picture-driven formatters and parsers are quadratic in their picture ({@link BoundedPictures}).</li>
 * </ul>
 * Every other built-in takes time and space in proportion to its arguments, which the size limits bound, or calls
 * back into JSONata, where every node is checked.
 */
final class BoundedBuiltIns {

    private static final Map<String, JFunction> FUNCTIONS = new LinkedHashMap<>();

    static {
        FUNCTIONS.put("pad", function((input, args) -> pad((String) arg(args, 0), (Number) arg(args, 1),
                (String) arg(args, 2)), "<s-ns?:s>"));
        FUNCTIONS.put("join", function((input, args) -> join(list(arg(args, 0)), (String) arg(args, 1)),
                "<a<s>s?:s>"));
        FUNCTIONS.put("string", function((input, args) -> BoundedStringify.string(arg(args, 0),
                (Boolean) arg(args, 1), EvaluationBounds.current()), "<x-b?:s>"));
        FUNCTIONS.put("match", function((input, args) -> RegexFunctions.match((String) arg(args, 0), arg(args, 1),
                (Number) arg(args, 2)), "<s-f<s:o>n?:a<o>>"));
        FUNCTIONS.put("contains", function((input, args) -> RegexFunctions.contains((String) arg(args, 0),
                arg(args, 1)), "<s-(sf):b>"));
        FUNCTIONS.put("replace", function((input, args) -> RegexFunctions.replace((String) arg(args, 0), arg(args, 1),
                arg(args, 2), (Number) arg(args, 3)), "<s-(sf)(sf)n?:s>"));
        FUNCTIONS.put("split", function((input, args) -> RegexFunctions.split((String) arg(args, 0), arg(args, 1),
                (Number) arg(args, 2)), "<s-(sf)n?:a<s>>"));
        FUNCTIONS.put("spread", function((input, args) -> spread(arg(args, 0)), "<x-:a<o>>"));
        FUNCTIONS.put("eval", function((input, args) -> eval((String) arg(args, 0), arg(args, 1), input),
                "<sx?:x>"));
        FUNCTIONS.put("formatNumber", function((input, args) -> BoundedPictures.formatNumber((Number) arg(args, 0),
                (String) arg(args, 1), (Map<?, ?>) arg(args, 2)), "<n-so?:s>"));
        FUNCTIONS.put("formatInteger", function((input, args) -> BoundedPictures.formatInteger(
                (Number) arg(args, 0), (String) arg(args, 1)), "<n-s:s>"));
        FUNCTIONS.put("parseInteger", function((input, args) -> BoundedPictures.parseInteger((String) arg(args, 0),
                (String) arg(args, 1)), "<s-s:n>"));
        FUNCTIONS.put("toMillis", function((input, args) -> BoundedPictures.toMillis((String) arg(args, 0),
                (String) arg(args, 1)), "<s-s?:n>"));
        FUNCTIONS.put("fromMillis", function((input, args) -> BoundedPictures.fromMillis((Number) arg(args, 0),
                (String) arg(args, 1), (String) arg(args, 2)), "<n-s?s?:s>"));
        FUNCTIONS.put("now", function((input, args) -> BoundedPictures.now((String) arg(args, 0),
                (String) arg(args, 1)), "<s?s?:s>"));
    }

    private BoundedBuiltIns() {
    }

    /** Binds the bounded versions in {@code frame}, where they hide the library's. */
    static void bind(Jsonata.Frame frame) {
        FUNCTIONS.forEach(frame::bind);
    }

    private static JFunction function(Jsonata.JFunctionCallable implementation, String signature) {
        return new JFunction(implementation, signature);
    }

    private static Object arg(List<?> args, int index) {
        return args != null && index < args.size() ? args.get(index) : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /**
     * {@code $pad(str, width [, char])}: pads to {@code |width|} characters (code points), on the right when the width
     * is positive and on the left when negative, repeating {@code char} (a space by default).
     */
    static String pad(String text, Number width, String padding) {
        if (text == null) {
            return null;
        }
        EvaluationBounds bounds = EvaluationBounds.current();
        String fill = padding == null || padding.isEmpty() ? " " : padding;
        double wanted = Math.abs(width.doubleValue());
        long missing = (long) Math.min(wanted, Long.MAX_VALUE) - text.codePointCount(0, text.length());
        if (missing <= 0) {
            return text;
        }
        // Checked before building: every code point is at least one character.
        bounds.checkString(text.length() + missing);
        BoundedText padded = new BoundedText(bounds);
        if (width.doubleValue() > 0) {
            padded.append(text);
        }
        for (int i = 0, taken = 0; taken < missing; taken++) {
            int codePoint = fill.codePointAt(i);
            padded.appendCodePoint(codePoint);
            i += Character.charCount(codePoint);
            if (i >= fill.length()) {
                i = 0;
            }
        }
        if (width.doubleValue() < 0) {
            padded.append(text);
        }
        return padded.toString();
    }

    /** {@code $join(array [, separator])}. */
    static String join(List<Object> strings, String separator) {
        if (strings == null) {
            return null;
        }
        String between = separator == null ? "" : separator;
        BoundedText joined = new BoundedText(EvaluationBounds.current());
        for (int i = 0; i < strings.size(); i++) {
            if (i > 0) {
                joined.append(between);
            }
            joined.append(String.valueOf(strings.get(i)));
        }
        return joined.toString();
    }

    /**
     * {@code $spread(value)}: an array of one-field objects, one per field of the object (or of each object in the
     * array); other values are returned as they are.
     */
    static Object spread(Object value) {
        if (value instanceof List<?> list) {
            EvaluationBounds bounds = EvaluationBounds.current();
            // A plain array once anything was added, as JSONata's append makes it; an empty sequence otherwise.
            List<Object> result = Utils.createSequence();
            boolean appended = false;
            for (Object item : list) {
                Object spread = spread(item);
                if (spread == null) {
                    continue;
                }
                if (!appended) {
                    result = new Utils.JList<>(result);
                    appended = true;
                }
                if (spread instanceof List<?> parts) {
                    result.addAll(parts);
                } else {
                    result.add(spread);
                }
                bounds.checkItems(result.size());
                bounds.checkTime();
            }
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> result = Utils.createSequence();
            EvaluationBounds.current().checkItems(map.size());
            for (Map.Entry<?, ?> field : map.entrySet()) {
                Map<Object, Object> single = new LinkedHashMap<>();
                single.put(field.getKey(), field.getValue());
                result.add(single);
            }
            return result;
        }
        return value;
    }

    /**
     * {@code $eval(expr [, context])}: evaluates the JSONata (or JSON) text against the context, within this
     * evaluation's bounds. Unlike dashjoin's version, variables bound by the calling expression are not visible to
     * the evaluated text; the JSONata documentation promises only the context.
     */
    static Object eval(String source, Object focus, Object input) {
        if (source == null) {
            return null;
        }
        EvaluationBounds bounds = EvaluationBounds.current();
        Jsonata expression;
        try {
            expression = JsonataExpression.parseBounded(source);
        } catch (ExpressionException e) {
            throw new JException("D3120", -1, e.getMessage());
        }
        try {
            return JsonataExpression.run(expression, focus != null ? focus : input, bounds);
        } catch (LimitExceeded e) {
            throw e;
        } catch (RuntimeException e) {
            if (bounds.exceeded() != null) {
                throw bounds.exceeded();
            }
            throw new JException(e, "D3121", -1, e.getMessage(), null);
        }
    }
}
