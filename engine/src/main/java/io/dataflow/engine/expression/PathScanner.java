package io.dataflow.engine.expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the context paths a JSONata expression reads ({@code inputs.x}, {@code tasks.t.outputs.p}, ...).
 *
 * <p>A light tokenizer, not the JSONata parser (whose syntax tree is not public): it skips string literals,
 * comments and regular expressions, reads backtick-quoted names, and treats a root name as a reference when it
 * starts a path ({@code inputs.x}, {@code $.inputs.x}, {@code $$.inputs.x}) rather than continuing one
 * ({@code item.inputs}). It cannot know what the context is inside a nested path step, so
 * {@code items.(inputs.x)} still counts {@code inputs.x}: a harmless over-approximation for dependency analysis.
 */
final class PathScanner {

    private static final String OPERATORS = "[]{}(),:;?+-*/%|=<>^&!~@#";

    private enum Type { NAME, VARIABLE, DOT, OPERATOR, VALUE }

    private record Token(Type type, String text) {

        boolean is(Type t, String s) {
            return type == t && text.equals(s);
        }
    }

    private PathScanner() {
    }

    /** Every context path the expression reads, in order of appearance, without repeats. */
    static Set<Reference> references(String source) {
        List<Token> tokens = tokenize(source);
        Set<Reference> found = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Reference.Kind kind = tokens.get(i).type == Type.NAME ? Reference.Kind.ofRoot(tokens.get(i).text) : null;
            if (kind != null && startsPath(tokens, i)) {
                String name = stepAfter(tokens, i);
                String port = null;
                if (kind == Reference.Kind.TASK && name != null && "outputs".equals(stepAfter(tokens, i + 2))) {
                    port = stepAfter(tokens, i + 4);
                }
                found.add(new Reference(kind, name, port));
            }
        }
        return found;
    }

    /**
     * The reference when the whole expression is a plain path {@code inputs.X} or {@code tasks.T.outputs.P} and
     * nothing else, so its type is known before running it.
     */
    static Optional<Reference> plainPath(String source) {
        List<Token> t = tokenize(source);
        if (t.size() == 3 && t.get(0).is(Type.NAME, "inputs") && t.get(1).type == Type.DOT && t.get(2).type == Type.NAME) {
            return Optional.of(Reference.input(t.get(2).text));
        }
        if (t.size() == 7 && t.get(0).is(Type.NAME, "tasks") && t.get(1).type == Type.DOT && t.get(2).type == Type.NAME
                && t.get(3).type == Type.DOT && t.get(4).is(Type.NAME, "outputs") && t.get(5).type == Type.DOT
                && t.get(6).type == Type.NAME) {
            return Optional.of(Reference.task(t.get(2).text, t.get(6).text));
        }
        return Optional.empty();
    }

    /** Whether the name at {@code i} begins a path from the context root rather than continuing another path. */
    private static boolean startsPath(List<Token> tokens, int i) {
        if (i == 0 || tokens.get(i - 1).type != Type.DOT) {
            return true;
        }
        // $.inputs.x and $$.inputs.x read from the root too ($ is the variable named "", $$ the one named "$").
        if (i >= 2 && tokens.get(i - 2).type == Type.VARIABLE) {
            String variable = tokens.get(i - 2).text;
            return (variable.isEmpty() || variable.equals("$")) && (i < 3 || tokens.get(i - 3).type != Type.DOT);
        }
        return false;
    }

    /** The name of the path step after the token at {@code i} ({@code . name}), or null. */
    private static String stepAfter(List<Token> tokens, int i) {
        if (i + 2 < tokens.size() && tokens.get(i + 1).type == Type.DOT && tokens.get(i + 2).type == Type.NAME) {
            return tokens.get(i + 2).text;
        }
        return null;
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(s, i, c);
                tokens.add(new Token(Type.VALUE, ""));
            } else if (c == '`') {
                int end = s.indexOf('`', i + 1);
                if (end < 0) {
                    break;
                }
                tokens.add(new Token(Type.NAME, s.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '.') {
                boolean range = s.startsWith("..", i);
                tokens.add(range ? new Token(Type.OPERATOR, "..") : new Token(Type.DOT, "."));
                i += range ? 2 : 1;
            } else if (c == '/' && regexMayStart(tokens)) {
                i = skipQuoted(s, i, '/');
                while (i < s.length() && (s.charAt(i) == 'i' || s.charAt(i) == 'm')) {
                    i++;
                }
                tokens.add(new Token(Type.VALUE, ""));
            } else if (OPERATORS.indexOf(c) >= 0) {
                tokens.add(new Token(Type.OPERATOR, String.valueOf(c)));
                i++;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.'
                        && end + 1 < s.length() && Character.isDigit(s.charAt(end + 1)))) {
                    end++;
                }
                tokens.add(new Token(Type.VALUE, s.substring(i, end)));
                i = end;
            } else {
                int end = i + 1;
                while (end < s.length() && isNameChar(s.charAt(end))) {
                    end++;
                }
                tokens.add(word(s.substring(i, end)));
                i = end;
            }
        }
        return tokens;
    }

    private static Token word(String word) {
        if (word.startsWith("$")) {
            return new Token(Type.VARIABLE, word.substring(1));
        }
        return switch (word) {
            case "and", "or", "in" -> new Token(Type.OPERATOR, word);
            case "true", "false", "null" -> new Token(Type.VALUE, word);
            default -> new Token(Type.NAME, word);
        };
    }

    private static boolean isNameChar(char c) {
        return !Character.isWhitespace(c) && OPERATORS.indexOf(c) < 0 && ".\"'`".indexOf(c) < 0;
    }

    /** JSONata reads {@code /} as a regular expression where an operand is expected, as a division elsewhere. */
    private static boolean regexMayStart(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return true;
        }
        Token last = tokens.getLast();
        return last.type == Type.OPERATOR && !")]}".contains(last.text);
    }

    /** Index just past the literal delimited by {@code quote} that starts at {@code start}, backslash escapes skipped. */
    static int skipQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }
}
