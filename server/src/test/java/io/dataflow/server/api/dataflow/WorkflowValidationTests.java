package io.dataflow.server.api.dataflow;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.detailAt;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Bad workflow documents and bad execution requests: each is answered with a problem document listing every
 * problem at its exact JSON pointer, and stores nothing. The tests run in an organization of their own, so "nothing
 * was stored" is checked against a list that only they write to.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WorkflowValidationTests {

    private static final Map<TestDatabase, Api> ORGANIZATIONS = new EnumMap<>(TestDatabase.class);

    @Parameter
    TestDatabase database;

    private Api api() {
        synchronized (ORGANIZATIONS) {
            return ORGANIZATIONS.computeIfAbsent(database,
                    db -> TestServer.shared(db).newOrganization("validation " + UUID.randomUUID()));
        }
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }

    private List<String> workflowIds() {
        return api().listAll("/workflows", "workflows", 100).stream().map(w -> w.get("workflow_id").asString())
                .toList();
    }

    /** Posts a document that must be rejected with exactly these problems, and checks that nothing was stored. */
    private Api.Response rejected(String body, int status, String... expectedPointers) {
        List<String> before = workflowIds();
        Api.Response response = api().post("/workflows", body);
        assertProblem(response, status);
        if (status == 400) {
            assertThat(pointers(response)).as(response.text()).containsExactlyInAnyOrder(expectedPointers);
        }
        assertThat(workflowIds()).as("workflows after a rejected create").isEqualTo(before);
        return response;
    }

    /** {@link #rejected} for a document with this name, also checking that the name is not listed. */
    private Api.Response rejectedNamed(String name, String body, String... expectedPointers) {
        Api.Response response = rejected(body, 400, expectedPointers);
        assertThat(api().workflowNames()).doesNotContain(name);
        return response;
    }

    /** A seed 001 document with these inputs, tasks and outputs (JSON arrays' contents). */
    private static String graph(String title, String inputs, String tasks, String outputs) {
        return """
                { "title": "%s", "inputs": [%s], "tasks": [%s], "outputs": [%s] }""".formatted(title, inputs, tasks,
                outputs);
    }

    /** A seed 000 document with these steps (a JSON array's contents). */
    private static String linear(String name, String steps) {
        return """
                { "name": "%s", "steps": [%s] }""".formatted(name, steps);
    }

    // ---- creating workflows --------------------------------------------------------------------------------

    @Test
    void malformedJsonIsReportedAtTheRoot() {
        Api.Response response = rejected("{\"name\": \"" + unique("Malformed") + "\", \"steps\": [", 400, "#");
        assertThat(response.body().get("detail").asString()).contains("not valid JSON").contains("line 1");
    }

    @Test
    void aBodyThatIsNotAnObjectIsReportedAtTheRoot() {
        for (String body : List.of("[1, 2]", "\"a workflow\"", "42", "null", "true")) {
            Api.Response response = rejected(body, 400, "#");
            assertThat(detailAt(response, "#")).as(body).isNotBlank();
        }
    }

    @Test
    void anEmptyBodyIsReportedAtTheRoot() {
        List<String> before = workflowIds();
        Api.Response response = api().post("/workflows", null);
        assertProblem(response, 400);
        assertThat(pointers(response)).containsExactly("#");
        assertThat(workflowIds()).isEqualTo(before);
    }

    @Test
    void aMissingOrBlankNameIsReported() {
        rejected("{ \"steps\": [ { \"type\": \"Echo\" } ] }", 400, "#/name");
        rejected("{ \"name\": \"  \", \"steps\": [ { \"type\": \"Echo\" } ] }", 400, "#/name");
        rejected("{ \"name\": null, \"steps\": [ { \"type\": \"Echo\" } ] }", 400, "#/name");
        // Seed 001 documents are named by their title.
        rejected("""
                { "tasks": [ { "name": "a", "type": "Echo", "inputs": { "text": "x" } } ] }""", 400, "#/title");
    }

    @Test
    void aWorkflowWithoutStepsOrTasksIsReportedAtTheRoot() {
        String name = unique("No steps");
        rejectedNamed(name, "{ \"name\": \"" + name + "\" }", "#");
        rejectedNamed(name, "{ \"title\": \"" + name + "\", \"inputs\": [] }", "#");
    }

    @Test
    void aWorkflowWithBothStepsAndTasksIsReportedAtTheRoot() {
        String name = unique("Both");
        Api.Response response = rejectedNamed(name, """
                { "name": "%s", "steps": [ { "type": "Echo" } ],
                  "tasks": [ { "name": "a", "type": "Echo", "inputs": { "text": "x" } } ] }""".formatted(name), "#");
        assertThat(detailAt(response, "#")).contains("not both");
    }

    @Test
    void emptyStepsOrTasksAreReported() {
        String name = unique("Empty");
        rejectedNamed(name, "{ \"name\": \"" + name + "\", \"steps\": [] }", "#/steps");
        rejectedNamed(name, "{ \"title\": \"" + name + "\", \"tasks\": [] }", "#/tasks");
    }

    @Test
    void mistypedFieldsAreEachReported() {
        rejected("{ \"name\": 5, \"steps\": { \"type\": \"Echo\" } }", 400, "#/name", "#/steps");
        String title = unique("Mistyped");
        rejectedNamed(title, """
                { "title": "%s", "description": 7, "inputs": { "text": "text" }, "tasks": "none", "outputs": 3 }"""
                .formatted(title), "#/description", "#/inputs", "#/tasks", "#/outputs");
        String name = unique("Mistyped steps");
        rejectedNamed(name, linear(name, "\"Echo\", { \"type\": 5 }"), "#/steps/0", "#/steps/1/type");
        rejectedNamed(title, graph(title, "\"text\"", """
                { "name": "a", "type": "Echo", "inputs": [ "x" ], "retry": 3, "timeout_seconds": "long" }""", ""),
                "#/inputs/0", "#/tasks/0/inputs", "#/tasks/0/retry", "#/tasks/0/timeout_seconds");
    }

    @Test
    void unknownFieldsAreReportedWhereverTheyAre() {
        String name = unique("Unknown fields");
        rejectedNamed(name, """
                { "name": "%s", "colour": "blue", "steps": [ { "type": "Echo", "speed": 3 } ] }""".formatted(name),
                "#/colour", "#/steps/0/speed");
        rejectedNamed(name, graph(name, """
                { "name": "text", "type": "text", "secret": true }""", """
                { "name": "a", "type": "Echo", "inputs": { "text": "{{inputs.text}}" }, "when": "always" }""", """
                { "name": "out", "value": "{{tasks.a.outputs.text}}", "format": "mp3" }"""),
                "#/inputs/0/secret", "#/tasks/0/when", "#/outputs/0/format");
        // A seed 000 field in a seed 001 document is unknown there too.
        rejectedNamed(name, """
                { "title": "%s", "steps": null, "tasks": [ { "name": "a", "type": "Echo", "input": "x" } ] }"""
                .formatted(name), "#");
    }

    @Test
    void anUnknownTaskTypeIsReportedAtItsType() {
        String name = unique("Unknown type");
        Api.Response linear = rejectedNamed(name, linear(name, """
                { "type": "StaticTextInput", "input": "x" }, { "type": "TextOperation.Shuffle" }"""), "#/steps/1/type");
        assertThat(detailAt(linear, "#/steps/1/type")).contains("unknown task type 'TextOperation.Shuffle'");
        Api.Response graph = rejectedNamed(name, graph(name, "", """
                { "name": "speak", "type": "openai.audio.shout", "inputs": { "text": "hi" } }""", ""),
                "#/tasks/0/type");
        assertThat(detailAt(graph, "#/tasks/0/type")).contains("unknown task type 'openai.audio.shout'");
    }

    @Test
    void duplicateTaskAndInputNamesAreReportedAtTheSecondOne() {
        String name = unique("Duplicates");
        Api.Response response = rejectedNamed(name, graph(name, """
                { "name": "text", "type": "text" }, { "name": "text", "type": "text" }""", """
                { "name": "a", "type": "Echo", "inputs": { "text": "{{inputs.text}}" } },
                { "name": "a", "type": "TextOperation.Reverse", "inputs": { "text": "x" } }""", ""),
                "#/inputs/1/name", "#/tasks/1/name");
        assertThat(detailAt(response, "#/tasks/1/name")).contains("'a'");
    }

    @Test
    void badTaskNamesAreReported() {
        String name = unique("Bad task name");
        rejectedNamed(name, graph(name, "", """
                { "name": "two words", "type": "Echo", "inputs": { "text": "x" } },
                { "name": "a-b", "type": "Echo", "inputs": { "text": "x" } }""", ""), "#/tasks/0/name", "#/tasks/1/name");
        // A missing name is a structural problem, found before the graph is checked (so alone here).
        rejectedNamed(name, graph(name, "", """
                { "name": "two words", "type": "Echo", "inputs": { "text": "x" } },
                { "type": "Echo", "inputs": { "text": "x" } }""", ""), "#/tasks/1/name");
        rejectedNamed(name, linear(name, "{ \"name\": \"1st\", \"type\": \"Echo\" }"), "#/steps/0/name");
        rejectedNamed(name, linear(name, """
                { "name": "my-step", "type": "StaticTextInput", "input": "x" }, { "type": "Echo" }"""),
                "#/steps/0/name");
    }

    @Test
    void aStepThatCannotTakeThePreviousStepsOutputIsReportedAtThatStep() {
        String name = unique("Length then reverse");
        Api.Response response = rejectedNamed(name, linear(name, """
                { "type": "TextOperation.Length" }, { "type": "TextOperation.Reverse" }"""), "#/steps/1");
        assertThat(detailAt(response, "#/steps/1")).contains("text").contains("integer");
    }

    @Test
    void onlyTheFirstStepTakesItsInputFromTheDocument() {
        String name = unique("Second input");
        rejectedNamed(name, linear(name, """
                { "type": "StaticTextInput", "input": "x" }, { "type": "TextOperation.Reverse", "input": "y" }"""),
                "#/steps/1/input");
    }

    @Test
    void aTemplateReferencingAnUndeclaredInputIsReportedWhereItIs() {
        String name = unique("Undeclared input");
        Api.Response response = rejectedNamed(name, graph(name, "{ \"name\": \"url\", \"type\": \"text\" }", """
                { "name": "a", "type": "TextOperation.Concat", "inputs": { "text": "{{inputs.url}}",
                  "with": "{{ inputs.webpage_url }}" } }""", ""), "#/tasks/0/inputs/with");
        assertThat(detailAt(response, "#/tasks/0/inputs/with")).contains("'webpage_url'");
    }

    @Test
    void aTemplateReferencingAnUnknownTaskIsReportedWhereItIs() {
        String name = unique("Unknown task");
        rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "Echo", "inputs": { "text": "{{tasks.download.outputs.text}}" } }""", """
                { "name": "out", "value": "{{tasks.nowhere.outputs.text}}" }"""),
                "#/tasks/0/inputs/text", "#/outputs/0/value");
    }

    @Test
    void anOutputTheTaskTypeDoesNotDeclareIsReportedWhereItIsUsed() {
        String name = unique("Unknown output");
        Api.Response response = rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "Echo", "inputs": { "text": "x" } },
                { "name": "b", "type": "Echo", "inputs": { "text": "{{tasks.a.outputs.nope}}" } }""", """
                { "name": "out", "value": "{{tasks.b.outputs.audio}}" }"""),
                "#/tasks/1/inputs/text", "#/outputs/0/value");
        assertThat(detailAt(response, "#/tasks/1/inputs/text")).contains("'nope'");
    }

    @Test
    void anInputTheTaskTypeDoesNotHaveOrAMissingRequiredOneIsReported() {
        String name = unique("Task inputs");
        rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "TextOperation.Reverse", "inputs": { "text": "x", "voice": "alloy" } },
                { "name": "b", "type": "TextOperation.Concat", "inputs": { "text": "x" } }""", ""),
                "#/tasks/0/inputs/voice", "#/tasks/1/inputs");
    }

    @Test
    void templateSyntaxErrorsAreReportedWhereTheyAre() {
        String name = unique("Syntax");
        Api.Response response = rejectedNamed(name, graph(name, "{ \"name\": \"t\", \"type\": \"text\" }", """
                { "name": "a", "type": "Echo", "inputs": { "text": "{{ inputs. }}" } },
                { "name": "b", "type": "Echo", "inputs": { "text": "{{ inputs.t " } }""", """
                { "name": "out", "value": "{{ $uppercase( }}" }"""),
                "#/tasks/0/inputs/text", "#/tasks/1/inputs/text", "#/outputs/0/value");
        assertThat(detailAt(response, "#/tasks/1/inputs/text")).contains("closing");
    }

    @Test
    void aTemplateReadingWhatTheContextCannotHaveIsReportedWhereItIsAndTheFixedOneRuns() {
        String name = unique("Wrong roots");
        String document = graph(name, "{ \"name\": \"u\", \"type\": \"text\" }", """
                { "name": "greet", "type": "Echo", "inputs": { "text": "Hi {{input.u}}!" } },
                { "name": "again", "type": "Echo", "inputs": { "text": "{{ tasks.greet.output.text }}" } }""", """
                { "name": "out", "value": "{{ u }}" }""");
        Api.Response response = rejectedNamed(name, document, "#/tasks/0/inputs/text", "#/tasks/1/inputs/text",
                "#/outputs/0/value");
        assertThat(detailAt(response, "#/tasks/0/inputs/text")).isEqualTo("template reads 'input', which does not"
                + " exist (did you mean 'inputs'?); a template can read inputs, tasks, workflow, execution, secrets");
        assertThat(detailAt(response, "#/tasks/1/inputs/text")).contains("tasks.greet.output")
                .contains("(did you mean 'outputs'?)");
        assertThat(detailAt(response, "#/outputs/0/value")).contains("(did you mean 'inputs.u'?)")
                .contains("a workflow output can read inputs, tasks, workflow, execution");

        String fixed = document.replace("{{input.u}}", "{{inputs.u}}").replace(".output.", ".outputs.")
                .replace("{{ u }}", "{{ tasks.again.outputs.text }}");
        String workflowId = api().createWorkflow(fixed);
        JsonNode execution = api().awaitFinished(workflowId,
                api().startExecution(workflowId, "{ \"inputs\": { \"u\": \"Ada\" } }"));
        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        assertThat(execution.get("outputs").get("out").asString()).isEqualTo("Hi Ada!");
    }

    @Test
    void aLinearStepsTemplateReadingARootThatDoesNotExistIsReportedAtItsInput() {
        String name = unique("Linear wrong root");
        Api.Response response = rejectedNamed(name, linear(name, """
                { "type": "StaticTextInput", "input": "Hi" },
                { "type": "TextOperation.Concat", "input": { "with": "{{ inputs.text }} and {{ input.text }}" } }"""),
                "#/steps/1/input/with");
        assertThat(detailAt(response, "#/steps/1/input/with")).startsWith("template reads 'input', which does not"
                + " exist (did you mean 'inputs'?)");
    }

    @Test
    void literalInputsThatTheirTaskTypeWouldRefuseAreReportedWhereTheyAre() {
        String name = unique("Literal inputs");
        Api.Response response = rejectedNamed(name, graph(name, "", """
                { "name": "sum", "type": "json.transform", "inputs": { "data": [1, 2], "expression": "$sum($" } },
                { "name": "speak", "type": "openai.audio.tts", "inputs": { "text": "hi", "format": "ogg" } },
                { "name": "call", "type": "http.request", "inputs": { "url": "https://example.test", "method": 7 } },
                { "name": "fine", "type": "json.transform",
                  "inputs": { "data": "{{ tasks.sum.outputs.result }}", "expression": "$ * price.rate" } }""", ""),
                "#/tasks/0/inputs/expression", "#/tasks/1/inputs/format", "#/tasks/2/inputs/method");
        assertThat(detailAt(response, "#/tasks/0/inputs/expression"))
                .startsWith("input 'expression' is not valid JSONata: ").contains("position");
        assertThat(detailAt(response, "#/tasks/1/inputs/format"))
                .isEqualTo("input 'format' must be one of mp3, opus, aac, flac, wav or pcm, got 'ogg'");
        assertThat(detailAt(response, "#/tasks/2/inputs/method")).isEqualTo("input 'method' must be text, got integer");

        String linearName = unique("Linear literal inputs");
        rejectedNamed(linearName, linear(linearName, """
                { "type": "StaticTextInput", "input": "x" },
                { "type": "TextOperation.Replace", "input": { "search": "a(b", "regex": true } }"""),
                "#/steps/1/input/search");
    }

    @Test
    void aCycleIsReported() {
        String name = unique("Cycle");
        Api.Response response = rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "Echo", "inputs": { "text": "{{tasks.b.outputs.text}}" } },
                { "name": "b", "type": "Echo", "inputs": { "text": "{{tasks.a.outputs.text}}" } }""", ""), "#/tasks/0");
        assertThat(detailAt(response, "#/tasks/0")).contains("cycle").contains("a -> b -> a");
    }

    @Test
    void aTaskReferencingItsOwnOutputIsReported() {
        String name = unique("Self");
        rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "Echo", "inputs": { "text": "{{tasks.a.outputs.text}}" } }""", ""),
                "#/tasks/0/inputs/text");
    }

    @Test
    void anUnknownPortTypeIsReported() {
        String name = unique("Port type");
        Api.Response response = rejectedNamed(name, graph(name, """
                { "name": "clip", "type": "audio" }""", """
                { "name": "a", "type": "Echo", "inputs": { "text": "{{inputs.clip}}" } }""", """
                { "name": "out", "type": "video", "value": "{{tasks.a.outputs.text}}" }"""),
                "#/inputs/0/type", "#/outputs/0/type");
        assertThat(detailAt(response, "#/inputs/0/type")).contains("'audio'");
    }

    @Test
    void typesThatCannotFitAreReported() {
        String name = unique("Types");
        rejectedNamed(name, graph(name, """
                { "name": "n", "type": "integer" }, { "name": "flag", "type": "boolean", "default": "yes" }""", """
                { "name": "a", "type": "TextOperation.Reverse", "inputs": { "text": "{{inputs.n}}" } },
                { "name": "b", "type": "TextOperation.Length", "inputs": { "text": "x" } }""", """
                { "name": "count", "type": "text", "value": "{{tasks.b.outputs.length}}" }"""),
                "#/inputs/1/default", "#/tasks/0/inputs/text", "#/outputs/0/value");
    }

    @Test
    void badRetrySettingsAreReported() {
        String name = unique("Retry");
        rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "Echo", "inputs": { "text": "x" },
                  "retry": { "max_retries": 99, "backoff": 0.5, "jitter": true }, "timeout_seconds": 0 }""", """
                { "name": "out" }"""),
                "#/tasks/0/retry/max_retries", "#/tasks/0/retry/backoff", "#/tasks/0/retry/jitter",
                "#/tasks/0/timeout_seconds", "#/outputs/0/value");
    }

    @Test
    void badStepConfigIsReportedAtEachFieldWithItsRange() {
        String name = unique("Step config");
        Api.Response response = rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "Echo", "inputs": { "text": "x" },
                  "config": { "retries": { "limit": 21, "delay": "soon", "backoff": "fibonacci", "jitter": true },
                              "timeout": 0, "sensitive": "output" } },
                { "name": "b", "type": "Echo", "inputs": { "text": "x" },
                  "config": { "retries": { "delay": "2 hours" }, "timeout": "2 days" } },
                { "name": "c", "type": "Echo", "inputs": { "text": "x" },
                  "config": { "retries": { "limit": 20, "delay": "1 hour" } } },
                { "name": "d", "type": "Echo", "inputs": { "text": "x" }, "config": [] }""", ""),
                "#/tasks/0/config/retries/limit", "#/tasks/0/config/retries/delay",
                "#/tasks/0/config/retries/backoff", "#/tasks/0/config/retries/jitter", "#/tasks/0/config/timeout",
                "#/tasks/0/config/sensitive", "#/tasks/1/config/retries/limit", "#/tasks/1/config/retries/delay",
                "#/tasks/1/config/timeout", "#/tasks/2/config/retries", "#/tasks/3/config");

        assertThat(detailAt(response, "#/tasks/0/config/retries/limit")).isEqualTo("must be a whole number from 0"
                + " to 20");
        assertThat(detailAt(response, "#/tasks/0/config/retries/delay")).endsWith("got 'soon'; from 0 to an hour");
        assertThat(detailAt(response, "#/tasks/0/config/timeout"))
                .isEqualTo("must be more than 0 and at most a day, got 0");
        assertThat(detailAt(response, "#/tasks/0/config/sensitive")).contains("known fields are retries, timeout");
        assertThat(detailAt(response, "#/tasks/1/config/retries/delay"))
                .isEqualTo("must be from 0 to an hour, got '2 hours'");
        assertThat(detailAt(response, "#/tasks/2/config/retries")).contains("longer than a day");
    }

    @Test
    void aTaskGivingItsRetriesOrTimeoutInBothFormsIsReportedAtTheCloudflareOne() {
        String name = unique("Both forms");
        Api.Response response = rejectedNamed(name, graph(name, "", """
                { "name": "a", "type": "Echo", "inputs": { "text": "x" }, "retry": { "max_retries": 1 },
                  "timeout_seconds": 5, "config": { "retries": { "limit": 1, "delay": 100 }, "timeout": 5000 } }""",
                ""), "#/tasks/0/config/retries", "#/tasks/0/config/timeout");

        assertThat(detailAt(response, "#/tasks/0/config/retries"))
                .isEqualTo("give either retry or config.retries, not both");
        assertThat(detailAt(response, "#/tasks/0/config/timeout"))
                .isEqualTo("give either timeout_seconds or config.timeout, not both");
        String linear = unique("Both forms");
        rejectedNamed(linear, """
                { "name": "%s", "steps": [ { "type": "StaticTextInput", "input": "x", "timeout_seconds": 5,
                  "config": { "timeout": "5 seconds", "retries": { "limit": -1, "delay": 0 } } } ] }"""
                .formatted(linear), "#/steps/0/config/timeout", "#/steps/0/config/retries/limit");
    }

    @Test
    void everyProblemOfADocumentIsListedAtOnce() {
        String name = unique("Many problems");
        Api.Response response = rejectedNamed(name, graph(name, "{ \"name\": \"url\", \"type\": \"text\" }", """
                { "name": "speak", "type": "openai.audio.shout", "inputs": { "text": "{{inputs.url}}" } },
                { "name": "b", "type": "Echo", "inputs": { "text": "{{inputs.page}}" } },
                { "name": "c", "type": "Echo", "inputs": { "text": "{{tasks.b.outputs.nope}}" } },
                { "name": "c", "type": "Echo", "inputs": { "text": "{{ 1 + }}" } }""", """
                { "name": "out", "value": "{{tasks.missing.outputs.text}}" }"""),
                "#/tasks/0/type", "#/tasks/1/inputs/text", "#/tasks/2/inputs/text", "#/tasks/3/name",
                "#/outputs/0/value");
        assertThat(response.body().get("detail").asString()).isEqualTo("the request has 5 problems");

        String linearName = unique("Many structural problems");
        rejectedNamed(linearName, """
                { "name": "%s", "description": false, "settings": { "max_retries": -1 },
                  "steps": [ 7, { "type": "Echo", "extra": 1 }, { } ] }""".formatted(linearName),
                "#/description", "#/settings/max_retries", "#/steps/0", "#/steps/1/extra", "#/steps/2/type");
    }

    @Test
    void aBodyOverOneMebibyteIs413WithOrWithoutContentLength() {
        String name = unique("Huge");
        String huge = """
                { "name": "%s", "description": "%s", "steps": [ { "type": "Echo" } ] }"""
                .formatted(name, "x".repeat(1536 * 1024));
        List<String> before = workflowIds();

        Api.Response sized = api().post("/workflows", huge);
        assertProblem(sized, 413);

        Api.Response chunked = postChunked("/workflows", huge);
        assertProblem(chunked, 413);

        assertThat(workflowIds()).isEqualTo(before);
        assertThat(api().workflowNames()).doesNotContain(name);
    }

    @Test
    void aBodyJustUnderTheLimitIsAccepted() {
        String name = unique("Large");
        String prefix = "{ \"name\": \"" + name + "\", \"steps\": [ { \"type\": \"Echo\" } ], \"description\": \"";
        String body = prefix + "x".repeat(1024 * 1024 - prefix.length() - 2) + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024);

        assertThat(postChunked("/workflows", body).status()).isEqualTo(201);
    }

    @Test
    void replacingAWorkflowThatDoesNotExistIsNotFoundWhateverTheBody() {
        assertProblem(api().put("/workflows/wf-01m81c5m0qwmr55zznwwx82nkg", "{ \"name\": "), 404);
    }

    @Test
    void aRejectedReplacementChangesNothing() {
        String name = unique("Replaced badly");
        String original = linear(name, "{ \"type\": \"StaticTextInput\", \"input\": \"abc\" }, "
                + "{ \"type\": \"TextOperation.Reverse\" }");
        String workflowId = api().createWorkflow(original);
        String path = "/workflows/" + workflowId;

        Api.Response unknownType = api().put(path, linear(name, "{ \"type\": \"Nope\" }"));
        assertProblem(unknownType, 400);
        assertThat(pointers(unknownType)).containsExactly("#/steps/0/type");
        assertProblem(api().put(path, "{ \"name\": "), 400);
        assertProblem(api().put(path, "[]"), 400);
        assertProblem(api().put(path, linear(name, "{ \"type\": \"TextOperation.Length\" }, "
                + "{ \"type\": \"TextOperation.Reverse\" }")), 400);
        assertProblem(api().put(path, linear(name, "{ \"type\": \"Echo\", \"input\": \""
                + "x".repeat(1536 * 1024) + "\" }")), 413);

        JsonNode stored = api().get(path).body();
        assertThat(stored.get("version").asInt()).isEqualTo(1);
        Json.parse(original).properties().forEach(field ->
                assertThat(stored.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
        JsonNode execution = api().awaitFinished(workflowId,
                api().post(path + "/execute", null).body().get("execution_id").asString());
        assertThat(execution.get("workflow_version").asInt()).isEqualTo(1);
        assertThat(execution.get("outputs").get("text").asString()).isEqualTo("cba");
    }

    private Api.Response postChunked(String path, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return api().send(api().request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }

    // ---- starting executions -------------------------------------------------------------------------------

    /** A seed 001 workflow with a required text input {@code webpage_url} and an optional integer {@code depth}. */
    private String graphWorkflow() {
        return api().createWorkflow(graph(unique("Inputs"), """
                { "name": "webpage_url", "type": "text" }, { "name": "depth", "type": "integer", "default": 1 }""", """
                { "name": "a", "type": "TextOperation.Uppercase", "inputs": { "text": "{{inputs.webpage_url}}" } }""",
                ""));
    }

    /** A seed 000 workflow whose first step takes its text from the execution's input. */
    private String linearWorkflow() {
        return api().createWorkflow(linear(unique("Linear inputs"), "{ \"type\": \"TextOperation.Reverse\" }"));
    }

    /** Starts an execution that must be rejected with exactly these problems, and checks none was created. */
    private Api.Response rejectedStart(String workflowId, String endpoint, String body, String... expectedPointers) {
        Api.Response response = api().post("/workflows/" + workflowId + "/" + endpoint, body);
        assertProblem(response, 400);
        assertThat(pointers(response)).as(response.text()).containsExactlyInAnyOrder(expectedPointers);
        assertThat(api().get("/workflows/" + workflowId + "/executions").body().get("executions")).isEmpty();
        return response;
    }

    @Test
    void aMissingRequiredInputIsReported() {
        String graph = graphWorkflow();
        Api.Response response = rejectedStart(graph, "executions", "{ \"inputs\": { \"depth\": 2 } }",
                "#/inputs/webpage_url");
        assertThat(detailAt(response, "#/inputs/webpage_url")).isEqualTo("is required");
        rejectedStart(graph, "executions", "{ }", "#/inputs/webpage_url");
        rejectedStart(graph, "executions", null, "#/inputs/webpage_url");

        String linear = linearWorkflow();
        rejectedStart(linear, "execute", "{ \"input\": { } }", "#/input/text");
        rejectedStart(linear, "execute", null, "#/input/text");
    }

    @Test
    void anInputOfTheWrongTypeIsReported() {
        String graph = graphWorkflow();
        Api.Response response = rejectedStart(graph, "executions",
                "{ \"inputs\": { \"webpage_url\": 42, \"depth\": \"deep\" } }", "#/inputs/webpage_url",
                "#/inputs/depth");
        assertThat(detailAt(response, "#/inputs/webpage_url")).isEqualTo("must be text, got integer");
        assertThat(detailAt(response, "#/inputs/depth")).isEqualTo("must be integer, got text");

        rejectedStart(linearWorkflow(), "execute", "{ \"input\": { \"text\": [\"a\"] } }", "#/input/text");
    }

    @Test
    void anUndeclaredInputIsReported() {
        rejectedStart(graphWorkflow(), "executions", "{ \"inputs\": { \"webpage_url\": \"u\", \"x\": 1 } }",
                "#/inputs/x");
        rejectedStart(linearWorkflow(), "execute", "{ \"input\": { \"text\": \"t\", \"x\": 1 } }", "#/input/x");
    }

    @Test
    void inputsThatAreNotAnObjectAreReported() {
        String graph = graphWorkflow();
        rejectedStart(graph, "executions", "{ \"inputs\": [ \"https://example.com\" ] }", "#/inputs");
        rejectedStart(graph, "executions", "{ \"inputs\": \"https://example.com\" }", "#/inputs");
        rejectedStart(linearWorkflow(), "execute", "{ \"input\": \"Hello\" }", "#/input");
    }

    @Test
    void anUnknownFieldOfTheExecuteBodyIsReported() {
        String graph = graphWorkflow();
        rejectedStart(graph, "executions", "{ \"inputs\": { \"webpage_url\": \"u\" }, \"priority\": 1 }",
                "#/priority");
        // Seed 000's names are unknown to seed 001's endpoint, and the other way round.
        rejectedStart(graph, "executions", "{ \"input\": { \"webpage_url\": \"u\" } }", "#/input",
                "#/inputs/webpage_url");
        rejectedStart(graph, "executions", "{ \"inputs\": { \"webpage_url\": \"u\" }, \"monitoring\": "
                + "{ \"webhook\": \"http://127.0.0.1:9/hook\", \"events\": [] } }", "#/monitoring/events");
        rejectedStart(graph, "executions", "{ \"inputs\": { \"webpage_url\": \"u\" }, \"monitoring\": "
                + "\"http://127.0.0.1:9/hook\" }", "#/monitoring");
        rejectedStart(linearWorkflow(), "execute", "{ \"inputs\": { \"text\": \"t\" } }", "#/inputs", "#/input/text");
    }

    @Test
    void aMalformedOrNonObjectExecuteBodyIsReportedAtTheRoot() {
        String graph = graphWorkflow();
        rejectedStart(graph, "executions", "{ \"inputs\": ", "#");
        // Without a body object there are no inputs either, and the required one is reported as missing.
        rejectedStart(graph, "executions", "[ ]", "#", "#/inputs/webpage_url");
        rejectedStart(linearWorkflow(), "execute", "\"text\"", "#", "#/input/text");
    }

    @Test
    void anInvalidWebhookUrlIsReported() {
        String graph = graphWorkflow();
        for (String url : List.of("ftp://x", "not a url", "http://", "/relative/hook", "file:///etc/passwd")) {
            rejectedStart(graph, "executions", "{ \"inputs\": { \"webpage_url\": \"u\" }, \"monitoring\": "
                    + "{ \"webhook\": \"" + url + "\" } }", "#/monitoring/webhook");
        }
        rejectedStart(graph, "executions", "{ \"inputs\": { \"webpage_url\": \"u\" }, \"monitoring\": "
                + "{ \"webhook\": 5 } }", "#/monitoring/webhook");
        String linear = linearWorkflow();
        Api.Response response = rejectedStart(linear, "execute",
                "{ \"input\": { \"text\": \"t\" }, \"webhook_url\": \"ftp://x\" }", "#/webhook_url");
        assertThat(detailAt(response, "#/webhook_url")).contains("http");
    }

    @Test
    void everyProblemOfAnExecuteRequestIsListedAtOnce() {
        Api.Response response = rejectedStart(graphWorkflow(), "executions", """
                { "inputs": { "depth": 1.5, "extra": true }, "monitoring": { "webhook": "ftp://x" }, "wait": 1 }""",
                "#/wait", "#/monitoring/webhook", "#/inputs/webpage_url", "#/inputs/depth", "#/inputs/extra");
        assertThat(response.body().get("detail").asString()).isEqualTo("the request has 5 problems");
    }

    @Test
    void anExecuteBodyOverOneMebibyteIs413() {
        String graph = graphWorkflow();
        String huge = "{ \"inputs\": { \"webpage_url\": \"" + "x".repeat(1536 * 1024) + "\" } }";

        assertProblem(api().post("/workflows/" + graph + "/executions", huge), 413);
        assertProblem(postChunked("/workflows/" + graph + "/executions", huge), 413);
        assertThat(api().get("/workflows/" + graph + "/executions").body().get("executions")).isEmpty();
    }
}
