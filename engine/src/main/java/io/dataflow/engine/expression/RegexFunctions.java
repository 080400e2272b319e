package io.dataflow.engine.expression;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Utils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code $match}, {@code $contains}, {@code $replace} and {@code $split} as JSONata documents them, matching regular
 * expressions through {@link BoundedRegex} so a backtracking search stops at the deadline, and building their
 * results within the string and array limits.
 *
 * <p>Where dashjoin's versions depart from the JSONata documentation, these follow the documentation: {@code $match}
 * returns at most {@code limit} matches, and {@code $replace} with a limit replaces the first matches from left to
 * right, treating a string pattern as literal text.
 */
final class RegexFunctions {

    private RegexFunctions() {
    }

    /** {@code $match(str, pattern [, limit])}: the matches, each {@code {match, index, groups}}. */
    static Object match(String text, Object pattern, Number limit) {
        if (text == null) {
            return null;
        }
        if (limit != null && limit.doubleValue() < 0) {
            throw new JException("D3040", -1, limit);
        }
        EvaluationBounds bounds = EvaluationBounds.current();
        long max = limit == null ? Long.MAX_VALUE : limit.longValue();
        List<Object> result = Utils.createSequence();
        Matcher matcher = regex(pattern, "$match").matcher(text);
        while (result.size() < max && matcher.find()) {
            bounds.checkItems(result.size() + 1L);
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("match", matcher.group());
            match.put("index", matcher.start());
            match.put("groups", BoundedRegex.groups(matcher));
            result.add(match);
        }
        return result;
    }

    /** {@code $contains(str, pattern)}: whether the string holds the text or a match of the regex. */
    static Boolean contains(String text, Object pattern) {
        if (text == null) {
            return null;
        }
        if (pattern instanceof String token) {
            return text.contains(token);
        }
        return regex(pattern, "$contains").matcher(text).find();
    }

    /** {@code $replace(str, pattern, replacement [, limit])}. */
    static String replace(String text, Object pattern, Object replacement, Number limit) {
        if (text == null) {
            return null;
        }
        if (pattern instanceof String s && s.isEmpty()) {
            throw new JException("D3010", -1);
        }
        if (limit != null && limit.doubleValue() < 0) {
            throw new JException("D3011", -1);
        }
        long max = limit == null ? Long.MAX_VALUE : limit.longValue();
        BoundedText out = new BoundedText(EvaluationBounds.current());
        if (pattern instanceof String literal) {
            if (!(replacement instanceof String replacementText)) {
                throw new JException("T0410", -1, 3, "$replace");
            }
            int done = 0;
            long count = 0;
            for (int at = text.indexOf(literal); at >= 0 && count < max; at = text.indexOf(literal, done)) {
                out.append(text, done, at).append(replacementText);
                done = at + literal.length();
                count++;
            }
            return out.append(text, done, text.length()).toString();
        }
        Matcher matcher = regex(pattern, "$replace").matcher(text);
        int done = 0;
        long count = 0;
        while (count < max && matcher.find()) {
            out.append(text, done, matcher.start()).append(substitute(matcher, replacement));
            done = matcher.end();
            count++;
        }
        return out.append(text, done, text.length()).toString();
    }

    /** {@code $split(str, separator [, limit])}: the parts, at most {@code limit}; trailing empty parts are kept. */
    static List<String> split(String text, Object separator, Number limit) {
        if (text == null) {
            return null;
        }
        if (limit != null && limit.doubleValue() < 0) {
            throw new JException("D3020", -1, text);
        }
        EvaluationBounds bounds = EvaluationBounds.current();
        long max = limit == null ? Long.MAX_VALUE : limit.longValue();
        Parts parts = new Parts(bounds, max);
        if (separator instanceof String literal) {
            if (literal.isEmpty()) {
                for (int i = 0; i < text.length() && parts.open(); i++) {
                    parts.add(String.valueOf(text.charAt(i)));
                }
                return parts.list;
            }
            int done = 0;
            for (int at = text.indexOf(literal); at >= 0 && parts.open(); at = text.indexOf(literal, done)) {
                parts.add(text.substring(done, at));
                done = at + literal.length();
            }
            parts.add(text.substring(done));
            return parts.list;
        }
        // As Pattern.split(text, -1): a zero-width match at the very start gives no leading empty part.
        Matcher matcher = regex(separator, "$split").matcher(text);
        int done = 0;
        while (parts.open() && matcher.find()) {
            if (matcher.end() == 0) {
                continue;
            }
            parts.add(text.substring(done, matcher.start()));
            done = matcher.end();
        }
        parts.add(text.substring(done));
        return parts.list;
    }

    /** The parts of a split so far, within its limit and the array limit. */
    private static final class Parts {

        final List<String> list = new ArrayList<>();
        private final EvaluationBounds bounds;
        private final long max;

        Parts(EvaluationBounds bounds, long max) {
            this.bounds = bounds;
            this.max = max;
        }

        boolean open() {
            return list.size() < max;
        }

        void add(String part) {
            if (open()) {
                bounds.checkItems(list.size() + 1L);
                if ((list.size() & 0x3FF) == 0) {
                    bounds.checkTime();
                }
                list.add(part);
            }
        }
    }

    private static BoundedRegex regex(Object pattern, String function) {
        if (pattern instanceof BoundedRegex regex) {
            return regex;
        }
        throw new JException("the pattern given to " + function + " must be a regular expression such as /ab+/",
                -1);
    }

    /** The text that replaces one match: a function's result, or the replacement string with its $ references. */
    private static String substitute(Matcher matcher, Object replacement) {
        if (replacement instanceof String text) {
            return expand(text, matcher);
        }
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("match", matcher.group());
        match.put("index", matcher.start());
        match.put("groups", BoundedRegex.groups(matcher));
        Object result;
        try {
            result = Functions.funcApply(replacement, List.of(match));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new JException(e, "D3012", -1, null, null);
        }
        if (result instanceof String s) {
            return s;
        }
        throw new JException("D3012", -1, result);
    }

    /**
     * The replacement string with {@code $0} (the match), {@code $1}... (capture groups, taking as many digits as
     * there are groups to name) and {@code $$} (a dollar sign) put in, as JSONata's reference implementation does.
     */
    static String expand(String replacement, Matcher matcher) {
        int groups = matcher.groupCount();
        StringBuilder out = new StringBuilder();
        int position = 0;
        int dollar = replacement.indexOf('$');
        while (dollar >= 0 && position < replacement.length()) {
            out.append(replacement, position, dollar);
            position = dollar + 1;
            char next = position < replacement.length() ? replacement.charAt(position) : 0;
            if (next == '$') {
                out.append('$');
                position++;
            } else if (next == '0') {
                out.append(matcher.group());
                position++;
            } else {
                int maxDigits = groups == 0 ? 1 : (int) Math.floor(Math.log10(groups)) + 1;
                int index = leadingNumber(replacement, position, maxDigits);
                if (maxDigits > 1 && index > groups) {
                    index = leadingNumber(replacement, position, maxDigits - 1);
                }
                if (index >= 0) {
                    if (groups > 0 && index >= 1 && index <= groups && matcher.group(index) != null) {
                        out.append(matcher.group(index));
                    }
                    position += Integer.toString(index).length();
                } else {
                    out.append('$');
                }
            }
            dollar = replacement.indexOf('$', position);
        }
        return out.append(replacement, Math.min(position, replacement.length()), replacement.length()).toString();
    }

    /** The number the digits at {@code from} spell (at most {@code maxDigits} of them), or -1 when there are none. */
    private static int leadingNumber(String text, int from, int maxDigits) {
        int end = from;
        while (end < text.length() && end - from < maxDigits && Character.isDigit(text.charAt(end))
                && text.charAt(end) < 128) {
            end++;
        }
        return end == from ? -1 : Integer.parseInt(text, from, end, 10);
    }
}
