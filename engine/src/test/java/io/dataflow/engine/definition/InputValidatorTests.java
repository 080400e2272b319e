package io.dataflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class InputValidatorTests {

    private static final List<InputDecl> INPUTS = List.of(
            required("text", PortType.TEXT),
            optional("count", PortType.INTEGER, Json.parse("3")),
            optional("ratio", PortType.NUMBER, null),
            optional("flag", PortType.BOOLEAN, Json.parse("false")),
            optional("options", PortType.OBJECT, Json.parse("{\"mode\": \"fast\"}")),
            optional("items", PortType.ARRAY, null),
            optional("attachment", PortType.FILE, null),
            optional("anything", PortType.ANY, null),
            new InputDecl("fallback", PortType.TEXT, null, true, Json.parse("\"x\""), "/inputs/8"));

    private final InputValidator validator = new InputValidator();

    private static InputDecl required(String name, PortType type) {
        return new InputDecl(name, type, "the " + name, true, null, "/inputs/" + name);
    }

    private static InputDecl optional(String name, PortType type, JsonNode defaultValue) {
        return new InputDecl(name, type, null, false, defaultValue, "/inputs/" + name);
    }

    private List<Problem> problems(String given) {
        ValidatedInputs result = validator.validate(INPUTS, Json.parse(given));
        assertThat(result).isInstanceOf(ValidatedInputs.Invalid.class);
        return result.problems();
    }

    @Test
    void validInputsGetTheirDefaults() {
        ValidatedInputs result = validator.validate(INPUTS, Json.parse("{\"text\": \"hi\", \"count\": 7, \"attachment\": {\"url\": \"u\"}}"));
        assertThat(result.isValid()).isTrue();
        assertThat(result.orElseThrow()).isEqualTo(Json.parse("""
                {"text": "hi", "count": 7, "attachment": {"url": "u"},
                 "flag": false, "options": {"mode": "fast"}, "fallback": "x"}
                """));
    }

    @Test
    void theGivenObjectAndTheDefaultsAreNotShared() {
        JsonNode given = Json.parse("{\"text\": \"hi\"}");
        ValidatedInputs.Valid first = (ValidatedInputs.Valid) validator.validate(INPUTS, given);
        first.inputs().withObjectProperty("options").put("mode", "changed");
        assertThat(given).isEqualTo(Json.parse("{\"text\": \"hi\"}"));
        assertThat(validator.validate(INPUTS, given).orElseThrow().get("options").get("mode").stringValue()).isEqualTo("fast");
    }

    @Test
    void everyTypeIsChecked() {
        assertThat(problems("""
                {"text": 5, "count": 1.5, "ratio": "x", "flag": "yes", "options": [], "items": {},
                 "attachment": 3, "anything": null}
                """)).containsExactly(
                new Problem("/attachment", "must be a file (text or an object), got integer"),
                new Problem("/count", "must be integer, got number"),
                new Problem("/flag", "must be boolean, got text"),
                new Problem("/items", "must be array, got object"),
                new Problem("/options", "must be object, got array"),
                new Problem("/ratio", "must be number, got text"),
                new Problem("/text", "must be text, got integer"));
    }

    @Test
    void wholeNumbersAreIntegersAndIntegersAreNumbers() {
        assertThat(validator.validate(INPUTS, Json.parse("{\"text\": \"t\", \"count\": 2.0, \"ratio\": 4}")).isValid()).isTrue();
    }

    @Test
    void missingRequiredInputIsReportedAtItsOwnPointer() {
        assertThat(problems("{}")).containsExactly(new Problem("/text", "is required"));
        assertThat(problems("{\"text\": null}")).containsExactly(new Problem("/text", "must be text, got null"));
    }

    @Test
    void unknownInputsAreReportedWithTheDeclaredOnes() {
        assertThat(problems("{\"text\": \"t\", \"extra\": 1, \"a/b\": 2}")).containsExactly(
                new Problem("/a~1b", "is not a declared input; declared inputs: text, count, ratio, flag, options, items, attachment, anything, fallback"),
                new Problem("/extra", "is not a declared input; declared inputs: text, count, ratio, flag, options, items, attachment, anything, fallback"));
        assertThat(validator.validate(List.of(), Json.parse("{\"x\": 1}")).problems())
                .containsExactly(new Problem("/x", "is not a declared input; this workflow declares no inputs"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems("{\"count\": \"many\", \"extra\": true}")).extracting(Problem::pointer)
                .containsExactly("/count", "/extra", "/text");
    }

    @Test
    void missingInputsCountAsEmpty() {
        List<InputDecl> optionalOnly = List.of(optional("n", PortType.NUMBER, Json.parse("1")));
        assertThat(validator.validate(optionalOnly, null).orElseThrow()).isEqualTo(Json.parse("{\"n\": 1}"));
        assertThat(validator.validate(INPUTS, null).problems()).containsExactly(new Problem("/text", "is required"));
    }

    @Test
    void nonObjectInputsAreOneProblem() {
        assertThat(validator.validate(INPUTS, Json.parse("[1, 2]")).problems())
                .containsExactly(new Problem("", "must be an object, got array"));
        assertThatThrownBy(() -> validator.validate(INPUTS, Json.parse("\"text\"")).orElseThrow())
                .isInstanceOfSatisfying(InvalidDefinitionException.class,
                        e -> assertThat(e.problems()).extracting(Problem::pointer).containsExactly(""));
    }

    @Test
    void schemaIsPublishable() {
        assertThat(InputValidator.schemaFor(INPUTS.subList(0, 2))).isEqualTo(Json.parse("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "type": "object",
                 "properties": {"text": {"type": "string", "description": "the text"},
                                "count": {"type": "integer", "default": 3}},
                 "required": ["text"],
                 "additionalProperties": false}
                """));
        assertThat(InputValidator.schemaFor(List.of(optional("f", PortType.FILE, null), optional("a", PortType.ANY, null))))
                .isEqualTo(Json.parse("""
                        {"$schema": "https://json-schema.org/draft/2020-12/schema",
                         "type": "object",
                         "properties": {"f": {"type": ["string", "object"]}, "a": {}},
                         "additionalProperties": false}
                        """));
    }

    @Test
    void differentDeclarationsGetDifferentSchemasFromOneValidator() {
        InputValidator small = new InputValidator(1);
        List<InputDecl> numbers = List.of(required("v", PortType.NUMBER));
        List<InputDecl> texts = List.of(required("v", PortType.TEXT));
        for (int round = 0; round < 2; round++) {
            assertThat(small.validate(numbers, Json.parse("{\"v\": 1}")).isValid()).isTrue();
            assertThat(small.validate(texts, Json.parse("{\"v\": 1}")).problems())
                    .containsExactly(new Problem("/v", "must be text, got integer"));
        }
    }

    @Test
    void aRequiredInputStaysRequiredAfterTheDeclarationsAreStoredAndReadBack() {
        List<InputDecl> declared = List.of(required("text", PortType.TEXT));
        // A stored definition reads an absent default back as a JSON null, which must not count as a default.
        InputDecl[] stored = Json.MAPPER.readValue(Json.write(declared), InputDecl[].class);

        assertThat(stored[0].defaultValue()).isNull();
        assertThat(validator.validate(List.of(stored), Json.parse("{}")).problems())
                .containsExactly(new Problem("/text", "is required"));
        assertThat(InputValidator.schemaFor(List.of(stored)).get("required").get(0).asString()).isEqualTo("text");
    }

    @Test
    void openInputsLetUndeclaredInputsThroughAndStillCheckTheDeclaredOnes() {
        ValidatedInputs valid = validator.validate(INPUTS, true, Json.parse("{\"text\": \"hi\", \"extra\": [1, 2]}"));
        assertThat(valid.isValid()).isTrue();
        assertThat(valid.orElseThrow().get("extra")).isEqualTo(Json.parse("[1, 2]"));
        assertThat(valid.orElseThrow().get("count").intValue()).as("defaults still apply").isEqualTo(3);

        ValidatedInputs invalid = validator.validate(INPUTS, true, Json.parse("{\"count\": \"x\", \"extra\": 1}"));
        assertThat(invalid.problems()).extracting(Problem::pointer).containsExactly("/count", "/text");
    }

    @Test
    void openAndClosedSchemasOfTheSameDeclarationsAreNotConfused() {
        JsonNode given = Json.parse("{\"text\": \"hi\", \"extra\": 1}");
        assertThat(validator.validate(INPUTS, true, given).isValid()).isTrue();
        assertThat(validator.validate(INPUTS, given).problems()).extracting(Problem::pointer).containsExactly("/extra");
        assertThat(validator.validate(List.of(), true, given).isValid()).as("no declarations at all").isTrue();
        assertThat(InputValidator.schemaFor(INPUTS, true).get("additionalProperties").booleanValue()).isTrue();
    }
}
