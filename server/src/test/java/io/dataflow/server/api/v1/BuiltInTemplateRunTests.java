package io.dataflow.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import io.dataflow.engine.testing.LocalHttpServer;
import io.dataflow.server.ai.FakeOpenAiOrganization;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each built-in template, as {@code GET /api/v1/workflows/templates} lists it, created with
 * {@code POST /api/v1/workflows} from its {@code workflow} body and executed to completion with
 * {@code POST /api/v1/workflows/{id}/execute}: web pages and APIs are served on this machine, the AI provider is a
 * {@link FakeOpenAi}, and the SQL report reads MariaDB on 127.0.0.1:3306 (not the platform's database, which SQL
 * tasks may not reach).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BuiltInTemplateRunTests {

    private static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private static final String PAGE = """
            <!DOCTYPE html>
            <html>
            <head><title>Durable Workflows</title><script>var hiddenTracker = 1;</script></head>
            <body>
              <nav><a href="/home">Home</a></nav>
              <main>
                <h1>Durable workflows</h1>
                <p>A durable workflow records each step. <a href="/docs/steps"> Steps </a></p>
                <p>See <a href="https://example.com/more">more</a> and <a href="/docs/steps">steps again</a>.</p>
              </main>
            </body>
            </html>""";

    @Parameter
    TestDatabase database;

    private final String apiKey = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
    private final FakeOpenAi openAi = new FakeOpenAi();
    private final LocalHttpServer web = new LocalHttpServer();

    BuiltInTemplateRunTests() throws IOException {
        web.respond("/article", 200, "text/html; charset=utf-8", PAGE);
        web.respond("/api/items", 200, "application/json", """
                [{"id": 1, "name": "Ada", "role": "engineer"}, {"id": 2, "name": "Grace", "role": "admiral"}]""");
    }

    @AfterEach
    void stop() {
        openAi.close();
        web.close();
    }

    /** An organization whose {@code openai} credential, the AI tasks' default, points at the fake provider. */
    private Api organization() {
        return FakeOpenAiOrganization.create(database, openAi, apiKey);
    }

    /** Creates a workflow from the built-in template's {@code workflow} body, as a client would, and runs it. */
    private static JsonNode run(Api api, String templateId, ObjectNode triggerInputs) {
        JsonNode template = api.get("/api/v1/workflows/templates").body().get("templates").valueStream()
                .filter(t -> t.get("id").asString().equals(templateId)).findFirst().orElseThrow();
        Api.Response created = api.post("/api/v1/workflows", template.get("workflow").toString());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String workflowId = created.body().get("workflowId").asString();
        Api.Response executed = api.post("/api/v1/workflows/" + workflowId + "/execute",
                Json.object().set("triggerInputs", triggerInputs).toString());
        assertThat(executed.status()).as(executed.text()).isEqualTo(201);
        JsonNode execution = api.awaitFinished(workflowId, executed.body().get("executionId").asString());
        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        return execution.get("outputs");
    }

    @Test
    void webpageSummarySummarizesThePagesReadableText() {
        openAi.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("Steps are recorded.")));
        Api api = organization();

        JsonNode outputs = run(api, "tpl_webpage_summary", Json.object().put("url", web.url("/article")));

        assertThat(outputs.get("summarize").get("summary").asString()).isEqualTo("Steps are recorded.");
        JsonNode chat = Json.parse(openAi.onlyRequest().text());
        assertThat(chat.get("messages").get(0).get("content").asString()).contains("at most 120 words");
        assertThat(chat.get("messages").get(1).get("content").asString())
                .contains("A durable workflow records each step.").doesNotContain("hiddenTracker");
    }

    @Test
    void jsonApiTransformReshapesTheApisAnswer() {
        Api api = organization();

        JsonNode outputs = run(api, "tpl_json_api_transform", Json.object().put("url", web.url("/api/items")));

        assertThat(outputs.get("transform").get("result")).isEqualTo(Json.parse("""
                [{"id": 1, "name": "Ada"}, {"id": 2, "name": "Grace"}]"""));
        assertThat(web.last().headers().getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void sqlReportFormatsTheRowsOfAQuery() {
        requireMariaDb();
        Api api = organization();
        api.createCredential("reports-db", Json.object().put("url", MARIADB_URL).put("user", "root")
                .put("password", "").toString());
        ObjectNode inputs = Json.object().put("sql", "SELECT 1 AS id, 'Ada' AS name UNION ALL SELECT 2, ?");
        inputs.set("params", Json.parse("[\"Grace\"]"));

        JsonNode outputs = run(api, "tpl_sql_report", inputs);

        JsonNode report = outputs.get("format_report").get("result");
        assertThat(report.get("rowCount").asInt()).isEqualTo(2);
        assertThat(report.get("truncated").asBoolean()).isFalse();
        assertThat(report.get("text").asString()).isEqualTo("Report: 2 rows\nid: 1, name: Ada\nid: 2, name: Grace");
    }

    @Test
    void textCleanupRemovesTagsAndExtraWhiteSpace() {
        Api api = organization();

        JsonNode outputs = run(api, "tpl_text_cleanup",
                Json.object().put("text", "\n\t <p>Hello,\n\n  <b>world</b>!</p>\t \n"));

        assertThat(outputs.get("trim").get("text").asString()).isEqualTo("Hello, world !");
    }

    @Test
    void textToSpeechStoresTheSpokenTrimmedText() {
        byte[] audio = "ID3 fake speech".getBytes(StandardCharsets.UTF_8);
        openAi.on("audio/speech", FakeOpenAi.chunked("audio/mpeg", List.of(audio)));
        Api api = organization();

        JsonNode outputs = run(api, "tpl_text_to_speech", Json.object().put("text", "  Hello there  ")
                .put("voice", "nova"));

        JsonNode file = outputs.get("speak").get("audio");
        assertThat(file.get("content_type").asString()).isEqualTo("audio/mpeg");
        HttpResponse<byte[]> download = api.download(file.get("url").asString());
        assertThat(download.body()).isEqualTo(audio);
        assertThat(Json.parse(openAi.onlyRequest().text())).isEqualTo(Json.parse("""
                {"model": "tts-1", "input": "Hello there", "voice": "nova", "response_format": "mp3"}"""));
    }

    @Test
    void pageLinksListsEachLinkOnceWithAnAbsoluteAddress() {
        Api api = organization();

        JsonNode outputs = run(api, "tpl_page_links", Json.object().put("url", web.url("/article"))
                .put("selector", "main"));

        JsonNode links = outputs.get("list_links").get("result");
        assertThat(links.get("title").asString()).isEqualTo("Durable Workflows");
        assertThat(links.get("count").asInt()).isEqualTo(2);
        assertThat(links.get("links")).isEqualTo(Json.parse("""
                [{"url": "%s", "text": "Steps"}, {"url": "https://example.com/more", "text": "more"}]"""
                .formatted(web.url("/docs/steps"))));
    }

    /** Skips the test when MariaDB does not answer, unless {@code DATAFLOW_TEST_MARIADB=required} (as .ci/run sets). */
    private static void requireMariaDb() {
        try (Connection c = DriverManager.getConnection(MARIADB_URL, "root", "")) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = "MariaDB at " + MARIADB_URL + " does not answer (" + e.getMessage() + ")";
            String required = System.getenv("DATAFLOW_TEST_MARIADB");
            if (required != null && required.toLowerCase(Locale.ROOT).equals("required")) {
                throw new IllegalStateException(message + "; DATAFLOW_TEST_MARIADB=required", e);
            }
            System.err.println("SKIPPING the SQL report template test: " + message);
            Assumptions.abort(message);
        }
    }
}
