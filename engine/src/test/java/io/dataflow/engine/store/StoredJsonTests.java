package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskFailure;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the store makes of text before binding it: U+0000 and lone surrogates become U+FFFD, in plain text and in
 * JSON (keys included), the size counted is the UTF-8 size of the text stored, and the output limits act on it.
 */
class StoredJsonTests {

    private static final String FFFD = "\uFFFD";

    @Test
    void plainTextLosesNulAndLoneSurrogatesAndKeepsPairs() {
        assertThat(StoredText.sanitise("a\u0000b\uD800c\uDC00d\uD83D\uDE00e\uD83D"))
                .isEqualTo("a" + FFFD + "b" + FFFD + "c" + FFFD + "d\uD83D\uDE00e" + FFFD);
        String clean = "nothing to do: é €";
        assertThat(StoredText.sanitise(clean)).isSameAs(clean);
    }

    @Test
    void jsonLosesNulInValuesAndKeysButNotAnEscapedBackslashBeforeU0000() {
        ObjectNode value = Json.object().put("k\u0000ey", "v\u0000al \uDC00").put("path", "C:\\u0000");

        StoredJson stored = StoredJson.of(value);

        assertThat(stored.text()).isEqualTo("{\"k" + FFFD + "ey\":\"v" + FFFD + "al " + FFFD
                + "\",\"path\":\"C:\\\\u0000\"}");
        assertThat(stored.node()).isEqualTo(Json.parse(stored.text()));
        assertThat(stored.node().get("path").asString()).isEqualTo("C:\\u0000");
    }

    @Test
    void keysThatBecomeEqualKeepTheLastValue() {
        ObjectNode value = Json.object().put("a\u0000", 1).put("a" + FFFD, 2);

        StoredJson stored = StoredJson.of(value);

        assertThat(stored.text()).isEqualTo("{\"a" + FFFD + "\":2}");
    }

    @Test
    void theSizeIsTheUtf8SizeOfTheStoredText() {
        JsonNode value = Json.parse("{\"ascii\": \"abc\", \"two\": \"é\", \"three\": \"€\", \"four\": \"\uD83D\uDE00\","
                + " \"escaped\": \"line\\nbreak \\\"quoted\\\" \\u0001\", \"nul\": \"\\u0000\"}");

        StoredJson stored = StoredJson.of(value);

        assertThat(stored.bytes()).isEqualTo(stored.text().getBytes(StandardCharsets.UTF_8).length);
        assertThat(StoredJson.of(Json.object()).bytes()).isEqualTo(2);
        assertThat(StoredJson.of(null)).isNull();
    }

    @Test
    void anOutputOverTheCapFailsForGoodNamingSizeCapAndSetting() throws TaskFailure {
        OutputLimits limits = new OutputLimits(2048);
        assertThat(limits.taskOutput(Json.object().put("text", "x".repeat(2000))).bytes()).isEqualTo(2011);

        assertThatThrownBy(() -> limits.taskOutput(Json.object().put("text", "x".repeat(2048))))
                .isInstanceOfSatisfying(TaskFailure.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("2059 bytes of JSON, more than the 2048 bytes")
                .hasMessageContaining("DATAFLOW_MAX_OUTPUT_BYTES");
        assertThatThrownBy(() -> limits.executionOutputs(Json.object().put("text", "x".repeat(2048))))
                .hasMessageContaining("the workflow's outputs are 2059 bytes of JSON, more than the 2048 bytes");
    }

    @Test
    void anInputOverTheCapLosesItsLargestFieldsFirst() {
        OutputLimits limits = new OutputLimits(2048);
        ObjectNode input = Json.object().put("small", "kept").put("large", "y".repeat(1500))
                .put("largest", "z".repeat(1800));

        JsonNode shown = limits.shownInput(input).node();

        assertThat(shown.get("small").asString()).isEqualTo("kept");
        assertThat(shown.get("large").asString()).isEqualTo("y".repeat(1500));
        assertThat(shown.get("largest").asString()).isEqualTo("[truncated: 1802 bytes]");
        assertThat(limits.shownInput(Json.object().put("small", "kept")).node().get("small").asString())
                .isEqualTo("kept");
    }

    @Test
    void anInputOfManySmallFieldsOverTheCapIsReplacedWhole() {
        OutputLimits limits = new OutputLimits(1024);
        ObjectNode input = Json.object();
        for (int i = 0; i < 200; i++) {
            input.put("field" + i, i);
        }

        StoredJson shown = limits.shownInput(input);

        assertThat(shown.bytes()).isLessThanOrEqualTo(1024);
        assertThat(shown.node().asString()).startsWith("[truncated: ");
    }

    @Test
    void aLongErrorIsCutWithItsLength() {
        String cut = OutputLimits.errorMessage("e".repeat(OutputLimits.MAX_ERROR_CHARS + 10));

        assertThat(cut).startsWith("e".repeat(OutputLimits.MAX_ERROR_CHARS))
                .endsWith("... [truncated: " + (OutputLimits.MAX_ERROR_CHARS + 10) + " characters in all]");
        assertThat(OutputLimits.errorMessage("short")).isEqualTo("short");
    }

    @Test
    void aCapBelowTheMinimumIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new OutputLimits(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATAFLOW_MAX_OUTPUT_BYTES must be at least 1024");
    }
}
