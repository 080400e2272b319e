package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskFailure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One chat completion ({@code POST /chat/completions}), for every task type that asks a chat model something:
 * builds the request and reads the first choice out of the answer.
 */
final class ChatCompletions {

    private ChatCompletions() {
    }

    /**
     * What the model should do.
     *
     * @param temperature null for the provider's default
     * @param maxTokens null for the provider's default
     * @param json whether to ask for a JSON object ({@code response_format: json_object})
     */
    record Request(String model, ArrayNode messages, Double temperature, Integer maxTokens, boolean json) {
    }

    /**
     * The first choice of the answer.
     *
     * @param usage the token counts as the provider reported them; empty when it reported none
     * @param model the model that answered, as the provider names it
     * @param finishReason why the model stopped ({@code stop}, {@code length}, ...), or null when not reported
     */
    record Reply(String text, ObjectNode usage, String model, String finishReason) {
    }

    static Reply complete(OpenAiClient client, Request request) throws TaskFailure, InterruptedException {
        ObjectNode body = Json.object().put("model", request.model());
        body.set("messages", request.messages());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (request.json()) {
            body.putObject("response_format").put("type", "json_object");
        }
        return reply(client.postJson("chat/completions", body), request.model());
    }

    private static Reply reply(JsonNode answer, String requestedModel) throws TaskFailure {
        JsonNode choice = answer.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isString()) {
            JsonNode refusal = choice.path("message").path("refusal");
            if (refusal.isString()) {
                throw TaskFailure.permanent("the model refused: " + refusal.stringValue());
            }
            throw OpenAiClient.malformed("it has no text at choices[0].message.content");
        }
        JsonNode usage = answer.path("usage");
        JsonNode finishReason = choice.path("finish_reason");
        return new Reply(content.stringValue(), usage.isObject() ? (ObjectNode) usage : Json.object(),
                answer.path("model").asString(requestedModel),
                finishReason.isString() ? finishReason.stringValue() : null);
    }
}
