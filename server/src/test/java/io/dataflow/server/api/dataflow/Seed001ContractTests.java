package io.dataflow.server.api.dataflow;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 001 ("Getting Started"): the whole flow from creating a workflow with inputs, tasks and outputs to listing
 * its executions, against the real server on each database. Text operations stand in for the AI task of the
 * seed's example, whose type does not exist yet.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class Seed001ContractTests {

    @Parameter
    TestDatabase database;

    private Api api() {
        return TestServer.shared(database).api();
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }

    /**
     * The seed's download → extract → summarize flow made of text operations: "download" wraps the URL in HTML,
     * "extract" strips the tags, "summarize" upper-cases (or, with {@code summarize = "Lowercase"}, lower-cases).
     */
    private static String webpageSummary(String title, String summarize) {
        return """
                {
                  "title": "%s",
                  "description": "Summarizes a web page",
                  "inputs": [
                    { "name": "webpage_url", "type": "text", "description": "The page to summarize" }
                  ],
                  "tasks": [
                    {
                      "name": "download_webpage",
                      "type": "TextOperation.Concat",
                      "inputs": { "text": "<html><body>{{inputs.webpage_url}}", "with": "</body></html>" }
                    },
                    {
                      "name": "extract_text",
                      "type": "TextOperation.Replace",
                      "inputs": {
                        "text": "{{tasks.download_webpage.outputs.text}}",
                        "search": "<[^>]+>",
                        "regex": true
                      }
                    },
                    {
                      "name": "summarize_text",
                      "type": "TextOperation.%s",
                      "inputs": { "text": "{{tasks.extract_text.outputs.text}}" }
                    }
                  ],
                  "outputs": [
                    { "name": "summary", "type": "text", "value": "{{tasks.summarize_text.outputs.text}}" }
                  ]
                }""".formatted(title, summarize);
    }

    private static String webpageSummary(String title) {
        return webpageSummary(title, "Uppercase");
    }

    private static String inputs(String url) {
        return "{\"inputs\": {\"webpage_url\": \"" + url + "\"}}";
    }

    private static List<String> names(JsonNode tasks) {
        return tasks.valueStream().map(t -> t.get("name").asString()).toList();
    }

    private static List<String> ids(List<JsonNode> executions) {
        return executions.stream().map(e -> e.get("workflow_execution_id").asString()).toList();
    }

    @Test
    void theSeedsTextToSpeechWorkflowIsAcceptedAsWritten() {
        String title = unique("Hello World Workflow");
        Api.Response response = api().post("/workflows", """
                {
                  "title": "%s",
                  "description": "A simple text-to-speech workflow",
                  "inputs": [
                    { "name": "text", "type": "text", "description": "Text to convert to speech" }
                  ],
                  "tasks": [
                    {
                      "name": "text_to_speech",
                      "type": "openai.audio.tts",
                      "inputs": { "text": "{{inputs.text}}", "voice": "alloy" }
                    }
                  ],
                  "outputs": [
                    { "name": "audio", "type": "file", "value": "{{tasks.text_to_speech.outputs.audio}}" }
                  ]
                }""".formatted(title));

        assertThat(response.status()).isEqualTo(201);
        assertThat(api().workflowNames()).contains(title);
    }

    @Test
    void createAnswers201WithTheWorkflowId() {
        Api.Response response = api().post("/workflows", webpageSummary(unique("Summary")));

        assertThat(response.status()).isEqualTo(201);
        String id = response.body().get("workflow_id").asString();
        assertThat(id).startsWith("wf-");
        assertThat(response.header("Location")).isEqualTo("/workflows/" + id);
    }

    @Test
    void executeAnswers202WithTheExecutionAndThePinnedVersion() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Summary")));

        Api.Response response = api().post("/workflows/" + workflowId + "/executions", inputs("https://example.com"));

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.body();
        String executionId = body.get("workflow_execution_id").asString();
        assertThat(executionId).startsWith("ex-");
        assertThat(body.get("workflow_id").asString()).isEqualTo(workflowId);
        assertThat(body.get("workflow_version").asInt()).isEqualTo(1);
        assertThat(body.get("status").asString()).isEqualTo("PENDING");
        assertThat(response.header("Location")).isEqualTo("/workflows/" + workflowId + "/executions/" + executionId);
    }

    @Test
    void executionStatusShowsEachTaskByNameAndTheEvaluatedOutputs() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Summary")));
        String executionId = api().startExecution(workflowId, inputs("https://example.com"));

        JsonNode execution = api().awaitFinished(workflowId, executionId);

        assertThat(execution.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(execution.get("workflow_execution_id").asString()).isEqualTo(executionId);
        assertThat(execution.get("workflow_id").asString()).isEqualTo(workflowId);
        assertThat(execution.get("workflow_version").asInt()).isEqualTo(1);
        assertThat(execution.get("inputs")).isEqualTo(Json.parse("{\"webpage_url\": \"https://example.com\"}"));
        JsonNode tasks = execution.get("tasks");
        assertThat(names(tasks)).containsExactly("download_webpage", "extract_text", "summarize_text");
        for (JsonNode task : tasks) {
            assertThat(task.get("status").asString()).as(task.get("name").asString()).isEqualTo("COMPLETED");
        }
        assertThat(tasks.get(0).get("output").get("text").asString())
                .isEqualTo("<html><body>https://example.com</body></html>");
        assertThat(tasks.get(1).get("input").get("text").asString())
                .isEqualTo("<html><body>https://example.com</body></html>");
        assertThat(tasks.get(1).get("output").get("text").asString()).isEqualTo("https://example.com");
        assertThat(execution.get("outputs")).isEqualTo(Json.parse("{\"summary\": \"HTTPS://EXAMPLE.COM\"}"));
        assertThat(execution.get("created_at").isNull()).isFalse();
        assertThat(execution.get("started_at").isNull()).isFalse();
        assertThat(execution.get("completed_at").isNull()).isFalse();
    }

    @Test
    void tasksRunInTheOrderTheirTemplatesImplyWhateverOrderTheyAreListedIn() {
        ObjectNode doc = (ObjectNode) Json.parse(webpageSummary(unique("Reversed listing")));
        JsonNode tasks = doc.get("tasks");
        doc.putArray("tasks").add(tasks.get(2)).add(tasks.get(1)).add(tasks.get(0));
        String workflowId = api().createWorkflow(doc.toString());

        JsonNode execution = api().awaitFinished(workflowId,
                api().startExecution(workflowId, inputs("https://example.com/a")));

        assertThat(execution.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(execution.get("outputs").get("summary").asString()).isEqualTo("HTTPS://EXAMPLE.COM/A");
        assertThat(names(execution.get("tasks"))).containsExactlyInAnyOrder("download_webpage", "extract_text",
                "summarize_text");
    }

    @Test
    void getWorkflowShowsTheDocumentAsSentWithItsIdVersionAndInputSchema() {
        String sent = webpageSummary(unique("Summary"));
        String workflowId = api().createWorkflow(sent);

        Api.Response response = api().get("/workflows/" + workflowId);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("workflow_id").asString()).isEqualTo(workflowId);
        assertThat(body.get("version").asInt()).isEqualTo(1);
        Json.parse(sent).properties().forEach(field ->
                assertThat(body.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
        JsonNode schema = body.get("input_schema");
        assertThat(schema.get("type").asString()).isEqualTo("object");
        assertThat(schema.get("properties").get("webpage_url").get("type").asString()).isEqualTo("string");
        assertThat(schema.get("properties").get("webpage_url").has("default")).isFalse();
        assertThat(schema.get("required")).isEqualTo(Json.parse("[\"webpage_url\"]"));
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
    }

    @Test
    void listWorkflowsPagesNewestFirstWithoutDuplicates() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(api().createWorkflow(webpageSummary(unique("Listed " + i))));
        }

        Api.Response first = api().get("/workflows?limit=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("workflows")).hasSize(2);
        assertThat(first.body().get("next_cursor").asString()).isNotBlank();
        JsonNode summary = first.body().get("workflows").get(0);
        assertThat(summary.get("workflow_id").asString()).startsWith("wf-");
        assertThat(summary.has("name")).isTrue();
        assertThat(summary.has("version")).isTrue();
        assertThat(summary.has("created_at")).isTrue();

        List<String> all = api().listAll("/workflows", "workflows", 2).stream()
                .map(w -> w.get("workflow_id").asString()).toList();
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.stream().filter(created::contains)).containsExactly(created.get(2), created.get(1),
                created.get(0));
        assertThat(all).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void listWorkflowsRejectsABadCursorOrLimit() {
        for (String query : List.of("cursor=not-a-cursor", "cursor=%25%25", "limit=0", "limit=101", "limit=two")) {
            Api.Response response = api().get("/workflows?" + query);
            assertProblem(response, 400);
            assertThat(parameters(response)).as(query).containsExactly(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void changingTheDefinitionMakesVersion2WhileEarlierExecutionsKeepVersion1() {
        String title = unique("Versioned");
        String workflowId = api().createWorkflow(webpageSummary(title, "Uppercase"));
        String before = api().startExecution(workflowId, inputs("https://example.com/V"));

        Api.Response replaced = api().put("/workflows/" + workflowId, webpageSummary(title, "Lowercase"));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("version").asInt()).isEqualTo(2);
        assertThat(replaced.body().get("tasks").get(2).get("type").asString()).isEqualTo("TextOperation.Lowercase");
        assertThat(api().get("/workflows/" + workflowId).body().get("version").asInt()).isEqualTo(2);
        Api.Response after = api().post("/workflows/" + workflowId + "/executions", inputs("https://example.com/V"));
        assertThat(after.body().get("workflow_version").asInt()).isEqualTo(2);

        JsonNode first = api().awaitFinished(workflowId, before);
        assertThat(first.get("workflow_version").asInt()).isEqualTo(1);
        assertThat(first.get("outputs").get("summary").asString()).isEqualTo("HTTPS://EXAMPLE.COM/V");
        assertThat(first.get("tasks").get(2).get("type").asString()).isEqualTo("TextOperation.Uppercase");
        JsonNode second = api().awaitFinished(workflowId, after.body().get("workflow_execution_id").asString());
        assertThat(second.get("workflow_version").asInt()).isEqualTo(2);
        assertThat(second.get("outputs").get("summary").asString()).isEqualTo("https://example.com/v");

        List<JsonNode> listed = api().listAll("/workflows/" + workflowId + "/executions", "executions", 20);
        assertThat(listed.stream().map(e -> e.get("workflow_version").asInt())).containsExactly(2, 1);
    }

    @Test
    void aStartAfterAnEditIsCheckedAgainstTheNewVersionsInputs() {
        String title = unique("Reinputs");
        String first = """
                {"title": "%s", "inputs": [{"name": "text", "type": "text"}],
                 "tasks": [{"name": "up", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ inputs.text }}"}}],
                 "outputs": [{"name": "result", "type": "text", "value": "{{ tasks.up.outputs.text }}"}]}""";
        String workflowId = api().createWorkflow(first.formatted(title));
        api().startExecution(workflowId, "{\"inputs\": {\"text\": \"v1\"}}");

        String second = first.replace("\"name\": \"text\"", "\"name\": \"words\"").replace("inputs.text", "inputs.words");
        assertThat(api().put("/workflows/" + workflowId, second.formatted(title)).status()).isEqualTo(200);
        Api.Response started = api().post("/workflows/" + workflowId + "/executions", "{\"inputs\": {\"words\": \"v2\"}}");

        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.body().get("workflow_version").asInt()).isEqualTo(2);
        JsonNode done = api().awaitFinished(workflowId, started.body().get("workflow_execution_id").asString());
        assertThat(done.get("outputs").get("result").asString()).isEqualTo("V2");
        Api.Response old = api().post("/workflows/" + workflowId + "/executions", "{\"inputs\": {\"text\": \"v1\"}}");
        assertProblem(old, 400);
    }

    @Test
    void replacingWithTheSameDefinitionKeepsTheVersion() {
        String doc = webpageSummary(unique("Unchanged"));
        String workflowId = api().createWorkflow(doc);

        Api.Response replaced = api().put("/workflows/" + workflowId, doc);

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void listExecutionsFiltersByStatus() {
        String workflowId = api().createWorkflow("""
                {
                  "title": "%s",
                  "inputs": [ { "name": "pattern", "type": "text" } ],
                  "tasks": [
                    {
                      "name": "replace",
                      "type": "TextOperation.Replace",
                      "retry": { "max_retries": 0 },
                      "inputs": { "text": "abc", "search": "{{inputs.pattern}}", "regex": true }
                    }
                  ]
                }""".formatted(unique("Filtered")));
        String ok1 = api().startExecution(workflowId, "{\"inputs\": {\"pattern\": \"b\"}}");
        String failed = api().startExecution(workflowId, "{\"inputs\": {\"pattern\": \"(\"}}");
        String ok2 = api().startExecution(workflowId, "{\"inputs\": {\"pattern\": \"c\"}}");
        for (String id : List.of(ok1, failed, ok2)) {
            api().awaitFinished(workflowId, id);
        }
        String path = "/workflows/" + workflowId + "/executions";

        Api.Response completed = api().get(path + "?status=COMPLETED");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(ids(completed.body().get("executions").valueStream().toList())).containsExactly(ok2, ok1);
        completed.body().get("executions").forEach(e ->
                assertThat(e.get("status").asString()).isEqualTo("COMPLETED"));
        assertThat(ids(api().get(path + "?status=FAILED").body().get("executions").valueStream().toList()))
                .containsExactly(failed);
        assertThat(ids(api().get(path + "?status=RUNNING").body().get("executions").valueStream().toList()))
                .isEmpty();
        assertThat(ids(api().get(path + "?status=COMPLETED,FAILED").body().get("executions").valueStream()
                .toList())).containsExactly(ok2, failed, ok1);
        assertThat(ids(api().get(path).body().get("executions").valueStream().toList()))
                .containsExactly(ok2, failed, ok1);

        Api.Response unknown = api().get(path + "?status=FINISHED");
        assertProblem(unknown, 400);
        assertThat(parameters(unknown)).containsExactly("status");
    }

    @Test
    void listExecutionsPagesNewestFirstByCursor() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Paged")));
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            started.add(api().startExecution(workflowId, inputs("https://example.com/" + i)));
        }
        String path = "/workflows/" + workflowId + "/executions";

        Api.Response first = api().get(path + "?limit=2");
        assertThat(first.body().get("executions")).hasSize(2);
        List<String> seen = new ArrayList<>(ids(first.body().get("executions").valueStream().toList()));
        String cursor = first.body().get("next_cursor").asString();
        while (cursor != null) {
            JsonNode page = api().get(path + "?limit=2&cursor=" + cursor).body();
            assertThat(page.get("executions").size()).isBetween(1, 2);
            seen.addAll(ids(page.get("executions").valueStream().toList()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asString();
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(started.reversed());
        for (String query : List.of("cursor=bm9wZQ", "cursor=***", "limit=0", "limit=101", "limit=-1")) {
            Api.Response bad = api().get(path + "?" + query);
            assertProblem(bad, 400);
            assertThat(parameters(bad)).as(query).containsExactly(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void monitoringWebhookIsAccepted() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Monitored")));

        Api.Response response = api().post("/workflows/" + workflowId + "/executions", """
                {
                  "inputs": { "webpage_url": "https://example.com" },
                  "monitoring": { "webhook": "http://127.0.0.1:9/webhook" }
                }""");

        assertThat(response.status()).isEqualTo(202);
        JsonNode execution = api().awaitFinished(workflowId, response.body().get("workflow_execution_id").asString());
        assertThat(execution.get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void seedsLiteralWebhookExampleIsAccepted() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Seed webhook")));

        Api.Response response = api().post("/workflows/" + workflowId + "/executions", """
                {
                  "inputs": { "webpage_url": "https://example.com" },
                  "monitoring": { "webhook": "https://example.com/webhook" }
                }""");

        // The host does not resolve on an offline machine; it is checked again when events are sent.
        assertThat(response.status()).isEqualTo(202);
    }

    @Test
    void deletedWorkflowIsGoneAndItsNameIsFree() {
        String title = unique("Deleted");
        String workflowId = api().createWorkflow(webpageSummary(title));
        String executionId = api().startExecution(workflowId, inputs("https://example.com"));
        api().awaitFinished(workflowId, executionId);

        Api.Response deleted = api().delete("/workflows/" + workflowId);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.text()).isEmpty();
        assertProblem(api().get("/workflows/" + workflowId), 404);
        assertProblem(api().get("/workflows/" + workflowId + "/executions"), 404);
        assertProblem(api().get("/workflows/" + workflowId + "/executions/" + executionId), 404);
        assertProblem(api().post("/workflows/" + workflowId + "/executions", inputs("https://example.com")), 404);
        assertProblem(api().put("/workflows/" + workflowId, webpageSummary(title)), 404);
        assertProblem(api().delete("/workflows/" + workflowId), 404);
        assertThat(api().workflowNames()).doesNotContain(title);

        String again = api().createWorkflow(webpageSummary(title));
        assertThat(again).isNotEqualTo(workflowId);
        assertThat(api().workflowNames()).containsOnlyOnce(title);
    }

    @Test
    void aSecondWorkflowWithATakenNameIs409() {
        String title = unique("Taken");
        api().createWorkflow(webpageSummary(title));

        Api.Response response = api().post("/workflows", webpageSummary(title));

        assertProblem(response, 409);
        assertThat(api().workflowNames()).containsOnlyOnce(title);
    }

    @Test
    void aTemplateThatIsOnlyAReferenceKeepsTheJsonType() {
        String workflowId = api().createWorkflow("""
                {
                  "title": "%s",
                  "inputs": [ { "name": "n", "type": "integer" }, { "name": "word", "type": "text" } ],
                  "tasks": [
                    { "name": "echo", "type": "Echo", "inputs": { "text": "{{ inputs.n }}" } },
                    { "name": "length", "type": "TextOperation.Length", "inputs": { "text": "{{inputs.word}}" } }
                  ],
                  "outputs": [
                    { "name": "n", "type": "integer", "value": "{{ inputs.n }}" },
                    { "name": "echoed", "type": "number", "value": "{{tasks.echo.outputs.text}}" },
                    { "name": "length", "type": "integer", "value": "{{tasks.length.outputs.length}}" },
                    { "name": "sum", "type": "number", "value": "{{ inputs.n + tasks.length.outputs.length }}" },
                    { "name": "sentence", "type": "text", "value": "n is {{ inputs.n }}" }
                  ]
                }""".formatted(unique("Typed")));

        JsonNode execution = api().awaitFinished(workflowId,
                api().startExecution(workflowId, "{\"inputs\": {\"n\": 41, \"word\": \"four\"}}"));

        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        JsonNode outputs = execution.get("outputs");
        assertThat(outputs.get("n").isIntegralNumber()).as(outputs.toString()).isTrue();
        assertThat(outputs.get("n").asInt()).isEqualTo(41);
        assertThat(outputs.get("echoed").isIntegralNumber()).isTrue();
        assertThat(outputs.get("echoed").asInt()).isEqualTo(41);
        assertThat(outputs.get("length").isIntegralNumber()).isTrue();
        assertThat(outputs.get("length").asInt()).isEqualTo(4);
        assertThat(outputs.get("sum").isNumber()).isTrue();
        assertThat(outputs.get("sum").asInt()).isEqualTo(45);
        assertThat(outputs.get("sentence").asString()).isEqualTo("n is 41");
        assertThat(execution.get("tasks").get(0).get("input").get("text").isIntegralNumber()).isTrue();
    }

    @Test
    void aFailingTaskFailsTheExecutionNamingItAndCancelsTheTasksThatNeedIt() {
        // The pattern comes from the execution's input: a literal one that does not compile is refused at creation.
        String workflowId = api().createWorkflow("""
                {
                  "title": "%s",
                  "inputs": [ { "name": "pattern", "type": "text" } ],
                  "tasks": [
                    {
                      "name": "bad_pattern",
                      "type": "TextOperation.Replace",
                      "retry": { "max_retries": 0 },
                      "inputs": { "text": "abc", "search": "{{ inputs.pattern }}", "regex": true }
                    },
                    {
                      "name": "reverse",
                      "type": "TextOperation.Reverse",
                      "inputs": { "text": "{{tasks.bad_pattern.outputs.text}}" }
                    },
                    {
                      "name": "shout",
                      "type": "TextOperation.Uppercase",
                      "inputs": { "text": "{{tasks.reverse.outputs.text}}" }
                    }
                  ],
                  "outputs": [ { "name": "result", "type": "text", "value": "{{tasks.shout.outputs.text}}" } ]
                }""".formatted(unique("Failing")));
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"pattern\": \"(unclosed\"}}");

        JsonNode execution = api().awaitFinished(workflowId, executionId);

        assertThat(execution.get("status").asString()).isEqualTo("FAILED");
        assertThat(execution.get("error").get("task").asString()).isEqualTo("bad_pattern");
        assertThat(execution.get("error").get("message").asString()).contains("regular expression");
        assertThat(execution.get("outputs").isNull()).isTrue();
        JsonNode tasks = execution.get("tasks");
        assertThat(names(tasks)).containsExactly("bad_pattern", "reverse", "shout");
        assertThat(tasks.get(0).get("status").asString()).isEqualTo("FAILED");
        assertThat(tasks.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(tasks.get(0).get("error").get("message").asString()).contains("regular expression");
        assertThat(tasks.get(1).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(tasks.get(2).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(tasks.get(1).get("attempts").asInt()).isZero();

        Api.Response cancel = api().post("/workflows/" + workflowId + "/executions/" + executionId + "/cancel", null);
        assertProblem(cancel, 409);
    }

    @Test
    void cancellingAFinishedExecutionIs409AndChangesNothing() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Finished")));
        String executionId = api().startExecution(workflowId, inputs("https://example.com"));
        api().awaitFinished(workflowId, executionId);

        Api.Response response = api().post("/workflows/" + workflowId + "/executions/" + executionId + "/cancel",
                null);

        assertProblem(response, 409);
        JsonNode execution = api().get("/workflows/" + workflowId + "/executions/" + executionId).body();
        assertThat(execution.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(execution.get("outputs").get("summary").asString()).isEqualTo("HTTPS://EXAMPLE.COM");
    }

    @Test
    void deletingAFinishedExecutionErasesIt() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Erased")));
        String executionId = api().startExecution(workflowId, inputs("https://example.com"));
        String keptId = api().startExecution(workflowId, inputs("https://example.org"));
        api().awaitFinished(workflowId, executionId);
        api().awaitFinished(workflowId, keptId);
        String path = "/workflows/" + workflowId + "/executions/" + executionId;

        Api.Response deleted = api().delete(path);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertProblem(api().get(path), 404);
        assertProblem(api().delete(path), 404);
        assertThat(api().get("/workflows/" + workflowId + "/executions").body().get("executions"))
                .extracting(e -> e.get("workflow_execution_id").asString()).containsExactly(keptId);
    }

    @Test
    void deletingAnUnfinishedExecutionIs409AndKeepsIt() {
        String[] running = startRunningSlowTask();
        String path = "/workflows/" + running[0] + "/executions/" + running[1];

        Api.Response refused = api().delete(path);

        assertProblem(refused, 409);
        assertThat(refused.body().get("detail").asString())
                .isEqualTo("execution " + running[1] + " has not finished; terminate it first");
        assertThat(api().get(path).body().get("status").asString()).isEqualTo("RUNNING");
        assertThat(api().post(path + "/cancel", null).status()).isEqualTo(200);
        assertThat(api().delete(path).status()).isEqualTo(204);
    }

    @Test
    void unknownWorkflowsAndExecutionsAre404() {
        String workflowId = api().createWorkflow(webpageSummary(unique("Known")));
        String executionId = api().startExecution(workflowId, inputs("https://example.com"));
        String otherWorkflow = api().createWorkflow(webpageSummary(unique("Other")));

        assertProblem(api().get("/workflows/wf-00000000000000000000000000"), 404);
        assertProblem(api().post("/workflows/wf-00000000000000000000000000/executions", "{}"), 404);
        assertProblem(api().get("/workflows/" + workflowId + "/executions/ex-00000000000000000000000000"), 404);
        assertProblem(api().post("/workflows/" + workflowId + "/executions/ex-00000000000000000000000000/cancel",
                null), 404);
        // An execution is only found under its own workflow.
        assertProblem(api().get("/workflows/" + otherWorkflow + "/executions/" + executionId), 404);
    }

    @Test
    void bodiesAreJsonWhateverTheirContentTypeSays() {
        // curl -d sends application/x-www-form-urlencoded unless told otherwise.
        Api.Response created = api().send(api().request("/workflows")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(webpageSummary(unique("Form encoded")))));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
    }

    @Test
    void templateMayReadTheWholeInputsObject() {
        String workflowId = api().createWorkflow("""
                {"title": "%s", "inputs": [{"name": "a", "type": "text"}],
                 "tasks": [{"name": "t", "type": "Echo", "inputs": {"text": "{{ inputs }}"}}],
                 "outputs": [{"name": "all", "type": "object", "value": "{{ tasks.t.outputs.text }}"}]}"""
                .formatted(unique("Whole inputs")));

        JsonNode execution = api().awaitFinished(workflowId, api().startExecution(workflowId,
                "{\"inputs\": {\"a\": \"x\"}}"));

        assertThat(execution.get("outputs").get("all")).isEqualTo(Json.parse("{\"a\": \"x\"}"));
    }

    @Test
    void deletingAWorkflowStopsItsUnfinishedExecutions() {
        String[] running = startRunningSlowTask();
        String workflowId = running[0];
        String executionId = running[1];

        assertThat(api().delete("/workflows/" + workflowId).status()).isEqualTo(204);

        TestServer server = TestServer.shared(database);
        String organization = server.engine().apiKeys().authenticate(TestServer.ADMIN_KEY).orElseThrow()
                .organizationId();
        assertThat(server.engine().executions().find(organization, workflowId, executionId).orElseThrow()
                .execution().status()).isEqualTo(io.dataflow.engine.model.ExecutionStatus.TERMINATED);
    }

    /** A workflow whose one task takes 30 s, and an execution of it whose task is running: their ids. */
    private String[] startRunningSlowTask() {
        String workflowId = api().createWorkflow("""
                {"title": "%s", "inputs": [{"name": "text", "type": "text"}],
                 "tasks": [{"name": "slow", "type": "Test.SlowEcho", "inputs": {"text": "{{ inputs.text }}",
                            "millis": 30000}}]}""".formatted(unique("Slow")));
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"text\": \"x\"}}");
        api().awaitExecution(workflowId, executionId, java.time.Duration.ofSeconds(30),
                e -> e.get("status").asString().equals("RUNNING"));
        return new String[] {workflowId, executionId};
    }
}
