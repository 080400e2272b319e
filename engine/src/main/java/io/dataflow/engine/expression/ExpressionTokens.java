package io.dataflow.engine.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a JSONata expression into the tokens the path scanners read: names, variables, dots, operators and
 * brackets, and values.
 *
 * <p>A light tokenizer, not the JSONata parser (whose syntax tree is not public): it skips string literals,
 * comments and regular expressions (each becomes one {@link Type#VALUE}), reads backtick-quoted names, and makes
 * {@code and}, {@code or} and {@code in} operators. It never fails: what it cannot read ends the tokens.
 */
final class ExpressionTokens {

    private static final String OPERATORS = "[]{}(),:;?+-*/%|=<>^&!~@#";

    /** What a token is. */
    enum Type { NAME, VARIABLE, DOT, OPERATOR, VALUE }

    /**
     * One token.
     *
     * @param text a name without its backticks, a variable without its {@code $}, an operator's or a bracket's
     *     character ({@code ..} for a range), a number's digits; empty for a string, a regular expression
     */
    record Token(Type type, String text) {

        boolean is(Type t, String s) {
            return type == t && text.equals(s);
        }
    }

    private ExpressionTokens() {
    }

    static List<Token> tokenize(String s) {
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

    /** The name of the path step after the token at {@code i} ({@code . name}), or null. */
    static String stepAfter(List<Token> tokens, int i) {
        if (i + 2 < tokens.size() && tokens.get(i + 1).type() == Type.DOT && tokens.get(i + 2).type() == Type.NAME) {
            return tokens.get(i + 2).text();
        }
        return null;
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
        return last.type() == Type.OPERATOR && !")]}".contains(last.text());
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
