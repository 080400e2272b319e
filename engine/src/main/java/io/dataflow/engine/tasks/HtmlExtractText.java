package io.dataflow.engine.tasks;

import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.OutboundHttp.Request;
import io.dataflow.engine.spi.OutboundHttp.Response;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code html.extract_text}: the readable text, title and links of an HTML page, given as {@code html} or fetched
 * from {@code url} through the platform's outbound HTTP. A CSS {@code selector} narrows text and links to the
 * matching elements.
 */
public final class HtmlExtractText extends DeclaredTaskType {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);
    private static final int FETCH_REDIRECTS = 5;

    private static final Port HTML = Port.optional("html", PortType.TEXT, null,
            "The HTML to read; give this or 'url'");
    private static final Port URL = Port.optional("url", PortType.TEXT, null,
            "An http or https URL to fetch the HTML from; give this or 'html'");
    private static final Port SELECTOR = Port.optional("selector", PortType.TEXT, null,
            "A CSS selector: only matching elements are read");

    public HtmlExtractText() {
        super("html.extract_text", "Extracts the readable text, title and links of an HTML page.",
                List.of(HTML, URL, SELECTOR),
                List.of(Port.output("text", PortType.TEXT,
                                "The readable text: one line per block element, whitespace collapsed"),
                        Port.output("title", PortType.TEXT, "The page title, empty when it has none"),
                        Port.output("links", PortType.ARRAY,
                                "The links, each {text, url}, URLs made absolute against the page URL")),
                JsonMapper.shared().createObjectNode()
                        .put("html", "<html><head><title>Hi</title></head><body><p>Hello <a href=\"/x\">there</a></p></body></html>"));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws Exception {
        String html = InputValues.text(input, HTML);
        String url = InputValues.text(input, URL);
        if ((html == null) == (url == null)) {
            throw TaskFailure.permanent(html == null ? "input 'html' or 'url' is required: give exactly one of them"
                    : "inputs 'html' and 'url' exclude each other: give exactly one of them");
        }
        Evaluator selector = selector(InputValues.text(input, SELECTOR));
        Document page = html != null ? Jsoup.parse(html) : fetch(context, url);
        List<Element> roots = selector == null ? List.of(page.body()) : page.select(selector);
        ObjectNode output = context.json().createObjectNode();
        output.put("text", ReadableText.of(roots));
        output.put("title", page.title());
        output.set("links", links(context.json(), roots));
        return output;
    }

    private static Evaluator selector(String selector) throws TaskFailure {
        if (selector == null) {
            return null;
        }
        try {
            return QueryParser.parse(selector);
        } catch (Selector.SelectorParseException | IllegalArgumentException e) {
            throw TaskFailure.permanent("input 'selector' is not a valid CSS selector: " + e.getMessage());
        }
    }

    private static Document fetch(TaskContext context, String url) throws TaskFailure, InterruptedException {
        Response response = context.http().send(new Request("GET", url,
                Map.of("Accept", List.of("text/html, application/xhtml+xml;q=0.9, */*;q=0.5")), null, FETCH_TIMEOUT,
                FETCH_REDIRECTS, Long.MAX_VALUE));
        HttpAnswer.requireSuccess("GET", response);
        Charset charset = HttpAnswer.charset(response);
        try {
            // Without a charset in the content type, jsoup reads a byte order mark or <meta charset>, else UTF-8.
            return Jsoup.parse(new ByteArrayInputStream(response.body()), charset == null ? null : charset.name(),
                    response.url());
        } catch (IOException e) {
            throw TaskFailure.permanent("the page at input 'url' could not be read: " + e.getMessage());
        }
    }

    private static ArrayNode links(JsonMapper json, List<Element> roots) {
        ArrayNode links = json.createArrayNode();
        for (Element root : roots) {
            for (Element link : root.select("a[href]")) {
                String absolute = link.absUrl("href");
                links.addObject().put("text", link.text()).put("url", absolute.isEmpty() ? link.attr("href") : absolute);
            }
        }
        return links;
    }
}
