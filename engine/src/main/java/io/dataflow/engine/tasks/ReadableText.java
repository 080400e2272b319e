package io.dataflow.engine.tasks;

import java.util.List;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of HTML elements as a reader sees it: each block element (paragraph, heading, list item, table cell...)
 * and each {@code <br>} starts a line, whitespace inside a line collapses to one space, empty lines are dropped.
 * Script and style contents are not text and never appear.
 */
final class ReadableText implements NodeVisitor {

    private final StringBuilder raw = new StringBuilder();

    private ReadableText() {
    }

    /** The readable text of the elements, one after the other, each starting on its own line. */
    static String of(List<Element> elements) {
        ReadableText text = new ReadableText();
        for (Element element : elements) {
            text.raw.append('\n');
            NodeTraversor.traverse(text, element);
        }
        return text.lines();
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof TextNode textNode) {
            raw.append(textNode.text());
        } else if (node instanceof Element element && (element.isBlock() || element.nameIs("br"))) {
            raw.append('\n');
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (node instanceof Element element && element.isBlock()) {
            raw.append('\n');
        }
    }

    private String lines() {
        StringBuilder text = new StringBuilder(raw.length());
        for (String line : raw.toString().split("\n")) {
            String collapsed = line.replaceAll("\\s+", " ").strip();
            if (!collapsed.isEmpty()) {
                text.append(text.isEmpty() ? "" : "\n").append(collapsed);
            }
        }
        return text.toString();
    }
}
