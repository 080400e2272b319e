package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import java.util.List;
import java.util.Map;

/**
 * {@code $string(value [, prettify])} as dashjoin writes it (strings unchanged, numbers in JSONata's format,
 * functions as empty strings), into a {@link BoundedText}: pretty-printing indents each line by its depth, so its
 * text can be far longer than the value's own size, and it stops at the string limit instead of after.
 */
final class BoundedStringify {

    private BoundedStringify() {
    }

    static String string(Object value, Boolean prettify, EvaluationBounds bounds) {
        Object arg = value;
        if (arg instanceof Utils.JList<?> list && list.outerWrapper) {
            arg = list.getFirst();
        }
        if (arg == null) {
            return null;
        }
        if (arg instanceof String s) {
            return s;
        }
        BoundedText out = new BoundedText(bounds);
        write(out, arg, Boolean.TRUE.equals(prettify), "");
        return out.toString();
    }

    private static void write(BoundedText out, Object value, boolean prettify, String indent) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            out.append("null");
        } else if (value instanceof Jsonata.JFunction || value instanceof Jsonata.JLambda || isLambda(value)) {
            return;
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(Functions.string(value, false));
        } else if (value instanceof String s) {
            StringBuilder quoted = new StringBuilder(s.length() + 8);
            Utils.quote(s, quoted);
            out.append(quoted);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            if (prettify) {
                out.append('\n');
            }
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (prettify) {
                    out.append(indent).append("  ");
                }
                out.append('"');
                StringBuilder key = new StringBuilder();
                Utils.quote(String.valueOf(field.getKey()), key);
                out.append(key).append('"').append(':');
                if (prettify) {
                    out.append(' ');
                }
                member(out, field.getValue(), prettify, indent);
            }
            close(out, !map.isEmpty(), prettify, indent, '}');
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            if (prettify) {
                out.append('\n');
            }
            for (Object item : list) {
                if (prettify) {
                    out.append(indent).append("  ");
                }
                member(out, item, prettify, indent);
            }
            close(out, true, prettify, indent, ']');
        } else {
            throw new IllegalArgumentException("Only JSON types (values, Map, List) can be stringified. Unsupported"
                    + " type: " + value.getClass().getName());
        }
    }

    /** A member of an array or object: strings and functions in quotes, then a separator. */
    private static void member(BoundedText out, Object value, boolean prettify, String indent) {
        boolean quoted = value instanceof String || value instanceof Jsonata.JFunction || isLambda(value);
        if (quoted) {
            out.append('"');
        }
        write(out, value, prettify, indent + "  ");
        if (quoted) {
            out.append('"');
        }
        out.append(',');
        if (prettify) {
            out.append('\n');
        }
    }

    private static void close(BoundedText out, boolean hadMembers, boolean prettify, String indent, char bracket) {
        if (hadMembers) {
            out.deleteLast(prettify ? 2 : 1);
        }
        if (prettify) {
            out.append(indent);
        }
        out.append(bracket);
    }

    private static boolean isLambda(Object value) {
        return Functions.isLambda(value);
    }
}
