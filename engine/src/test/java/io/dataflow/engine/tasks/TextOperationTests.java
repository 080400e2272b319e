package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.TaskRuns.failure;
import static io.dataflow.engine.tasks.TaskRuns.input;
import static io.dataflow.engine.tasks.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskType;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class TextOperationTests {

    static List<TaskType> textOperations() {
        return List.of(new TextReverse(), new TextUppercase(), new TextLowercase(), new TextTrim(), new TextLength(),
                new TextReplace(), new TextConcat());
    }

    @ParameterizedTest
    @MethodSource("textOperations")
    void rejectsNonTextInput(TaskType type) {
        ObjectNode input = ((ObjectNode) type.exampleInput()).put("text", 42.5);
        var failure = failure(type, input);
        assertThat(failure).hasMessage("input 'text' must be text, got number");
        assertThat(failure.retryable()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("textOperations")
    void rejectsMissingText(TaskType type) {
        ObjectNode input = (ObjectNode) type.exampleInput();
        input.remove("text");
        assertThat(failure(type, input)).hasMessage("input 'text' is required");
    }

    @Nested
    class Reverse {

        private final TextReverse type = new TextReverse();

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "Hello, world!|!dlrow ,olleH",
            "''|''",
            "a|a",
            // surrogate pairs (emoji, musical symbols) stay whole
            "ab😀c|c😀ba",
            "𝄞x|x𝄞",
        })
        void reversesByCodePoint(String text, String expected) throws Exception {
            assertThat(run(type, input(text))).isEqualTo(input(expected));
        }
    }

    @Nested
    class Case {

        @Test
        void uppercases() throws Exception {
            assertThat(run(new TextUppercase(), input("Hello, straße!"))).isEqualTo(input("HELLO, STRASSE!"));
        }

        @Test
        void lowercases() throws Exception {
            assertThat(run(new TextLowercase(), input("Hello, WORLD!"))).isEqualTo(input("hello, world!"));
        }

        @Test
        void ignoresTheDefaultLocale() throws Exception {
            Locale previous = Locale.getDefault();
            Locale.setDefault(Locale.forLanguageTag("tr"));
            try {
                assertThat(run(new TextUppercase(), input("title"))).isEqualTo(input("TITLE"));
                assertThat(run(new TextLowercase(), input("TITLE"))).isEqualTo(input("title"));
            } finally {
                Locale.setDefault(previous);
            }
        }
    }

    @Nested
    class Trim {

        @Test
        void stripsUnicodeWhiteSpaceAtBothEnds() throws Exception {
            assertThat(run(new TextTrim(), input(" \t\u2003Hello,  world!\n"))).isEqualTo(input("Hello,  world!"));
        }

        @Test
        void leavesBlankTextEmpty() throws Exception {
            assertThat(run(new TextTrim(), input("   "))).isEqualTo(input(""));
        }
    }

    @Nested
    class Length {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"Hello, world!|13", "''|0", "😀😀|2", "é|1"})
        void countsCodePoints(String text, int expected) throws Exception {
            ObjectNode output = run(new TextLength(), input(text));
            assertThat(output).isEqualTo(Json.object().put("length", expected));
            assertThat(output.get("length").isIntegralNumber()).isTrue();
        }
    }

    @Nested
    class Concat {

        private final TextConcat type = new TextConcat();

        @Test
        void joinsWithSeparator() throws Exception {
            ObjectNode input = input("Hello").put("with", "world!").put("separator", ", ");
            assertThat(run(type, input)).isEqualTo(input("Hello, world!"));
        }

        @Test
        void separatorDefaultsToNothing() throws Exception {
            assertThat(run(type, input("foo").put("with", "bar"))).isEqualTo(input("foobar"));
        }

        @Test
        void failsWithoutWith() {
            var failure = failure(type, input("foo"));
            assertThat(failure).hasMessage("input 'with' is required");
            assertThat(failure.retryable()).isFalse();
        }

        @Test
        void failsOnNonTextSeparator() {
            var failure = failure(type, input("foo").put("with", "bar").put("separator", true));
            assertThat(failure).hasMessage("input 'separator' must be text, got boolean");
        }
    }
}
