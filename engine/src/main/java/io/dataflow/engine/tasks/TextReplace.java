package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.CarrierYield;
import io.dataflow.engine.spi.CheckedText;
import io.dataflow.engine.spi.TaskFailure;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code TextOperation.Replace}: every occurrence of {@code search} replaced, literally or as a Java regular
 * expression when {@code regex} is true (then {@code $1} in the replacement names a group).
 *
 * <p>The result is capped at {@link #MAX_RESULT_LENGTH} characters: a short text with many matches and a long
 * replacement would otherwise grow without bound. The search stops after {@link #MAX_SEARCH_TIME}, so a pattern that
 * backtracks catastrophically fails the task instead of holding its worker: the type is pure and runs on the worker.
 */
public final class TextReplace extends TextOperation {

    /** The longest result, in chars, before the task fails instead of filling the heap. */
    static final int MAX_RESULT_LENGTH = 10_000_000;

    /** The longest a search may take, as long as a template's expressions may. */
    static final Duration MAX_SEARCH_TIME = Duration.ofSeconds(1);

    private static final int MAX_PATTERN_IN_MESSAGE = 200;

    private static final Port SEARCH = Port.required("search", PortType.TEXT, "The text or pattern to find");
    private static final Port REPLACEMENT = Port.optional("replacement", PortType.TEXT, StringNode.valueOf(""),
            "What replaces each occurrence");
    private static final Port REGEX = Port.optional("regex", PortType.BOOLEAN, BooleanNode.FALSE,
            "Whether 'search' is a regular expression");

    public TextReplace() {
        super("Replace", "Replaces every occurrence of a text, or of a regular expression, with a replacement.",
                example("Hello, world!").put(SEARCH.name(), "world").put(REPLACEMENT.name(), "there"),
                TEXT_RESULT, SEARCH, REPLACEMENT, REGEX);
    }

    @Override
    JsonNode apply(String text, ObjectNode input) throws TaskFailure {
        String search = InputValues.text(input, SEARCH);
        requireNotEmpty(search);
        boolean regex = InputValues.flag(input, REGEX);
        String replacement = InputValues.text(input, REPLACEMENT);
        Matcher matcher = compile(search, regex).matcher(withDeadline(text));
        String literalOrGroups = regex ? replacement : Matcher.quoteReplacement(replacement);
        StringBuilder result = new StringBuilder(text.length());
        try {
            while (matcher.find()) {
                appendReplacement(matcher, result, literalOrGroups);
                requireWithinCap(result);
            }
        } catch (TooSlow e) {
            throw TaskFailure.permanent("the search for '" + shorten(search) + "' took longer than "
                    + MAX_SEARCH_TIME.toMillis() + " ms and was stopped (a pattern that backtracks too much?)");
        }
        matcher.appendTail(result);
        requireWithinCap(result);
        return StringNode.valueOf(result.toString());
    }

    /**
     * A literal {@code search} that is empty, or that is not a valid pattern while a literal {@code regex} is true,
     * is refused when the workflow is created.
     */
    @Override
    public List<Problem> checkLiteralInputs(ObjectNode literal) {
        JsonNode search = literal.get(SEARCH.name());
        JsonNode regex = literal.get(REGEX.name());
        if (search == null) {
            return List.of();
        }
        return literalCheck(SEARCH, () -> {
            requireNotEmpty(search.stringValue());
            if (regex != null && regex.booleanValue()) {
                compile(search.stringValue(), true);
            }
        });
    }

    private static void requireNotEmpty(String search) throws TaskFailure {
        if (search.isEmpty()) {
            throw TaskFailure.permanent("input 'search' must not be empty");
        }
    }

    /** The text, read with a deadline for the search, yielding the carrier meanwhile. */
    private static CheckedText withDeadline(String text) {
        long deadline = System.nanoTime() + MAX_SEARCH_TIME.toNanos();
        CarrierYield carrier = new CarrierYield();
        return new CheckedText(text, () -> {
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new TooSlow();
            }
            carrier.check(now);
        });
    }

    /** The search ran past its deadline. */
    private static final class TooSlow extends RuntimeException {
        TooSlow() {
            super(null, null, false, false);
        }
    }

    private static Pattern compile(String search, boolean regex) throws TaskFailure {
        if (!regex) {
            return Pattern.compile(search, Pattern.LITERAL);
        }
        try {
            return Pattern.compile(search);
        } catch (PatternSyntaxException e) {
            throw TaskFailure.permanent("input 'search' is not a valid regular expression: '" + shorten(search)
                    + "': " + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    private static void appendReplacement(Matcher matcher, StringBuilder result, String replacement)
            throws TaskFailure {
        try {
            matcher.appendReplacement(result, replacement);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // A trailing backslash, or $n / ${name} naming a group the pattern does not have.
            throw TaskFailure.permanent("input 'replacement' is not valid for this pattern: " + e.getMessage());
        }
    }

    private static void requireWithinCap(StringBuilder result) throws TaskFailure {
        if (result.length() > MAX_RESULT_LENGTH) {
            throw TaskFailure.permanent("the result would be longer than " + MAX_RESULT_LENGTH + " characters");
        }
    }

    private static String shorten(String pattern) {
        return pattern.length() <= MAX_PATTERN_IN_MESSAGE ? pattern : pattern.substring(0, MAX_PATTERN_IN_MESSAGE) + "...";
    }
}
