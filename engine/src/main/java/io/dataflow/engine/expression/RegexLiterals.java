package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Parser;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces the regular expression literals of a parsed expression with {@link BoundedRegex} functions.
 *
 * <p>dashjoin compiles each {@code /.../} literal to a {@link Pattern} while parsing and, when the expression calls
 * the literal directly ({@code /re/(s)}, {@code s ~> /re/}), matches it against the raw string inside the library,
 * where no deadline can reach. The syntax tree is not public, so this walks it by reflection: every field of a
 * node that holds nodes is followed, and the value of each {@code regex} node is swapped. The library version is
 * pinned; if its tree ever changes shape so that the fields are missing, loading this class fails and so does every
 * evaluation, rather than regular expressions silently running unbounded.
 */
final class RegexLiterals {

    private static final Field AST = field(Jsonata.class, "ast");
    private static final Field TYPE = field(Parser.Symbol.class, "type");
    private static final Field VALUE = field(Parser.Symbol.class, "value");
    /** The fields of a node that may hold other nodes, directly or in lists and arrays. */
    private static final List<Field> CHILDREN = children();

    private RegexLiterals() {
    }

    /** Bounds every regular expression literal of {@code expression}; cheap when the source has none. */
    static void bound(Jsonata expression, String source) {
        if (source.indexOf('/') < 0) {
            return;
        }
        try {
            visit(AST.get(expression), Collections.newSetFromMap(new IdentityHashMap<>()));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the JSONata syntax tree", e);
        }
    }

    private static void visit(Object node, Set<Object> seen) throws IllegalAccessException {
        if (node instanceof Parser.Symbol symbol) {
            if (!seen.add(symbol)) {
                return;
            }
            if ("regex".equals(TYPE.get(symbol)) && VALUE.get(symbol) instanceof Pattern pattern) {
                VALUE.set(symbol, new BoundedRegex(pattern));
            }
            for (Field field : CHILDREN) {
                visit(field.get(symbol), seen);
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                visit(item, seen);
            }
        } else if (node instanceof Object[] array) {
            for (Object item : array) {
                visit(item, seen);
            }
        }
    }

    private static List<Field> children() {
        List<Field> fields = new ArrayList<>();
        for (Field f : Parser.Symbol.class.getDeclaredFields()) {
            Class<?> type = f.getType();
            boolean mayHoldNodes = type == Parser.Symbol.class || type == List.class || type == Object.class
                    || type == Parser.Symbol[].class;
            if (mayHoldNodes && !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                f.setAccessible(true);
                fields.add(f);
            }
        }
        return List.copyOf(fields);
    }

    private static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("JSONata's syntax tree has no field '" + name + "' in "
                    + owner.getName() + "; regular expressions cannot be bounded", e);
        }
    }
}
