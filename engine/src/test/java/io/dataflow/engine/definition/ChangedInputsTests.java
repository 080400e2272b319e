package io.dataflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.engine.testing.TestDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** New values for one task's inputs: the definition they make, its plan, and where their problems point. */
class ChangedInputsTests {

    private static final DefinitionCompiler COMPILER = new DefinitionCompiler(TaskTypeRegistry.loadInstalled());

    /**
     * shout reads the text; join reads shout through an input wired from elsewhere in the document (as a graph's
     * connection is), with a literal separator; tail reads join.
     */
    private static Definition pipeline() {
        Definition plain = new TestDefinition()
                .input("text", PortType.TEXT)
                .task("shout", "TextOperation.Uppercase", "{'text': '{{ inputs.text }}'}")
                .task("join", "TextOperation.Concat",
                        "{'text': '{{ tasks.shout.outputs.text }}', 'with': '!', 'separator': '-'}")
                .task("tail", "TextOperation.Lowercase", "{'text': '{{ tasks.join.outputs.text }}'}")
                .build();
        List<TaskDef> tasks = new ArrayList<>(plain.tasks());
        TaskDef join = tasks.get(1);
        tasks.set(1, new TaskDef(join.name(), join.type(), join.inputs(), join.retry(), join.timeout(), "/nodes/2",
                Map.of("text", "/connections/0")));
        return new Definition(plain.inputs(), tasks, plain.outputs(), plain.settings(), plain.openInputs());
    }

    private static ObjectNode values(String json) {
        return (ObjectNode) Json.parse(json.replace('\'', '"'));
    }

    private static List<Problem> problems(String task, String json) {
        return catchThrowableOfType(InvalidDefinitionException.class,
                () -> new ChangedInputs(task, values(json)).apply(pipeline(), COMPILER)).problems();
    }

    @Test
    void aGivenPortReplacesAWiredOrWrittenValueAndTheOthersKeepTheirs() {
        Definition original = pipeline();

        ChangedInputs.Applied applied = new ChangedInputs("join", values("{'text': 'hey {{ inputs.text }}',"
                + " 'with': '?'}")).apply(original, COMPILER);

        TaskDef join = applied.definition().task("join").orElseThrow();
        assertThat(join.inputs()).isEqualTo(values("{'text': 'hey {{ inputs.text }}', 'with': '?',"
                + " 'separator': '-'}"));
        assertThat(join.inputOrigins()).as("the value no longer comes from the connection").isEmpty();
        assertThat(applied.plan().step("join").dependencies()).as("it reads shout no more").isEmpty();
        assertThat(applied.plan().step("tail").dependencies()).containsExactly("join");
        assertThat(applied.definition().task("shout")).isEqualTo(original.task("shout"));
        assertThat(original.task("join").orElseThrow().inputs().get("with").asString())
                .as("the original is not changed").isEqualTo("!");
    }

    @Test
    void aChangedValueMayReadAnotherTaskThatItDidNotRead() {
        ChangedInputs.Applied applied = new ChangedInputs("tail", values("{'text': '{{ tasks.shout.outputs.text }}'}"))
                .apply(pipeline(), COMPILER);

        assertThat(applied.plan().step("tail").dependencies()).containsExactly("shout");
    }

    @Test
    void eachBadValueIsAProblemAtItsPort() {
        List<Problem> problems = problems("join", "{'nope': 'x', 'with': 5, 'text': '{{ tasks.ghost.outputs.text }}',"
                + " 'separator': null}");
        assertThat(problems).extracting(Problem::pointer)
                .containsExactlyInAnyOrder("/nope", "/with", "/text", "/separator");
        assertThat(problems).extracting(Problem::detail).anySatisfy(detail -> assertThat(detail)
                .contains("has no input 'nope'")).anySatisfy(detail -> assertThat(detail).contains("unknown task"
                + " 'ghost'")).anySatisfy(detail -> assertThat(detail).contains("must be text, got"));
        List<Problem> syntax = problems("shout", "{'text': '{{ inputs.text & }}'}");
        assertThat(syntax).extracting(Problem::pointer).containsExactly("/text");
        assertThat(problems("shout", "{'text': '{{ inputs.missing }}'}").getFirst().detail())
                .contains("undeclared input 'missing'");
    }

    @Test
    void aValueThatMakesACycleIsAProblemOfTheChangeAsAWhole() {
        List<Problem> problems = problems("shout", "{'text': '{{ tasks.tail.outputs.text }}'}");

        assertThat(problems).extracting(Problem::pointer).containsExactly("");
        assertThat(problems.getFirst().detail()).contains("cycle");
    }

    @Test
    void theChangedTaskGetsEveryCheckOfANewDefinitionAndTheRestThoseOfItsStoredVersion() {
        // An expression stored before literal inputs were checked: compileStored runs it, compile refuses it.
        Definition stored = new TestDefinition()
                .task("old", "json.transform", "{'data': [1], 'expression': '$sum($'}")
                .task("shout", "TextOperation.Uppercase", "{'text': 'a'}")
                .build();
        COMPILER.compileStored(stored);

        assertThat(new ChangedInputs("shout", values("{'text': 'b'}")).apply(stored, COMPILER).definition()
                .task("shout").orElseThrow().inputs().get("text").asString()).isEqualTo("b");
        List<Problem> problems = catchThrowableOfType(InvalidDefinitionException.class,
                () -> new ChangedInputs("old", values("{'data': [2]}")).apply(stored, COMPILER)).problems();
        assertThat(problems).extracting(Problem::pointer).as("about a value not given: the change as a whole")
                .containsExactly("");
        assertThat(problems.getFirst().detail()).contains("JSONata");
    }
}
