package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.tasks.InputValues;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ai.summarize}: a summary of a text by a chat model of an OpenAI-compatible endpoint. The text goes as the
 * user's message, the instructions as the system message, so a text cannot easily pass itself off as instructions.
 */
public final class AiSummarize extends DeclaredTaskType {

    private static final Port TEXT = Port.required("text", PortType.TEXT, "The text to summarize");
    private static final Port INSTRUCTIONS = Port.optional("instructions", PortType.TEXT, null,
            "What the summary should focus on, its tone or its form");
    private static final Port MAX_WORDS = Port.optional("max_words", PortType.INTEGER, null,
            "The most words the summary should have");
    private static final Port MODEL = OpenAiClient.model("gpt-4o-mini");

    public AiSummarize() {
        super("ai.summarize", "Summarizes a text with a chat model of an OpenAI-compatible endpoint.",
                List.of(TEXT, INSTRUCTIONS, MAX_WORDS, MODEL, OpenAiClient.CREDENTIAL, OpenAiClient.BASE_URL),
                List.of(Port.output("summary", PortType.TEXT, "The summary")),
                Json.object().put(TEXT.name(), "Data Flow Platform runs workflows of typed tasks, durably, on one"
                        + " node or many.").put(MAX_WORDS.name(), 10));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        String text = InputValues.text(input, TEXT);
        if (text.isBlank()) {
            throw TaskFailure.permanent("input 'text' must not be blank");
        }
        ArrayNode messages = Json.MAPPER.createArrayNode();
        messages.addObject().put("role", "system").put("content", instructions(input));
        messages.addObject().put("role", "user").put("content", text);
        ChatCompletions.Reply reply = ChatCompletions.complete(OpenAiClient.connect(context, input),
                new ChatCompletions.Request(InputValues.text(input, MODEL), messages, null, null, false));
        return context.json().createObjectNode().put("summary", reply.text().strip());
    }

    private static String instructions(ObjectNode input) throws TaskFailure {
        StringBuilder system = new StringBuilder("Summarize the text the user sends. Answer with the summary only.");
        String instructions = InputValues.text(input, INSTRUCTIONS);
        if (instructions != null && !instructions.isBlank()) {
            system.append(' ').append(instructions.strip());
        }
        JsonNode maxWords = InputValues.value(input, MAX_WORDS);
        if (maxWords != null) {
            if (maxWords.asInt() < 1) {
                throw TaskFailure.permanent("input 'max_words' must be at least 1, got " + maxWords.asInt());
            }
            system.append(" Use at most ").append(maxWords.asInt()).append(" words.");
        }
        return system.toString();
    }
}
