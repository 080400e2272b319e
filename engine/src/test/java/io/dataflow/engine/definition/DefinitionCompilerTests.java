package io.dataflow.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.StepSettings;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.model.WorkflowSettings;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskType;
import io.dataflow.engine.spi.TaskTypeRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/** The definition compiler with the built-in task types: what it accepts, how it plans, and where it points. */
class DefinitionCompilerTests {

    private static final DefinitionCompiler COMPILER = new DefinitionCompiler(TaskTypeRegistry.loadInstalled());

    /** A definition under construction; each part's origin is its index, as in a seed 001 document. */
    private static final class Doc {
        final List<InputDecl> inputs = new ArrayList<>();
        final List<TaskDef> tasks = new ArrayList<>();
        final List<OutputDecl> outputs = new ArrayList<>();
        WorkflowSettings settings = WorkflowSettings.NONE;
        boolean openInputs;

        Doc input(String name, PortType type) {
            return input(name, type, null);
        }

        Doc input(String name, PortType type, String defaultJson) {
            inputs.add(new InputDecl(name, type, null, defaultJson == null,
                    defaultJson == null ? null : Json.parse(defaultJson), "/inputs/" + inputs.size()));
            return this;
        }

        Doc task(String name, String type, String inputsJson) {
            return task(name, type, inputsJson, null);
        }

        Doc task(String name, String type, String inputsJson, RetryPolicy retry) {
            tasks.add(new TaskDef(name, type, (ObjectNode) Json.parse(inputsJson), retry, null,
                    "/tasks/" + tasks.size(), Map.of()));
            return this;
        }

        Doc openInputs() {
            openInputs = true;
            return this;
        }

        Doc output(String name, PortType type, String template) {
            outputs.add(new OutputDecl(name, type, StringNode.valueOf(template), "/outputs/" + outputs.size()));
            return this;
        }

        Definition definition() {
            return new Definition(inputs, tasks, outputs, settings, openInputs);
        }

        Plan compile() {
            return COMPILER.compile(definition());
        }

        List<Problem> problems() {
            InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class, this::compile);
            assertThat(e).as("the definition should be rejected").isNotNull();
            return e.problems();
        }

        List<String> pointers() {
            return problems().stream().map(Problem::pointer).toList();
        }
    }

    private static Doc doc() {
        return new Doc();
    }

    private static String detail(List<Problem> problems, String pointer) {
        return problems.stream().filter(p -> p.pointer().equals(pointer)).map(Problem::detail).findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + pointer + " in " + problems));
    }

    // ---- valid definitions ---------------------------------------------------------------------------------

    @Test
    void aDiamondIsPlannedWithDependenciesAndSuccessorsInDefinitionOrder() {
        Plan plan = doc()
                .input("url", PortType.TEXT)
                .task("join", "TextOperation.Concat",
                        "{\"text\": \"{{tasks.left.outputs.text}}\", \"with\": \"{{ tasks.right.outputs.text }}\"}")
                .task("left", "TextOperation.Uppercase", "{\"text\": \"{{tasks.fetch.outputs.text}}\"}")
                .task("right", "TextOperation.Reverse", "{\"text\": \"{{tasks.fetch.outputs.text}}\"}")
                .task("fetch", "Echo", "{\"text\": \"{{inputs.url}}\"}")
                .output("result", PortType.TEXT, "{{tasks.join.outputs.text}}")
                .compile();

        assertThat(plan.steps().stream().map(Plan.Step::name)).containsExactly("join", "left", "right", "fetch");
        assertThat(plan.step("fetch").dependencies()).isEmpty();
        assertThat(plan.step("fetch").successors()).containsExactlyInAnyOrder("left", "right");
        assertThat(plan.step("left").dependencies()).containsExactly("fetch");
        assertThat(plan.step("join").dependencies()).containsExactlyInAnyOrder("left", "right");
        assertThat(plan.step("join").successors()).isEmpty();
        assertThat(plan.step("join").type().name()).isEqualTo("TextOperation.Concat");
    }

    @Test
    void everyTaskAnExpressionReadsIsADependency() {
        Plan plan = doc()
                .task("a", "Echo", "{\"text\": \"x\"}")
                .task("b", "Echo", "{\"text\": \"y\"}")
                .task("both", "Echo", "{\"text\": \"{{ tasks.a.outputs.text & ' and ' & tasks.b.outputs.text }}\"}")
                .compile();

        assertThat(plan.step("both").dependencies()).containsExactlyInAnyOrder("a", "b");
        assertThat(plan.step("a").successors()).containsExactly("both");
    }

    @Test
    void outputsCreateNoDependencies() {
        Plan plan = doc()
                .input("n", PortType.INTEGER)
                .task("a", "Echo", "{\"text\": \"x\"}")
                .output("n", PortType.NUMBER, "{{inputs.n}}")
                .output("a", PortType.ANY, "{{tasks.a.outputs.text}}")
                .compile();

        assertThat(plan.step("a").successors()).isEmpty();
    }

    @Test
    void aTaskWithoutItsOwnRetryOrTimeoutUsesTheWorkflowSettings() {
        RetryPolicy once = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
        RetryPolicy twice = new RetryPolicy(2, Duration.ofSeconds(3), 1.0, Duration.ofMinutes(1));
        Doc doc = doc()
                .task("plain", "Echo", "{\"text\": \"x\"}")
                .task("eager", "Echo", "{\"text\": \"x\"}", once);
        doc.settings = new WorkflowSettings(twice, Duration.ofSeconds(7));

        Plan plan = doc.compile();

        for (StepDefaults defaults : StepDefaults.values()) {
            assertThat(plan.step("plain").settings(defaults)).isEqualTo(new StepSettings(twice, Duration.ofSeconds(7)));
            assertThat(plan.step("eager").settings(defaults)).isEqualTo(new StepSettings(once, Duration.ofSeconds(7)));
        }
    }

    @Test
    void aStepInAWorkflowWithoutSettingsRunsWithItsExecutionsDefaults() {
        Plan plan = doc().task("plain", "Echo", "{\"text\": \"x\"}").compile();

        assertThat(plan.step("plain").settings(StepDefaults.ENGINE))
                .isEqualTo(new StepSettings(RetryPolicy.DEFAULT, Duration.ofMinutes(5)));
        StepSettings bound = plan.step("plain").settings(StepDefaults.BINDING);
        assertThat(bound.retry().maxAttempts()).isEqualTo(6);
        assertThat(bound.retry().delayBefore(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(bound.retry().delayBefore(6)).isEqualTo(Duration.ofSeconds(160));
        assertThat(bound.timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void theWorkflowsRetryAndTimeoutEachReplaceTheDefaultsOnTheirOwn() {
        RetryPolicy once = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
        Doc retrying = doc().task("a", "Echo", "{\"text\": \"x\"}");
        retrying.settings = new WorkflowSettings(once, null);
        Doc timed = doc().task("a", "Echo", "{\"text\": \"x\"}");
        timed.settings = new WorkflowSettings(null, Duration.ofSeconds(9));

        assertThat(retrying.compile().step("a").settings(StepDefaults.BINDING))
                .isEqualTo(new StepSettings(once, StepDefaults.BINDING.timeout()));
        assertThat(timed.compile().step("a").settings(StepDefaults.BINDING))
                .isEqualTo(new StepSettings(StepDefaults.BINDING.retry(), Duration.ofSeconds(9)));
    }

    @Test
    void optionalTaskInputsMayBeLeftOut() {
        doc().task("r", "TextOperation.Replace", "{\"text\": \"abc\", \"search\": \"b\"}").compile();
    }

    @Test
    void typesThatFitAreAccepted() {
        doc()
                .input("n", PortType.INTEGER)
                .input("anything", PortType.ANY)
                .task("length", "TextOperation.Length", "{\"text\": \"{{inputs.anything}}\"}")
                .task("echo", "Echo", "{\"text\": \"{{tasks.length.outputs.length}}\"}")
                .task("sentence", "TextOperation.Uppercase", "{\"text\": \"n is {{inputs.n}}\"}")
                .output("count", PortType.NUMBER, "{{tasks.length.outputs.length}}")
                .output("echoed", PortType.INTEGER, "{{tasks.echo.outputs.text}}")
                .compile();
    }

    @Test
    void validNames() {
        assertThat(DefinitionCompiler.isValidName("download_webpage")).isTrue();
        assertThat(DefinitionCompiler.isValidName("_x1")).isTrue();
        assertThat(DefinitionCompiler.isValidName("a".repeat(100))).isTrue();
        assertThat(DefinitionCompiler.isValidName("a".repeat(101))).isFalse();
        assertThat(DefinitionCompiler.isValidName("1st")).isFalse();
        assertThat(DefinitionCompiler.isValidName("my-step")).isFalse();
        assertThat(DefinitionCompiler.isValidName("two words")).isFalse();
        assertThat(DefinitionCompiler.isValidName("")).isFalse();
        assertThat(DefinitionCompiler.isValidName(null)).isFalse();
    }

    // ---- problems, each at its pointer ---------------------------------------------------------------------

    @Test
    void anUnknownTaskTypeIsReportedAtTheType() {
        List<Problem> problems = doc().task("speak", "openai.audio.shout", "{\"text\": \"hi\"}").problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/0/type");
        assertThat(detail(problems, "/tasks/0/type")).contains("unknown task type 'openai.audio.shout'");
    }

    @Test
    void badAndDuplicateTaskNamesAreReportedAtTheName() {
        assertThat(doc()
                .task("a", "Echo", "{\"text\": \"x\"}")
                .task("a", "Echo", "{\"text\": \"y\"}")
                .task("no good", "Echo", "{\"text\": \"z\"}")
                .task(null, "Echo", "{\"text\": \"z\"}")
                .pointers()).containsExactly("/tasks/1/name", "/tasks/2/name", "/tasks/3/name");
    }

    @Test
    void badAndDuplicateInputDeclarationsAreReported() {
        assertThat(doc()
                .input("text", PortType.TEXT)
                .input("text", PortType.TEXT)
                .input("bad-name", PortType.TEXT)
                .input("flag", PortType.BOOLEAN, "\"yes\"")
                .task("a", "Echo", "{\"text\": \"{{inputs.text}}\"}")
                .pointers()).containsExactly("/inputs/1/name", "/inputs/2/name", "/inputs/3/default");
    }

    @Test
    void anInputTheTypeDoesNotHaveAndAMissingRequiredOneAreReported() {
        List<Problem> problems = doc()
                .task("a", "TextOperation.Reverse", "{\"text\": \"x\", \"voice\": \"alloy\"}")
                .task("b", "TextOperation.Concat", "{\"text\": \"x\", \"with\": null}")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/0/inputs/voice", "/tasks/1/inputs");
        assertThat(detail(problems, "/tasks/1/inputs")).contains("'with'");
    }

    @Test
    void badReferencesAreReportedAtTheStringThatMakesThem() {
        List<Problem> problems = doc()
                .input("url", PortType.TEXT)
                .task("a", "Echo", "{\"text\": \"{{inputs.webpage_url}}\"}")
                .task("b", "Echo", "{\"text\": \"{{tasks.download.outputs.text}}\"}")
                .task("c", "Echo", "{\"text\": \"{{tasks.a.outputs.audio}}\"}")
                .task("d", "Echo", "{\"text\": \"{{tasks.d.outputs.text}}\"}")
                .output("audio", PortType.FILE, "{{tasks.nowhere.outputs.audio}}")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/0/inputs/text",
                "/tasks/1/inputs/text", "/tasks/2/inputs/text", "/tasks/3/inputs/text", "/outputs/0/value");
        assertThat(detail(problems, "/tasks/0/inputs/text")).contains("undeclared input 'webpage_url'");
        assertThat(detail(problems, "/tasks/1/inputs/text")).contains("unknown task 'download'");
        assertThat(detail(problems, "/tasks/2/inputs/text")).contains("no output 'audio'");
        assertThat(detail(problems, "/tasks/3/inputs/text")).contains("its own outputs");
    }

    @Test
    void aReferenceInsideAnObjectValueIsReportedAtItsExactPlace() {
        assertThat(doc()
                .task("a", "Echo", "{\"text\": {\"items\": [\"ok\", \"{{inputs.missing}}\"]}}")
                .pointers()).containsExactly("/tasks/0/inputs/text/items/1");
    }

    @Test
    void templateSyntaxErrorsAreReported() {
        assertThat(doc()
                .input("t", PortType.TEXT)
                .task("a", "Echo", "{\"text\": \"{{ inputs. }}\"}")
                .task("b", "Echo", "{\"text\": \"{{ inputs.t \"}")
                .output("o", PortType.ANY, "{{ }}")
                .pointers()).containsExactly("/tasks/0/inputs/text", "/tasks/1/inputs/text", "/outputs/0/value");
    }

    @Test
    void typesThatCannotFitAreReported() {
        List<Problem> problems = doc()
                .input("n", PortType.INTEGER)
                .task("reverse", "TextOperation.Reverse", "{\"text\": \"{{inputs.n}}\"}")
                .task("length", "TextOperation.Length", "{\"text\": \"x\"}")
                .task("upper", "TextOperation.Uppercase", "{\"text\": \"{{ tasks.length.outputs.length }}\"}")
                .output("count", PortType.TEXT, "{{tasks.length.outputs.length}}")
                .output("word", PortType.INTEGER, "{{tasks.upper.outputs.text}}")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/0/inputs/text",
                "/tasks/2/inputs/text", "/outputs/0/value", "/outputs/1/value");
        assertThat(detail(problems, "/tasks/0/inputs/text")).contains("takes text").contains("inputs.n is integer");
    }

    @Test
    void aLinearStepsProblemIsReportedWhereItsInputCameFrom() {
        Definition linear = new Definition(
                List.of(new InputDecl("text", PortType.TEXT, null, true, null, "/steps/0")),
                List.of(new TaskDef("step_1", "TextOperation.Length", (ObjectNode) Json.parse(
                                "{\"text\": \"{{ inputs.text }}\"}"), null, null, "/steps/0", Map.of("text", "/steps/0")),
                        new TaskDef("step_2", "TextOperation.Reverse", (ObjectNode) Json.parse(
                                "{\"text\": \"{{ tasks.step_1.outputs.length }}\"}"), null, null, "/steps/1",
                                Map.of("text", "/steps/1"))),
                List.of(), WorkflowSettings.NONE);

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> COMPILER.compile(linear));

        assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/steps/1");
    }

    @Test
    void cyclesAreReportedAtTheirFirstTaskWithTheWholeLoop() {
        List<Problem> problems = doc()
                .task("start", "Echo", "{\"text\": \"x\"}")
                .task("a", "Echo", "{\"text\": \"{{tasks.c.outputs.text}} {{tasks.start.outputs.text}}\"}")
                .task("b", "Echo", "{\"text\": \"{{tasks.a.outputs.text}}\"}")
                .task("c", "Echo", "{\"text\": \"{{tasks.b.outputs.text}}\"}")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/1");
        assertThat(problems.getFirst().detail()).contains("a -> c -> b -> a");
    }

    @Test
    void everyProblemIsListedInOneAnswer() {
        List<Problem> problems = doc()
                .input("url", PortType.TEXT)
                .input("url", PortType.TEXT)
                .task("speak", "openai.audio.shout", "{\"text\": \"{{inputs.url}}\"}")
                .task("a", "Echo", "{\"text\": \"{{inputs.page}}\", \"extra\": 1}")
                .task("a", "Echo", "{\"text\": \"x\"}")
                .output("audio", PortType.FILE, "{{tasks.speak.outputs.audio")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/inputs/1/name",
                "/tasks/0/type", "/tasks/1/inputs/text", "/tasks/1/inputs/extra", "/tasks/2/name",
                "/outputs/0/value");
    }

    @Test
    void aCompiledPlanKeepsTheDefinition() {
        Doc doc = doc().task("a", "Echo", "{\"text\": \"x\"}");
        Definition definition = doc.definition();

        Plan plan = COMPILER.compile(definition);

        assertThat(plan.definition()).isSameAs(definition);
        JsonNode text = plan.step("a").task().inputs().get("text");
        assertThat(text.asString()).isEqualTo("x");
    }

    // ---- what templates read from the context ---------------------------------------------------------------

    @Test
    void aTemplateReadingARootTheContextDoesNotHaveIsRefusedNamingTheRootsThereAre() {
        List<Problem> problems = doc()
                .input("u", PortType.TEXT)
                .task("greet", "Echo", "{\"text\": \"Hi {{input.u}}!\"}")
                .task("other", "Echo", "{\"text\": {\"deep\": [\"{{ $uppercase(nowhere.text) }}\"]}}")
                .problems();

        assertThat(problems).containsExactly(
                new Problem("/tasks/0/inputs/text", "template reads 'input', which does not exist (did you mean"
                        + " 'inputs'?); a template can read inputs, tasks, workflow, execution, secrets"),
                new Problem("/tasks/1/inputs/text/deep/0", "template reads 'nowhere', which does not exist; a template"
                        + " can read inputs, tasks, workflow, execution, secrets"));
    }

    @Test
    void aNearMissOfARootIsHinted() {
        List<Problem> problems = doc()
                .task("a", "Echo", "{\"text\": \"{{ task.b.outputs.text }}\"}")
                .task("b", "Echo", "{\"text\": \"{{ Inputs.x & $.execution.id & $$.exectuion.id }}\"}")
                .task("c", "Echo", "{\"text\": \"{{ secret.openai.api_key }}\"}")
                .problems();

        assertThat(detail(problems, "/tasks/0/inputs/text")).contains("(did you mean 'tasks'?)");
        assertThat(problems).filteredOn(p -> p.pointer().equals("/tasks/1/inputs/text")).extracting(Problem::detail)
                .containsExactly(
                        "template reads 'Inputs', which does not exist (did you mean 'inputs'?); a template can read"
                                + " inputs, tasks, workflow, execution, secrets",
                        "template reads 'exectuion', which does not exist (did you mean 'execution'?); a template"
                                + " can read inputs, tasks, workflow, execution, secrets");
        assertThat(detail(problems, "/tasks/2/inputs/text")).contains("(did you mean 'secrets'?)");
    }

    @Test
    void aDeclaredInputOrTaskReadWithoutItsRootIsPointedToIt() {
        List<Problem> problems = doc()
                .input("text", PortType.TEXT)
                .task("fetch", "Echo", "{\"text\": \"{{ text }}\"}")
                .task("shout", "TextOperation.Uppercase", "{\"text\": \"{{ fetch.text }}\"}")
                .task("count", "TextOperation.Length", "{\"text\": \"{{ words }}\"}")
                .problems();

        assertThat(detail(problems, "/tasks/0/inputs/text")).startsWith("template reads 'text', which does not exist"
                + " (did you mean 'inputs.text'?)");
        assertThat(detail(problems, "/tasks/1/inputs/text")).startsWith("template reads 'fetch', which does not exist"
                + " (did you mean 'tasks.fetch.outputs.text'?)");
        assertThat(detail(problems, "/tasks/2/inputs/text")).doesNotContain("did you mean");
    }

    @Test
    void aTaskIsReadThroughItsOutputs() {
        List<Problem> problems = doc()
                .task("a", "Echo", "{\"text\": \"x\"}")
                .task("b", "Echo", "{\"text\": \"{{ tasks.a.output.text }}\"}")
                .task("c", "Echo", "{\"text\": \"{{ tasks.a.text }}\"}")
                .task("d", "Echo", "{\"text\": \"{{ tasks.a.result }}\"}")
                .task("e", "Echo", "{\"text\": \"{{ [tasks.a, tasks.a.outputs, tasks.a.outputs.text] }}\"}")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/1/inputs/text",
                "/tasks/2/inputs/text", "/tasks/3/inputs/text");
        assertThat(detail(problems, "/tasks/1/inputs/text")).isEqualTo("template reads tasks.a.output, which does not"
                + " exist (did you mean 'outputs'?); a task's outputs are read as tasks.a.outputs.<port>");
        assertThat(detail(problems, "/tasks/2/inputs/text")).contains("(did you mean 'tasks.a.outputs.text'?)");
        assertThat(detail(problems, "/tasks/3/inputs/text")).doesNotContain("did you mean");
    }

    @Test
    void workflowAndExecutionHaveOnlyTheirProperties() {
        List<Problem> problems = doc()
                .task("a", "Echo", "{\"text\": \"{{ workflow.name }}\"}")
                .task("b", "Echo", "{\"text\": \"{{ execution.createdAt }}\"}")
                .task("c", "Echo", "{\"text\": \"{{ [workflow.id, workflow.version, execution.id,"
                        + " execution.created_at, execution.event_url, workflow, execution] }}\"}")
                .task("d", "Echo", "{\"text\": \"{{ execution.nope }}\"}")
                .problems();

        assertThat(problems).containsExactly(
                new Problem("/tasks/0/inputs/text", "template reads workflow.name, which does not exist; workflow has"
                        + " id, version"),
                new Problem("/tasks/1/inputs/text", "template reads execution.createdAt, which does not exist (did"
                        + " you mean 'created_at'?); execution has id, created_at, event_url"),
                new Problem("/tasks/3/inputs/text", "template reads execution.nope, which does not exist; execution"
                        + " has id, created_at, event_url"));
    }

    @Test
    void workflowOutputsCanReadEveryRootButSecrets() {
        List<Problem> problems = doc()
                .task("a", "Echo", "{\"text\": \"x\"}")
                .output("greeting", PortType.TEXT, "Hi {{ input.u }}")
                .output("text", PortType.TEXT, "{{ tasks.a.output.text }}")
                .output("fine", PortType.ANY, "{{ [tasks.a.outputs.text, workflow.id, execution.id, inputs] }}")
                .problems();

        assertThat(problems).containsExactly(
                new Problem("/outputs/0/value", "template reads 'input', which does not exist (did you mean"
                        + " 'inputs'?); a workflow output can read inputs, tasks, workflow, execution"),
                new Problem("/outputs/1/value", "template reads tasks.a.output, which does not exist (did you mean"
                        + " 'outputs'?); a task's outputs are read as tasks.a.outputs.<port>"));
    }

    @Test
    void namesThatReadTheItemsOfAPathAreNotRoots() {
        doc()
                .input("items", PortType.ARRAY)
                .input("order", PortType.OBJECT)
                .task("a", "Echo", "{\"text\": {"
                        + "\"filter\": \"{{ inputs.items[price > 1 and kind = 'book'].name }}\","
                        + "\"step\": \"{{ $sum(inputs.items.(price * quantity)) }}\","
                        + "\"lambda\": \"{{ $map(inputs.items, function($v, $i){ $v.price * $i }) }}\","
                        + "\"sort\": \"{{ inputs.items^(>price, <name) }}\","
                        + "\"group\": \"{{ inputs.items{kind: $sum(price)} }}\","
                        + "\"call\": \"{{ inputs.items.$string(price) }}\","
                        + "\"transform\": \"{{ inputs.order ~> |items|{'total': price * quantity}| }}\","
                        + "\"top\": \"{{ inputs.items[price > $$.inputs.order.min] }}\"}}")
                .compile();
    }

    @Test
    void aJsonTransformExpressionIsJsonataOverItsDataNotATemplate() {
        Plan plan = doc()
                .input("order", PortType.OBJECT)
                .task("total", "json.transform", "{\"data\": \"{{ inputs.order }}\","
                        + " \"expression\": \"$sum(items.(price * quantity)) & input & text\"}")
                .compile();

        assertThat(plan.step("total").task().inputs().get("expression").asString()).startsWith("$sum(");
    }

    // ---- literal inputs, checked before anything runs ---------------------------------------------------------

    @Test
    void aLiteralJsonataExpressionThatDoesNotParseIsRefusedWithTheParsersMessageAndPosition() {
        List<Problem> problems = doc()
                .task("broken", "json.transform", "{\"data\": 1, \"expression\": \"$sum(items.price\"}")
                .task("empty", "json.transform", "{\"data\": 1, \"expression\": \"  \"}")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/0/inputs/expression",
                "/tasks/1/inputs/expression");
        assertThat(detail(problems, "/tasks/0/inputs/expression"))
                .startsWith("input 'expression' is not valid JSONata: ").containsPattern("at position \\d+");
        assertThat(detail(problems, "/tasks/1/inputs/expression")).isEqualTo("input 'expression' must not be empty");
    }

    @Test
    void aTemplatedExpressionIsOnlyKnownWhenTheTaskRuns() {
        doc()
                .input("expression", PortType.TEXT)
                .input("field", PortType.TEXT)
                .task("given", "json.transform", "{\"data\": 1, \"expression\": \"{{ inputs.expression }}\"}")
                .task("built", "json.transform", "{\"data\": 1, \"expression\": \"$sum(items.{{ inputs.field }}\"}")
                .compile();
    }

    @Test
    void aLiteralOutsideAPortsFixedValuesIsRefusedInTheWordsOfARun() {
        List<Problem> problems = doc()
                .input("format", PortType.TEXT)
                .task("ogg", "openai.audio.tts", "{\"text\": \"hi\", \"format\": \"ogg\"}")
                .task("wav", "openai.audio.tts", "{\"text\": \"hi\", \"format\": \" WAV \"}")
                .task("chosen", "openai.audio.tts", "{\"text\": \"hi\", \"format\": \"{{ inputs.format }}\"}")
                .task("spaced", "http.request", "{\"url\": \"https://example.test\", \"method\": \"GE T\"}")
                .task("patch", "http.request", "{\"url\": \"https://example.test\", \"method\": \"patch\"}")
                .problems();

        assertThat(problems).containsExactly(
                new Problem("/tasks/0/inputs/format",
                        "input 'format' must be one of mp3, opus, aac, flac, wav or pcm, got 'ogg'"),
                new Problem("/tasks/3/inputs/method",
                        "input 'method' must be an HTTP method such as GET or POST, got 'GE T'"));
    }

    @Test
    void aLiteralPatternIsCheckedWhenRegexIsLiterallyTrue() {
        List<Problem> problems = doc()
                .input("regex", PortType.BOOLEAN)
                .task("bad", "TextOperation.Replace", "{\"text\": \"x\", \"search\": \"a(b\", \"regex\": true}")
                .task("plain", "TextOperation.Replace", "{\"text\": \"x\", \"search\": \"a(b\"}")
                .task("chosen", "TextOperation.Replace",
                        "{\"text\": \"x\", \"search\": \"a(b\", \"regex\": \"{{ inputs.regex }}\"}")
                .task("empty", "TextOperation.Replace", "{\"text\": \"x\", \"search\": \"\"}")
                .problems();

        assertThat(problems).extracting(Problem::pointer).containsExactly("/tasks/0/inputs/search",
                "/tasks/3/inputs/search");
        assertThat(detail(problems, "/tasks/0/inputs/search"))
                .startsWith("input 'search' is not a valid regular expression: 'a(b'");
        assertThat(detail(problems, "/tasks/3/inputs/search")).isEqualTo("input 'search' must not be empty");
    }

    @Test
    void aLiteralOfTheWrongTypeIsRefusedInTheWordsOfARun() {
        List<Problem> problems = doc()
                .task("number", "TextOperation.Reverse", "{\"text\": 42}")
                .task("headers", "http.request", "{\"url\": \"https://example.test\", \"headers\": [\"x\"]}")
                .task("expression", "json.transform", "{\"data\": 1, \"expression\": 7}")
                .task("nulls", "http.request", "{\"url\": \"https://example.test\", \"method\": null}")
                .problems();

        assertThat(problems).containsExactly(
                new Problem("/tasks/0/inputs/text", "input 'text' must be text, got integer"),
                new Problem("/tasks/1/inputs/headers", "input 'headers' must be object, got array"),
                new Problem("/tasks/2/inputs/expression", "input 'expression' must be text, got integer"));
    }

    @Test
    void aLinearStepsLiteralProblemIsReportedWhereItsInputCameFrom() {
        Definition linear = new Definition(
                List.of(new InputDecl("text", PortType.TEXT, null, true, null, "/steps/0")),
                List.of(new TaskDef("step_1", "Echo", (ObjectNode) Json.parse("{\"text\": \"{{ inputs.text }}\"}"),
                                null, null, "/steps/0", Map.of("text", "/steps/0")),
                        new TaskDef("step_2", "json.transform", (ObjectNode) Json.parse(
                                "{\"data\": \"{{ tasks.step_1.outputs.text }}\", \"expression\": \"$x(\"}"),
                                null, null, "/steps/1",
                                Map.of("data", "/steps/1", "expression", "/steps/1/input/expression"))),
                List.of(), WorkflowSettings.NONE);

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> COMPILER.compile(linear));

        assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/steps/1/input/expression");
    }

    @Test
    void aTaskTypesProblemInsideAValueIsReportedAtItsExactPlace() {
        Port messages = Port.required("messages", PortType.ARRAY, "a conversation");
        TaskType chat = new DeclaredTaskType("test.chat", "checks its roles", List.of(messages), List.of(), null) {
            @Override
            public ObjectNode execute(TaskContext context, ObjectNode input) {
                return Json.object();
            }

            @Override
            public List<Problem> checkLiteralInputs(ObjectNode literal) {
                return List.of(new Problem("/messages/1/role", "unknown role"), new Problem("/elsewhere", "odd"));
            }
        };
        List<TaskType> types = new ArrayList<>(TaskTypeRegistry.loadInstalled().all());
        types.add(chat);
        Definition definition = doc()
                .task("talk", "test.chat", "{\"messages\": [{\"role\": \"user\"}, {\"role\": \"robot\"}]}")
                .definition();

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> new DefinitionCompiler(new TaskTypeRegistry(types)).compile(definition));

        assertThat(e.problems()).containsExactly(new Problem("/tasks/0/inputs/messages/1/role", "unknown role"),
                new Problem("/tasks/0", "odd"));
    }

    @Test
    void aVersionStoredBeforeTheseChecksStillPlansAsItDid() {
        Doc doc = doc()
                .input("u", PortType.TEXT)
                .task("greet", "Echo", "{\"text\": \"Hi {{input.u}}!\"}")
                .task("replace", "TextOperation.Replace", "{\"text\": \"x\", \"search\": \"a(b\", \"regex\": true}")
                .output("again", PortType.ANY, "{{ tasks.greet.output.text }}");
        assertThat(doc.problems()).hasSize(3);

        Plan plan = COMPILER.compileStored(doc.definition());

        assertThat(plan.steps()).extracting(Plan.Step::name).containsExactly("greet", "replace");
        List<Problem> stillChecked = catchThrowableOfType(InvalidDefinitionException.class,
                () -> COMPILER.compileStored(doc().task("a", "Echo", "{\"text\": \"{{ inputs.nope }}\"}")
                        .definition())).problems();
        assertThat(stillChecked).extracting(Problem::pointer).containsExactly("/tasks/0/inputs/text");
    }

    // ---- secrets --------------------------------------------------------------------------------------------

    @Test
    void taskInputsMayReadSecretsAndThePlanNamesThem() {
        Plan plan = doc()
                .task("call", "TextOperation.Concat",
                        "{\"text\": \"{{ secrets.openai.api_key }}\", \"with\": \"{{ secrets.`my-db`.password }}\"}")
                .task("plain", "Echo", "{\"text\": \"x\"}")
                .compile();

        assertThat(plan.step("call").secrets()).containsExactlyInAnyOrder("openai", "my-db");
        assertThat(plan.step("call").dependencies()).isEmpty();
        assertThat(plan.step("plain").secrets()).isEmpty();
    }

    @Test
    void workflowOutputsCannotReadSecrets() {
        List<Problem> problems = doc()
                .task("a", "Echo", "{\"text\": \"x\"}")
                .output("leak", PortType.TEXT, "{{ secrets.openai.api_key }}")
                .problems();

        assertThat(detail(problems, "/outputs/0/value")).contains("output 'leak' reads secrets");
    }

    @Test
    void readingAllSecretsWithoutANameIsRejected() {
        List<Problem> problems = doc()
                .task("a", "Echo", "{\"text\": \"{{ $string(secrets) }}\"}")
                .problems();

        assertThat(detail(problems, "/tasks/0/inputs/text")).contains("without naming a credential");
    }

    // ---- open inputs -----------------------------------------------------------------------------------------

    @Test
    void withOpenInputsATemplateMayReadAnUndeclaredInput() {
        Plan plan = doc().openInputs()
                .task("a", "TextOperation.Uppercase", "{\"text\": \"{{ inputs.anything }}\"}")
                .task("b", "Echo", "{\"text\": \"{{ inputs }}\"}")
                .output("given", PortType.ANY, "{{ inputs.other }}")
                .compile();

        assertThat(plan.steps()).hasSize(2);
    }

    @Test
    void withoutOpenInputsTheSameUndeclaredInputIsRejected() {
        List<Problem> problems = doc()
                .task("a", "TextOperation.Uppercase", "{\"text\": \"{{ inputs.anything }}\"}")
                .problems();

        assertThat(detail(problems, "/tasks/0/inputs/text")).contains("undeclared input 'anything'");
    }

    @Test
    void withOpenInputsDeclaredInputsAreStillTypeChecked() {
        List<Problem> problems = doc().openInputs()
                .input("count", PortType.INTEGER)
                .task("a", "TextOperation.Uppercase", "{\"text\": \"{{ inputs.count }}\"}")
                .problems();

        assertThat(detail(problems, "/tasks/0/inputs/text")).contains("takes text but inputs.count is integer");
    }

    // ---- where a cycle is reported ------------------------------------------------------------------------

    @Test
    void aCycleIsReportedWhereTheInputClosingItCameFromWhenItCameFromElsewhere() {
        Definition graph = new Definition(List.of(), List.of(
                new TaskDef("a", "Echo", (ObjectNode) Json.parse("{\"text\": \"{{ tasks.b.outputs.text }}\"}"), null,
                        null, "/nodes/0", Map.of("text", "/connections/1")),
                new TaskDef("b", "Echo", (ObjectNode) Json.parse("{\"text\": \"{{ tasks.a.outputs.text }}\"}"), null,
                        null, "/nodes/1", Map.of("text", "/connections/0"))), List.of(), WorkflowSettings.NONE);

        InvalidDefinitionException e = catchThrowableOfType(InvalidDefinitionException.class,
                () -> COMPILER.compile(graph));

        assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/connections/1");
        assertThat(e.problems().getFirst().detail()).contains("a -> b -> a");
    }
}
