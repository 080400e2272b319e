package io.dataflow.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dataflow.engine.expression.ExpressionException.Reason;
import io.dataflow.engine.model.Json;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every limit of {@link ExpressionLimits} holds inside built-in functions and operators: an expression at its limit
 * works, one past it fails quickly with a message naming the limit. Today's library runs several of these for
 * minutes or until the heap is full, so each runs under a generous preemptive deadline.
 */
class ExpressionLimitsTests {

    /** Far above what a bounded evaluation takes; only an unbounded one gets near it. */
    private static final Duration GENEROUS = Duration.ofSeconds(60);
    /** The default sizes with a timeout long enough that only the size limits stop these, even on a busy machine. */
    private static final ExpressionLimits LIMITS = ExpressionLimits.DEFAULT.withTimeout(Duration.ofSeconds(30));
    private static final ExpressionLimits QUICK = ExpressionLimits.DEFAULT.withTimeout(Duration.ofMillis(500));
    private static final String LONGEST_STRING = ExpressionLimits.DEFAULT_MAX_STRING_LENGTH + " characters";

    private static JsonNode evaluate(String expression) throws ExpressionException {
        return evaluate(expression, "{}");
    }

    private static JsonNode evaluate(String expression, String data) throws ExpressionException {
        return evaluate(expression, data, LIMITS);
    }

    private static JsonNode evaluate(String expression, String data, ExpressionLimits limits)
            throws ExpressionException {
        return assertTimeoutPreemptively(GENEROUS, () -> JsonataTransform.apply(expression, Json.parse(data), limits));
    }

    private static void assertStopped(String expression, Reason reason, String message) {
        ExpressionLimits limits = reason == Reason.TIMEOUT ? QUICK : LIMITS;
        assertThatThrownBy(() -> evaluate(expression, "{}", limits))
                .isInstanceOfSatisfying(ExpressionException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    @Nested
    class Strings {

        @Test
        void padUpToTheLimitWorks() throws ExpressionException {
            assertThat(evaluate("$length($pad(\"\", " + ExpressionLimits.DEFAULT_MAX_STRING_LENGTH + ", \"x\"))").asInt())
                    .isEqualTo(ExpressionLimits.DEFAULT_MAX_STRING_LENGTH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"$pad(\"\", 10000000, \"x\")", "$pad(\"\", -10000000, \"x\")",
                "$length($pad(\"\", 300000000))"})
        void padPastTheLimitStopsBeforeBuilding(String expression) {
            assertStopped(expression, Reason.TOO_LARGE, "built a string longer than " + LONGEST_STRING);
        }

        @Test
        void doublingConcatenationStopsAtTheLimit() {
            assertStopped("$reduce([1..64], function($text, $i){ $text & $text }, \"x\")", Reason.TOO_LARGE,
                    "built a string longer than " + LONGEST_STRING);
        }

        @Test
        void joinWithAHugeSeparatorStopsAtTheLimit() {
            assertStopped("$join([1..1000].$string(), $pad(\"\", 1000000, \"-\"))", Reason.TOO_LARGE,
                    "built a string longer than " + LONGEST_STRING);
        }

        @Test
        void replaceThatGrowsTheStringStopsAtTheLimit() {
            assertStopped("$replace($pad(\"\", 1000000, \"a\"), \"a\", \"aaaa\")", Reason.TOO_LARGE,
                    "built a string longer than " + LONGEST_STRING);
            assertStopped("$replace($pad(\"\", 1000000, \"a\"), /a/, \"$0$0\")", Reason.TOO_LARGE,
                    "built a string longer than " + LONGEST_STRING);
        }

        @Test
        void prettyPrintingADeepValueStopsAtTheLimit() {
            assertStopped("$string($reduce([1..150], function($v, $i){ {\"a\": $v, \"b\": [1..2000]} }, 1), true)",
                    Reason.TOO_LARGE, "built a string longer than " + LONGEST_STRING);
        }

        @Test
        void aTemplateOfManyLongPartsStaysWithinTheLimit() {
            TemplateResolver resolver = new TemplateResolver(LIMITS);
            JsonNode template = Json.parse("\"{{ $pad('', 600000) }}{{ $pad('', 600000) }}\"");
            assertThatThrownBy(() -> resolver.resolve(template, Json.object()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("built a string longer than " + LONGEST_STRING);
        }
    }

    @Nested
    class Arrays {

        @Test
        void aRangeUpToTheLimitWorks() throws ExpressionException {
            assertThat(evaluate("$count([1..1000000])").asInt()).isEqualTo(1_000_000);
        }

        @Test
        void aRangePastTheLimitStops() {
            assertStopped("[1..10000000]", Reason.TOO_LARGE,
                    "built an array of more than " + ExpressionLimits.DEFAULT_MAX_ITEMS + " items");
        }

        @Test
        void splittingIntoTooManyPartsStops() {
            ExpressionLimits few = new ExpressionLimits(Duration.ofSeconds(30), 200, 1 << 20, 1000, 1 << 23, 1 << 24,
                    1 << 24);
            assertThatThrownBy(() -> JsonataTransform.apply("$split($pad('', 5000, 'x'), '')", Json.object(), few))
                    .hasMessageContaining("built an array of more than 1000 items");
        }

        @Test
        void flatteningManyLargeArraysInOneStepStops() {
            // Gathering ten thousand arrays of a million numbers, to flatten them, would take ten billion.
            assertStopped("$count([1..10000].[1..1000000])", Reason.TOO_LARGE, "array items and object fields in all");
        }

        @Test
        void repeatingALargeArrayInAPathStops() {
            assertStopped("($big := [1..1000000].($ * 2); $count([1..100000].$big))", Reason.TOO_LARGE,
                    "array items and object fields in all");
        }

        @Test
        void gatheringManyLongStringsInOneStepStops() {
            // A thousand strings of a million characters each: 2 GB before the step could check its result.
            assertStopped("$count([1..1000].$pad('', 1000000, $string($)))", Reason.TOO_LARGE,
                    "characters of strings in all");
        }

        @Test
        void aLookupTableReadInALoopIsNotCountedAgain() throws ExpressionException {
            String table = "$merge([1..200000].{$string($): $})";
            assertThat(evaluate("($t := " + table + "; $sum([1..200000].$lookup($t, $string($))))").asLong())
                    .isEqualTo(20_000_100_000L);
        }

        @Test
        void spreadIsLinear() throws ExpressionException {
            assertThat(evaluate("$count($spread([1..200000].{\"k\": $}))").asInt()).isEqualTo(200_000);
        }
    }

    @Nested
    class SharedValues {

        /** {"a": $v, "b": $v} holds $v twice without copying it: doubling builds a value of exponential JSON size. */
        private static final String DOUBLED = "$reduce([1..64], function($v, $i){ {\"a\": $v, \"b\": $v} }, 1)";

        @ParameterizedTest
        @ValueSource(strings = {DOUBLED, "$string(" + DOUBLED + ")", "(" + DOUBLED + ") & ''",
                "(" + DOUBLED + ") = (" + DOUBLED + ")", "$distinct([" + DOUBLED + "])"})
        void aValueThatDoublesItselfStops(String expression) {
            assertStopped(expression, Reason.TOO_LARGE, "built a value larger than "
                    + ExpressionLimits.DEFAULT_MAX_VALUE_SIZE + " characters of JSON");
        }
    }

    @Nested
    class RegularExpressions {

        /**
         * Tries every way of placing twelve a's among forty before failing for want of a 'b': some 10^10 steps,
         * minutes to hours (Java's regex engine defuses the classic {@code (a+)+$}, not this).
         */
        private static final String SUBJECT = "$pad('', 40, 'a')";
        private static final String REGEX = "/(.*a){12}b/";

        @ParameterizedTest
        @ValueSource(strings = {"$match(" + SUBJECT + ", " + REGEX + ")", "$contains(" + SUBJECT + ", " + REGEX + ")",
                "$replace(" + SUBJECT + ", " + REGEX + ", 'x')", "$split(" + SUBJECT + ", " + REGEX + ")",
                REGEX + "(" + SUBJECT + ")", "(" + SUBJECT + ") ~> " + REGEX,
                "($r := " + REGEX + "; $r(" + SUBJECT + "))", "$eval('" + REGEX + "')(" + SUBJECT + ")",
                "$replace(" + SUBJECT + ", " + REGEX + ", function($m){ $m.match })"})
        void catastrophicBacktrackingStopsAtTheTimeout(String expression) {
            assertStopped(expression, Reason.TIMEOUT, "ran longer than 500 ms");
        }
    }

    @Nested
    class Pictures {

        @Test
        void aHugePictureIsRefusedBeforeTheQuadraticFormatterRuns() {
            assertThatThrownBy(() -> evaluate("$formatInteger(1, $pad('', 1000000, '0'))"))
                    .hasMessageContaining("the picture given to $formatInteger is longer than 256 characters");
            assertThatThrownBy(() -> evaluate("$fromMillis(0, $pad('', 999999, '[Y]'))"))
                    .hasMessageContaining("the picture given to $fromMillis is longer than 256 characters");
        }

        @Test
        void toMillisParsesOnlyShortTextByFewComponents() {
            // Sixteen digit components against a hundred digits backtrack for seconds; more for hours.
            assertThatThrownBy(() -> evaluate("$toMillis($pad('', 100, '1') & 'x', '"
                    + "[Y][M][D][H][m][s][f][Y][M][D][H][m][s][f][Y][M]')"))
                    .hasMessageContaining("the picture given to $toMillis has more than 12 components");
            assertThatThrownBy(() -> evaluate("$toMillis($pad('', 100000, '1') & 'x', '[Y][M][D][H][m][s][f]')"))
                    .hasMessageContaining("the text given to $toMillis is longer than 128 characters");
        }
    }

    @Nested
    class Time {

        @Test
        void aLoopStopsAtTheTimeout() {
            assertStopped("($f := function($x){ $f($x) }; $f(1))", Reason.TIMEOUT, "ran longer than 500 ms (timeout)");
        }

        @Test
        void aLoopInsideAnArrayConstructorStopsAtTheTimeout() {
            // JSONata's own timebox stops checking in a frame once an array constructor marked it "parallel".
            assertStopped("([1, 2]; $f := function($x){ $f($x) }; $f(1))", Reason.TIMEOUT, "ran longer than 500 ms");
        }

        @Test
        void replaceWithAHugeLimitIsQuick() throws ExpressionException {
            assertThat(evaluate("$replace('abcb', 'b', 'x', 1000000000)").asString()).isEqualTo("axcx");
        }

        @Test
        void allTemplatesOfOneValueShareOneBudget() throws TemplateException {
            ExpressionLimits limits = new ExpressionLimits(Duration.ofSeconds(30), 200, 1 << 20, 100_000, 1 << 23,
                    100_000, 1 << 24);
            TemplateResolver resolver = new TemplateResolver(limits);
            // Each template yields a range of 30,000 numbers and an array of as many: 60,000 items.
            String template = "\"{{ $count([1..30000].($ + 1)) }}\"";
            assertThat(resolver.resolve(Json.parse(template), Json.object()).asInt()).isEqualTo(30_000);
            assertThatThrownBy(() -> resolver.resolve(Json.parse("[" + template + ", " + template + "]"), Json.object()))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("more than 100000 array items and object fields in all");
            // The input ports of one task are resolved one by one, within one budget too.
            TemplateResolver.Resolution ports = resolver.open(Json.object());
            assertThat(ports.resolve(Json.parse(template)).asInt()).isEqualTo(30_000);
            assertThatThrownBy(() -> ports.resolve(Json.parse(template)))
                    .hasMessageContaining("more than 100000 array items and object fields in all");
        }
    }
}
