package io.dataflow.engine.expression;

import io.dataflow.engine.expression.ExpressionTokens.Token;
import io.dataflow.engine.expression.ExpressionTokens.Type;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the context paths a JSONata expression reads ({@code inputs.x}, {@code tasks.t.outputs.p}, ...).
 *
 * <p>It reads {@link ExpressionTokens}, not the JSONata parser's tree (which is not public), and treats a root name
 * as a reference when it starts a path ({@code inputs.x}, {@code $.inputs.x}, {@code $$.inputs.x}) rather than
 * continuing one ({@code item.inputs}). It cannot know what the context is inside a nested path step, so
 * {@code items.(inputs.x)} still counts {@code inputs.x}: a harmless over-approximation for dependency analysis.
 */
final class PathScanner {

    private PathScanner() {
    }

    /** Every context path the expression reads, in order of appearance, without repeats. */
    static Set<Reference> references(String source) {
        List<Token> tokens = ExpressionTokens.tokenize(source);
        Set<Reference> found = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Reference.Kind kind = token.type() == Type.NAME ? Reference.Kind.ofRoot(token.text()) : null;
            if (kind != null && startsPath(tokens, i)) {
                String name = ExpressionTokens.stepAfter(tokens, i);
                String port = null;
                if (kind == Reference.Kind.TASK && name != null
                        && "outputs".equals(ExpressionTokens.stepAfter(tokens, i + 2))) {
                    port = ExpressionTokens.stepAfter(tokens, i + 4);
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
        List<Token> t = ExpressionTokens.tokenize(source);
        if (t.size() == 3 && t.get(0).is(Type.NAME, "inputs") && t.get(1).type() == Type.DOT
                && t.get(2).type() == Type.NAME) {
            return Optional.of(Reference.input(t.get(2).text()));
        }
        if (t.size() == 7 && t.get(0).is(Type.NAME, "tasks") && t.get(1).type() == Type.DOT
                && t.get(2).type() == Type.NAME && t.get(3).type() == Type.DOT && t.get(4).is(Type.NAME, "outputs")
                && t.get(5).type() == Type.DOT && t.get(6).type() == Type.NAME) {
            return Optional.of(Reference.task(t.get(2).text(), t.get(6).text()));
        }
        return Optional.empty();
    }

    /** Whether the name at {@code i} begins a path from the context root rather than continuing another path. */
    private static boolean startsPath(List<Token> tokens, int i) {
        if (i == 0 || tokens.get(i - 1).type() != Type.DOT) {
            return true;
        }
        // $.inputs.x and $$.inputs.x read from the root too ($ is the variable named "", $$ the one named "$").
        if (i >= 2 && tokens.get(i - 2).type() == Type.VARIABLE) {
            String variable = tokens.get(i - 2).text();
            return (variable.isEmpty() || variable.equals("$")) && (i < 3 || tokens.get(i - 3).type() != Type.DOT);
        }
        return false;
    }
}
