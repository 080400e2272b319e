package io.dataflow.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workflow definitions the scenarios run: chains of cheap text operations, so that what is measured is the
 * engine (claiming, resolving templates, recording, scheduling successors) and not the work of the tasks.
 */
final class Workflows {

    /** Cycled along a chain; each keeps a short text short. */
    private static final List<String> OPERATIONS = List.of("TextOperation.Uppercase", "TextOperation.Reverse",
            "TextOperation.Lowercase", "TextOperation.Trim");

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Workflows() {
    }

    /**
     * A {@code /workflows} document: input {@code text} flows through {@code length} tasks, each taking the
     * previous one's output, and the last task's text is the output {@code result}.
     *
     * @param title what the workflow is for; a number is added to keep names unique, as the server requires
     */
    static ObjectNode chain(String title, int length) {
        ObjectNode doc = DataflowClient.JSON.createObjectNode().put("title", title + " #" + SEQUENCE.incrementAndGet());
        doc.putArray("inputs").addObject().put("name", "text").put("type", "text");
        ArrayNode tasks = doc.putArray("tasks");
        for (int i = 1; i <= length; i++) {
            String source = i == 1 ? "{{inputs.text}}" : "{{tasks.t" + (i - 1) + ".outputs.text}}";
            ObjectNode task = tasks.addObject().put("name", "t" + i).put("type", OPERATIONS.get((i - 1) % OPERATIONS.size()));
            task.putObject("inputs").put("text", source);
        }
        doc.putArray("outputs").addObject().put("name", "result").put("type", "text")
                .put("value", "{{tasks.t" + length + ".outputs.text}}");
        return doc;
    }

    /**
     * A {@code /workflows} document: input {@code text} upper-cased, then a {@code sleep} of {@code duration}
     * (task {@code nap}) passing it on, then lower-cased as the output {@code result}.
     */
    static ObjectNode sleeper(String title, Duration duration) {
        ObjectNode doc = DataflowClient.JSON.createObjectNode().put("title", title + " #" + SEQUENCE.incrementAndGet());
        doc.putArray("inputs").addObject().put("name", "text").put("type", "text");
        ArrayNode tasks = doc.putArray("tasks");
        tasks.addObject().put("name", "wake").put("type", "TextOperation.Uppercase").putObject("inputs")
                .put("text", "{{inputs.text}}");
        tasks.addObject().put("name", "nap").put("type", "sleep").putObject("inputs")
                .put("value", "{{tasks.wake.outputs.text}}").put("duration", duration.toMillis());
        tasks.addObject().put("name", "rest").put("type", "TextOperation.Lowercase").putObject("inputs")
                .put("text", "{{tasks.nap.outputs.value}}");
        doc.putArray("outputs").addObject().put("name", "result").put("type", "text")
                .put("value", "{{tasks.rest.outputs.text}}");
        return doc;
    }
}
