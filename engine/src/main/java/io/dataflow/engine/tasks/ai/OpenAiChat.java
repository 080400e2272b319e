package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.tasks.InputValues;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openai.chat}: one chat completion from a {@code prompt} or from a conversation in {@code messages}. With
 * {@code json}, the model is asked for a JSON object and the answer is parsed into the {@code json} output too.
 */
public final class OpenAiChat extends DeclaredTaskType {

    private static final Port PROMPT = Port.optional("prompt", PortType.TEXT, null,
            "The user's message; give this or 'messages'");
    private static final Port MESSAGES = Port.optional("messages", PortType.ARRAY, null,
            "The conversation, as objects with 'role' (system, user, assistant) and 'content'; give this or 'prompt'");
    private static final Port MODEL = OpenAiClient.model("gpt-4o-mini");
    private static final Port TEMPERATURE = Port.optional("temperature", PortType.NUMBER, null,
            "Sampling temperature; the provider's default when not given");
    private static final Port MAX_TOKENS = Port.optional("max_tokens", PortType.INTEGER, null,
            "The most tokens to generate; the provider's default when not given");
    private static final Port JSON = Port.optional("json", PortType.BOOLEAN, BooleanNode.FALSE,
            "Whether to ask for a JSON object and parse it into the 'json' output");

    public OpenAiChat() {
        super("openai.chat", "Asks a chat model of an OpenAI-compatible endpoint and outputs its answer.",
                List.of(PROMPT, MESSAGES, MODEL, TEMPERATURE, MAX_TOKENS, JSON, OpenAiClient.CREDENTIAL,
                        OpenAiClient.BASE_URL),
                List.of(Port.output("text", PortType.TEXT, "The model's answer"),
                        Port.output("json", PortType.ANY, "The answer parsed as JSON when 'json' is true, else null"),
                        Port.output("usage", PortType.OBJECT, "Token counts as the provider reported them"),
                        Port.output("model", PortType.TEXT, "The model that answered"),
                        Port.output("finish_reason", PortType.TEXT, "Why the model stopped, such as stop or length")),
                Json.object().put(PROMPT.name(), "Name three primary colors.").put(MODEL.name(), "gpt-4o-mini"));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        ArrayNode messages = messages(input);
        boolean json = InputValues.flag(input, JSON);
        JsonNode temperature = InputValues.value(input, TEMPERATURE);
        JsonNode maxTokens = InputValues.value(input, MAX_TOKENS);
        ChatCompletions.Reply reply = ChatCompletions.complete(OpenAiClient.connect(context, input),
                new ChatCompletions.Request(InputValues.text(input, MODEL), messages,
                        temperature == null ? null : temperature.doubleValue(),
                        maxTokens == null ? null : maxTokens.asInt(), json));
        ObjectNode output = context.json().createObjectNode().put("text", reply.text());
        output.set("json", json ? parsed(reply.text()) : null);
        output.set("usage", reply.usage());
        return output.put("model", reply.model()).put("finish_reason", reply.finishReason());
    }

    /** Exactly one of {@code prompt} and {@code messages}, as the request's messages. */
    private static ArrayNode messages(ObjectNode input) throws TaskFailure {
        String prompt = InputValues.text(input, PROMPT);
        JsonNode messages = InputValues.value(input, MESSAGES);
        if ((prompt == null) == (messages == null)) {
            throw TaskFailure.permanent(prompt == null ? "input 'prompt' or input 'messages' is required"
                    : "give input 'prompt' or input 'messages', not both");
        }
        if (prompt != null) {
            ArrayNode single = Json.MAPPER.createArrayNode();
            single.addObject().put("role", "user").put("content", prompt);
            return single;
        }
        if (messages.isEmpty()) {
            throw TaskFailure.permanent("input 'messages' must not be empty");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.path("role").isString() || message.path("content").isMissingNode()
                    || message.path("content").isNull()) {
                throw TaskFailure.permanent("input 'messages': item " + i + " must be an object with a text 'role'"
                        + " and a 'content'");
            }
        }
        return (ArrayNode) messages;
    }

    private static JsonNode parsed(String text) throws TaskFailure {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw TaskFailure.permanent("the model's answer is not valid JSON although input 'json' asked for it");
        }
    }
}
