package io.dataflow.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import io.dataflow.engine.testing.LocalHttpServer;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's pipeline {@code download_webpage → extract_text → summarize_text} run by the real server: a local web
 * page is fetched, its readable text (no scripts, no styles) is summarized by a fake OpenAI, and the summary is the
 * workflow's output.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WebpageSummaryTests {

    private static final String SUMMARY = "Durable workflows survive crashes by recording every step.";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html>
            <head>
              <title>Durable Workflows Explained</title>
              <style>body { font-family: HiddenStyleFont; }</style>
              <script>var hiddenTracker = "trackEveryVisitor()";</script>
            </head>
            <body>
              <h1>Durable workflows</h1>
              <p>A durable workflow records each step in a database.</p>
              <script>document.write("hiddenInlineScript");</script>
              <p>After a crash, another node picks up where the first one stopped.</p>
              <style>.footer { color: HiddenInlineColor; }</style>
            </body>
            </html>""";

    /** The pipeline with a title of its own, each task reading its predecessor's output. */
    private static final String PIPELINE = """
            {
              "title": "Webpage Summary",
              "description": "Downloads a web page, extracts its text and summarizes it",
              "inputs": [
                { "name": "webpage_url", "type": "text", "description": "The page to summarize" }
              ],
              "tasks": [
                { "name": "download_webpage", "type": "http.request",
                  "inputs": { "url": "{{inputs.webpage_url}}", "method": "GET" } },
                { "name": "extract_text", "type": "html.extract_text",
                  "inputs": { "html": "{{tasks.download_webpage.outputs.text}}" } },
                { "name": "summarize_text", "type": "ai.summarize",
                  "inputs": { "text": "{{tasks.extract_text.outputs.text}}" } }
              ],
              "outputs": [
                { "name": "summary", "type": "text", "value": "{{tasks.summarize_text.outputs.summary}}" }
              ]
            }""";

    @Parameter
    TestDatabase database;

    private final String apiKey = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
    private final FakeOpenAi openAi = new FakeOpenAi();
    private final LocalHttpServer web = new LocalHttpServer();

    WebpageSummaryTests() throws IOException {
        openAi.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion(SUMMARY)));
        web.respond("/articles/durable", 200, "text/html; charset=utf-8", PAGE);
        web.respond("/articles/gone", 404, "text/html", "<html><body><p>Not Found</p></body></html>");
    }

    @AfterEach
    void stop() {
        openAi.close();
        web.close();
    }

    private Api organization() {
        return FakeOpenAiOrganization.create(database, openAi, apiKey);
    }

    /** Runs the pipeline on the page at {@code url} and waits until it has finished. */
    private static JsonNode run(Api api, String workflowId, String url) {
        return api.awaitFinished(workflowId, api.startExecution(workflowId,
                Json.object().set("inputs", Json.object().put("webpage_url", url)).toString()));
    }

    @Test
    void summarizesTheReadableTextOfThePage() {
        Api api = organization();
        String workflowId = api.createWorkflow(PIPELINE);

        JsonNode execution = run(api, workflowId, web.url("/articles/durable"));

        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        assertThat(execution.get("outputs").get("summary").asString()).isEqualTo(SUMMARY);
        // The execution as GET /workflows/{id}/executions/{eid} shows it: its tasks in definition order.
        JsonNode tasks = execution.get("tasks");
        assertThat(tasks.values().stream().map(t -> t.get("name").asString() + " " + t.get("status").asString()))
                .containsExactly("download_webpage COMPLETED", "extract_text COMPLETED", "summarize_text COMPLETED");
        assertThat(tasks.get(1).get("output").get("title").asString()).isEqualTo("Durable Workflows Explained");

        FakeOpenAi.Request request = openAi.onlyRequest();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + apiKey);
        JsonNode chat = Json.parse(request.text());
        assertThat(chat.get("model").asString()).isEqualTo("gpt-4o-mini");
        String prompt = chat.get("messages").get(1).get("content").asString();
        assertThat(prompt).isEqualTo("""
                Durable workflows
                A durable workflow records each step in a database.
                After a crash, another node picks up where the first one stopped.""");
        assertThat(request.text()).doesNotContain("hidden", "Hidden", "trackEveryVisitor", "font-family");
    }

    @Test
    void aMissingPageFailsTheDownloadNamingTheStatusAndAsksNoModel() {
        Api api = organization();
        String workflowId = api.createWorkflow(PIPELINE);
        String url = web.url("/articles/gone");

        JsonNode execution = run(api, workflowId, url);

        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("FAILED");
        assertThat(execution.get("error").get("task").asString()).isEqualTo("download_webpage");
        assertThat(execution.get("error").get("message").asString()).isEqualTo("GET " + url + " answered HTTP 404");
        JsonNode tasks = execution.get("tasks");
        assertThat(tasks.values().stream().map(t -> t.get("name").asString() + " " + t.get("status").asString()))
                .containsExactly("download_webpage FAILED", "extract_text CANCELLED", "summarize_text CANCELLED");
        assertThat(tasks.get(0).get("attempts").asInt()).as("a 404 is not retried").isEqualTo(1);
        assertThat(openAi.requests()).isEmpty();
    }
}
