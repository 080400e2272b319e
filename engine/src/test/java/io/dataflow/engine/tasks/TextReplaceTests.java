package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.TaskRuns.failure;
import static io.dataflow.engine.tasks.TaskRuns.input;
import static io.dataflow.engine.tasks.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.spi.TaskFailure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class TextReplaceTests {

    private final TextReplace type = new TextReplace();

    private static ObjectNode replace(String text, String search, String replacement) {
        return input(text).put("search", search).put("replacement", replacement);
    }

    @Test
    void replacesEveryOccurrence() throws Exception {
        assertThat(run(type, replace("a-b-c", "-", "+"))).isEqualTo(input("a+b+c"));
    }

    @Test
    void searchIsLiteralByDefault() throws Exception {
        assertThat(run(type, replace("1.5 + 2.5 = $4", ".", "$1\\"))).isEqualTo(input("1$1\\5 + 2$1\\5 = $4"));
    }

    @Test
    void replacementDefaultsToNothing() throws Exception {
        assertThat(run(type, input("Hello, world!").put("search", "l"))).isEqualTo(input("Heo, word!"));
    }

    @Test
    void leavesTextWithoutMatchesAlone() throws Exception {
        assertThat(run(type, replace("Hello", "x", "y"))).isEqualTo(input("Hello"));
    }

    @Test
    void regexReplacesWithGroups() throws Exception {
        ObjectNode input = replace("2024-01-31", "(\\d+)-(\\d+)-(\\d+)", "$3.$2.$1").put("regex", true);
        assertThat(run(type, input)).isEqualTo(input("31.01.2024"));
    }

    @Test
    void regexMayMatchEmptyText() throws Exception {
        assertThat(run(type, replace("abc", "^", "> ").put("regex", true))).isEqualTo(input("> abc"));
    }

    @Test
    void aPatternThatBacktracksForEverIsStoppedAfterASecond() {
        // ((a+)+)+b against a's without a b backtracks through every way to split them: centuries for 40 characters
        // (Java's engine memoizes the simpler (a+)+b, not this).
        TaskFailure failure = failure(type, replace("a".repeat(40) + "!", "((a+)+)+b", "x").put("regex", true));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).isEqualTo("the search for '((a+)+)+b' took longer than 1000 ms and was stopped"
                + " (a pattern that backtracks too much?)");
    }

    @Test
    void invalidRegexFailsForGoodNamingThePattern() {
        TaskFailure failure = failure(type, replace("abc", "a(b", "x").put("regex", true));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("input 'search' is not a valid regular expression: 'a(b'");
    }

    @Test
    void replacementNamingAMissingGroupFailsForGood() {
        TaskFailure failure = failure(type, replace("abc", "b", "$2").put("regex", true));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("input 'replacement' is not valid for this pattern");
    }

    @Test
    void emptySearchFails() {
        assertThat(failure(type, replace("abc", "", "x"))).hasMessage("input 'search' must not be empty");
    }

    @Test
    void missingSearchFails() {
        assertThat(failure(type, input("abc"))).hasMessage("input 'search' is required");
    }

    @Test
    void nonBooleanRegexFails() {
        assertThat(failure(type, replace("abc", "b", "x").put("regex", "yes")))
                .hasMessage("input 'regex' must be boolean, got text");
    }

    @Test
    void resultThatWouldExplodeFails() {
        String text = "a".repeat(10_000);
        String replacement = "b".repeat(TextReplace.MAX_RESULT_LENGTH / 5_000);
        TaskFailure failure = failure(type, replace(text, "a", replacement));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("longer than");
    }
}
