package io.dataflow.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.net.GuardedHttp;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.testing.LocalHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class HtmlExtractTextTests {

    private static final String PAGE = """
            <html><head><title>The  page</title><style>p { color: red }</style></head>
            <body>
              <h1>Heading</h1>
              <p>First   paragraph with <b>bold</b>
                 text and a <a href="/about">link</a>.</p>
              <script>var hidden = 1;</script>
              <div id="main"><p>Main one<br>second line</p>
                <ul><li>item <a href="https://example.com/x">x</a></li><li>two</li></ul></div>
            </body></html>
            """;

    private final HtmlExtractText type = new HtmlExtractText();
    private final LocalHttpServer server = new LocalHttpServer();
    private final GuardedHttp http = new GuardedHttp(new OutboundGuard(true));

    @AfterEach
    void close() {
        http.close();
        server.close();
    }

    private ObjectNode run(ObjectNode input) throws Exception {
        return type.execute(TaskRuns.contextWith(http), input);
    }

    private TaskFailure failure(ObjectNode input) {
        return TaskRuns.failure(type, TaskRuns.contextWith(http), input);
    }

    @Test
    void extractsReadableTextTitleAndLinksFromHtml() throws Exception {
        ObjectNode output = run(Json.object().put("html", PAGE));
        assertThat(output.get("text").stringValue()).isEqualTo("""
                Heading
                First paragraph with bold text and a link.
                Main one
                second line
                item x
                two""");
        assertThat(output.get("title").stringValue()).isEqualTo("The page");
        assertThat(output.get("links")).isEqualTo(Json.parse("""
                [{"text":"link","url":"/about"},{"text":"x","url":"https://example.com/x"}]"""));
    }

    @Test
    void fetchesTheUrlAndResolvesLinksAgainstIt() throws Exception {
        server.respond("/docs/page", 200, "text/html; charset=utf-8", PAGE);
        ObjectNode output = run(Json.object().put("url", server.url("/docs/page")));
        assertThat(output.get("title").stringValue()).isEqualTo("The page");
        assertThat(output.get("links").get(0).get("url").stringValue()).isEqualTo(server.url("/about"));
        assertThat(server.last().method()).isEqualTo("GET");
    }

    @Test
    void failedFetchFailsTheTask() {
        server.respond("/gone", 404, "text/html", "<p>no</p>");
        TaskFailure failure = failure(Json.object().put("url", server.url("/gone")));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageEndingWith("answered HTTP 404");
    }

    @Test
    void selectorNarrowsTextAndLinks() throws Exception {
        ObjectNode output = run(Json.object().put("html", PAGE).put("selector", "#main li"));
        assertThat(output.get("text").stringValue()).isEqualTo("item x\ntwo");
        assertThat(output.get("links")).hasSize(1);
        assertThat(output.get("title").stringValue()).isEqualTo("The page");
    }

    @Test
    void invalidSelectorFailsForGood() {
        TaskFailure failure = failure(Json.object().put("html", PAGE).put("selector", "div[[["));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("input 'selector' is not a valid CSS selector");
    }

    @Test
    void needsExactlyOneOfHtmlAndUrl() {
        assertThat(failure(Json.object()))
                .hasMessage("input 'html' or 'url' is required: give exactly one of them");
        assertThat(failure(Json.object().put("html", PAGE).put("url", server.url("/x"))))
                .hasMessage("inputs 'html' and 'url' exclude each other: give exactly one of them");
    }
}
