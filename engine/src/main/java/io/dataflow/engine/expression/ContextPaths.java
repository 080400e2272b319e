package io.dataflow.engine.expression;

import io.dataflow.engine.expression.ExpressionTokens.Token;
import io.dataflow.engine.expression.ExpressionTokens.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the paths a JSONata expression surely reads from the top of the execution context, so that one the context
 * cannot have ({@code input.text}) is refused before anything runs instead of reading nothing.
 *
 * <p>Unlike {@link PathScanner}, which over-approximates for dependencies, this follows which value each part of the
 * expression reads, as JSONata evaluates it. A name that starts a path reads the top of the context at the top level
 * of the expression and inside parentheses, array and object constructors, function arguments, and the body of a
 * function written there (a lambda's body sees the context where it is written). Inside a path step
 * ({@code inputs.items.(price * 2)}), a predicate ({@code inputs.items[price > 1]}), a grouping
 * ({@code inputs.items{kind: price}}), a sort ({@code ^(>price)}), a transform ({@code | item | {...} |}) or the
 * arguments of a function called as a path step ({@code inputs.items.$string(price)}) it reads the current item,
 * which may have any fields: those names are left out. So is what this light scanner cannot place for sure, such as a
 * bracket after {@code *} or {@code %}. {@code $$.x} always reads the top; {@code $.x} wherever a bare {@code x} would.
 */
final class ContextPaths {

    /** One level of brackets, and what a name that starts a path reads inside it. */
    private static final class Scope {

        final String closer;
        final boolean item;
        final boolean parameters;
        /** The '|' seen at this level: a transform's pattern and update sit between the first and third of three. */
        int pipes;

        /**
         * @param closer the bracket that ends the scope, or null for the whole expression
         * @param item whether names read the current item rather than the top of the context
         * @param parameters whether this is a function's parameter list, which a signature and the body follow
         */
        Scope(String closer, boolean item, boolean parameters) {
            this.closer = closer;
            this.item = item;
            this.parameters = parameters;
        }

        boolean readsItem() {
            return item || pipes % 3 != 0;
        }
    }

    private ContextPaths() {
    }

    /** The paths {@code source} surely reads from the top of the context, in order of appearance, without repeats. */
    static Set<ContextPath> read(String source) {
        List<Token> tokens = ExpressionTokens.tokenize(source);
        Set<ContextPath> found = new LinkedHashSet<>();
        Deque<Scope> scopes = new ArrayDeque<>();
        scopes.push(new Scope(null, false, false));
        // Whether the tokens just before closed a function's parameters (and signature), so '{' opens its body.
        boolean bodyNext = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            Scope scope = scopes.peek();
            boolean body = bodyNext;
            bodyNext = false;
            if (token.type() == Type.NAME && readsTop(tokens, i, scope)) {
                found.add(path(tokens, i));
            } else if (token.type() == Type.OPERATOR) {
                switch (token.text()) {
                    case "(" -> scopes.push(isFunctionKeyword(tokens, i - 1) ? new Scope(")", true, true)
                            : new Scope(")", scope.readsItem() || stepsIntoItems(tokens, i), false));
                    case "[", "{" -> {
                        String closer = token.text().equals("[") ? "]" : "}";
                        // After an operand, [ is a predicate and { a grouping over the items before it; else a
                        // constructor. A function's body sees what its definition sees.
                        boolean overItems = !(body && closer.equals("}")) && endsOperand(previous);
                        scopes.push(new Scope(closer, scope.readsItem() || overItems, false));
                    }
                    case ")", "]", "}" -> {
                        if (scopes.size() > 1 && token.text().equals(scope.closer)) {
                            scopes.pop();
                            if (scope.parameters) {
                                i = skipSignature(tokens, i);
                                bodyNext = true;
                            }
                        }
                    }
                    case "|" -> scope.pipes++;
                    default -> {
                    }
                }
            }
        }
        return found;
    }

    /** Whether the name at {@code i} starts a path from the top of the context. */
    private static boolean readsTop(List<Token> tokens, int i, Scope scope) {
        if (isFunctionKeyword(tokens, i)) {
            return false;
        }
        if (i == 0 || tokens.get(i - 1).type() != Type.DOT) {
            return !scope.readsItem();
        }
        // $$.x reads the top wherever it is; $.x reads what a bare x would ($ is the variable "", $$ the one "$").
        if (i >= 2 && tokens.get(i - 2).type() == Type.VARIABLE && (i < 3 || tokens.get(i - 3).type() != Type.DOT)) {
            String variable = tokens.get(i - 2).text();
            return variable.equals("$") || (variable.isEmpty() && !scope.readsItem());
        }
        return false;
    }

    /** The path that starts with the name at {@code i}, by as many names as {@link ContextPath} keeps. */
    private static ContextPath path(List<Token> tokens, int i) {
        List<String> names = new ArrayList<>(ContextPath.KEPT);
        names.add(tokens.get(i).text());
        for (int at = i; names.size() < ContextPath.KEPT; at += 2) {
            String next = ExpressionTokens.stepAfter(tokens, at);
            if (next == null) {
                break;
            }
            names.add(next);
        }
        return new ContextPath(names);
    }

    /** Whether the token at {@code i} is {@code function} or {@code λ} opening a function's parameters. */
    private static boolean isFunctionKeyword(List<Token> tokens, int i) {
        return i >= 0 && i + 1 < tokens.size() && tokens.get(i).type() == Type.NAME
                && (tokens.get(i).text().equals("function") || tokens.get(i).text().equals("λ"))
                && tokens.get(i + 1).is(Type.OPERATOR, "(");
    }

    /**
     * Whether the {@code (} at {@code i} evaluates over the items before it: a path step ({@code .(}), a sort
     * ({@code ^(}) or the arguments of a function called as a path step ({@code .$f(}).
     */
    private static boolean stepsIntoItems(List<Token> tokens, int i) {
        if (i == 0) {
            return false;
        }
        Token previous = tokens.get(i - 1);
        return previous.type() == Type.DOT || previous.is(Type.OPERATOR, "^")
                || previous.type() == Type.VARIABLE && i >= 2 && tokens.get(i - 2).type() == Type.DOT;
    }

    /** Whether a bracket after {@code previous} applies to the value before it (or might: {@code *}, {@code %}). */
    private static boolean endsOperand(Token previous) {
        if (previous == null) {
            return false;
        }
        return switch (previous.type()) {
            case NAME, VARIABLE, VALUE, DOT -> true;
            case OPERATOR -> List.of(")", "]", "}", "*", "%").contains(previous.text());
        };
    }

    /** The index of the last token of the signature after the parameters closed at {@code i}, or {@code i}. */
    private static int skipSignature(List<Token> tokens, int i) {
        if (i + 1 >= tokens.size() || !tokens.get(i + 1).is(Type.OPERATOR, "<")) {
            return i;
        }
        int depth = 0;
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).is(Type.OPERATOR, "<")) {
                depth++;
            } else if (tokens.get(j).is(Type.OPERATOR, ">") && --depth == 0) {
                return j;
            }
        }
        return tokens.size() - 1;
    }
}
