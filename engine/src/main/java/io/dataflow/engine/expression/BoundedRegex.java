package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Jsonata;
import io.dataflow.engine.spi.CheckedText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression literal ({@code /ab+c/i}) whose matching stops at the evaluation's deadline.
 *
 * <p>Java's regex engine backtracks: a pattern such as {@code /(a+)+$/} takes exponential time on a string of many
 * {@code a}s followed by a {@code b}, inside one library call that no callback between expression nodes sees. The
 * engine therefore matches against a {@link CheckedText}, a view of the string that checks the deadline as the engine reads
 * characters, so the search itself is stopped. {@link RegexLiterals} puts one of these in place of each compiled
 * {@link Pattern} of a parsed expression.
 *
 * <p>Called as a function ({@code /a(b)/("xaby")}, {@code value ~> /^07/}) it gives the first match as JSONata
 * documents it: {@code match}, {@code start}, {@code end}, the capture {@code groups} and a {@code next} function.
 */
final class BoundedRegex extends Jsonata.JFunction {

    private final Pattern pattern;

    BoundedRegex(Pattern pattern) {
        super((input, args) -> firstMatch(pattern, args.isEmpty() ? null : args.getFirst()), "<s-:o>");
        this.pattern = pattern;
    }

    Pattern pattern() {
        return pattern;
    }

    /** A matcher over {@code text} whose reads check the current evaluation's deadline. */
    Matcher matcher(String text) {
        return pattern.matcher(checked(text));
    }

    private static Object firstMatch(Pattern pattern, Object value) {
        if (!(value instanceof String text)) {
            return null;
        }
        return match(pattern.matcher(checked(text)));
    }

    private static Map<String, Object> match(Matcher matcher) {
        if (!matcher.find()) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("match", matcher.group());
        result.put("start", matcher.start());
        result.put("end", matcher.end());
        result.put("groups", groups(matcher));
        result.put("next", (Jsonata.Fn0<Map<String, Object>>) () -> match(matcher));
        return result;
    }

    /** The capture groups of the current match; one that took no part is undefined (Java null). */
    static List<String> groups(Matcher matcher) {
        List<String> groups = new ArrayList<>(matcher.groupCount());
        for (int g = 1; g <= matcher.groupCount(); g++) {
            groups.add(matcher.group(g));
        }
        return groups;
    }

    private static CheckedText checked(String text) {
        EvaluationBounds bounds = EvaluationBounds.current();
        return new CheckedText(text, bounds::checkTime);
    }
}
