package io.dataflow.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskType;
import io.dataflow.engine.spi.TaskTypeRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class BuiltInTaskTypesTests {

    private static final TaskTypeRegistry REGISTRY = TaskTypeRegistry.loadInstalled();

    private static final List<String> TEXT_TYPES = List.of("StaticTextInput", "Echo", "TextOperation.Reverse",
            "TextOperation.Uppercase", "TextOperation.Lowercase", "TextOperation.Trim", "TextOperation.Length",
            "TextOperation.Replace", "TextOperation.Concat");

    /** The text types only: later built-ins (HTTP, sleeps) have examples that must not run in a unit test. */
    static List<TaskType> textTypes() {
        return TEXT_TYPES.stream().map(name -> REGISTRY.find(name).orElseThrow()).toList();
    }

    @Test
    void registryFindsAllTextTypes() {
        assertThat(REGISTRY.all()).extracting(TaskType::name).containsAll(TEXT_TYPES);
    }

    @ParameterizedTest
    @CsvSource({
        "StaticTextInput,         text, TEXT, text,   TEXT",
        "Echo,                    text, ANY,  text,   ANY",
        "TextOperation.Reverse,   text, TEXT, text,   TEXT",
        "TextOperation.Uppercase, text, TEXT, text,   TEXT",
        "TextOperation.Lowercase, text, TEXT, text,   TEXT",
        "TextOperation.Trim,      text, TEXT, text,   TEXT",
        "TextOperation.Length,    text, TEXT, length, INTEGER",
        "TextOperation.Replace,   text, TEXT, text,   TEXT",
        "TextOperation.Concat,    text, TEXT, text,   TEXT",
    })
    void primaryPorts(String name, String inputName, PortType inputType, String outputName, PortType outputType) {
        TaskType type = REGISTRY.find(name).orElseThrow();
        Port input = type.inputs().getFirst();
        Port output = type.outputs().getFirst();
        assertThat(input.name()).isEqualTo(inputName);
        assertThat(input.type()).isEqualTo(inputType);
        assertThat(input.required()).isTrue();
        assertThat(output.name()).isEqualTo(outputName);
        assertThat(output.type()).isEqualTo(outputType);
    }

    @Test
    void optionalInputsHaveDefaultsOfTheirType() {
        assertThat(textTypes()).flatExtracting(TaskType::inputs).filteredOn(port -> !port.required())
                .isNotEmpty()
                .allSatisfy(port -> assertThat(port.type().matches(port.defaultValue())).isTrue());
    }

    @ParameterizedTest
    @MethodSource("textTypes")
    void exampleRunsAndFillsEveryOutput(TaskType type) throws Exception {
        assertThat(type.description()).endsWith(".");
        ObjectNode output = TaskRuns.run(type, (ObjectNode) type.exampleInput());
        for (Port port : type.outputs()) {
            assertThat(port.type().matches(output.get(port.name()))).as(type.name() + " output " + port.name()).isTrue();
        }
    }

    /** What the catalog shows as an example, and the defaults, must pass the checks made when a workflow is created. */
    @Test
    void everyExampleAndDefaultPassesTheChecksOfLiteralInputs() {
        for (TaskType type : REGISTRY.all()) {
            ObjectNode literal = type.exampleInput() == null ? Json.object() : (ObjectNode) type.exampleInput();
            for (Port port : type.inputs()) {
                if (!literal.has(port.name()) && port.defaultValue() != null) {
                    literal.set(port.name(), port.defaultValue());
                }
            }
            assertThat(type.checkLiteralInputs(literal)).as(type.name()).isEmpty();
        }
    }
}
