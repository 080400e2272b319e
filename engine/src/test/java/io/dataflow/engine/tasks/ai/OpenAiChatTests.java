package io.dataflow.engine.tasks.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiChatTests {

    private final FakeOpenAi fake = new FakeOpenAi();
    private final AiTaskRuns runs = new AiTaskRuns(fake);
    private final OpenAiChat type = new OpenAiChat();

    OpenAiChatTests() throws IOException {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void sendsThePromptAsAUserMessageAndOutputsTheAnswer() throws Exception {
        fake.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("Red, yellow and blue.")));

        ObjectNode output = runs.run(type, Json.object().put("prompt", "Name three primary colors."));

        assertThat(output.get("text").asString()).isEqualTo("Red, yellow and blue.");
        assertThat(output.get("model").asString()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(output.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(output.get("usage").get("total_tokens").asInt()).isEqualTo(12);
        assertThat(output.get("json").isNull()).isTrue();
        FakeOpenAi.Request request = fake.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + AiTaskRuns.API_KEY);
        assertThat(request.header("OpenAI-Organization")).isEqualTo("org-acme");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(Json.parse(request.text())).isEqualTo(Json.parse("""
                {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Name three primary colors."}]}"""));
    }

    @Test
    void sendsMessagesModelTemperatureAndMaxTokens() throws Exception {
        fake.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("Bonjour")));
        ObjectNode input = Json.object().put("model", "llama3.2").put("temperature", 0.2).put("max_tokens", 50);
        input.set("messages", Json.parse("""
                [{"role": "system", "content": "Translate to French."}, {"role": "user", "content": "Hello"}]"""));

        assertThat(runs.run(type, input).get("text").asString()).isEqualTo("Bonjour");

        JsonNode body = Json.parse(fake.onlyRequest().text());
        assertThat(body.get("model").asString()).isEqualTo("llama3.2");
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.get("messages")).isEqualTo(input.get("messages"));
        assertThat(body.has("response_format")).isFalse();
    }

    @Test
    void jsonModeAsksForAnObjectAndParsesTheAnswer() throws Exception {
        fake.on("chat/completions",
                FakeOpenAi.json(200, FakeOpenAi.chatCompletion("{\"colors\": [\"red\", \"blue\"]}")));

        ObjectNode output = runs.run(type, Json.object().put("prompt", "Colors as JSON").put("json", true));

        assertThat(output.get("json")).isEqualTo(Json.parse("{\"colors\": [\"red\", \"blue\"]}"));
        assertThat(Json.parse(fake.onlyRequest().text()).get("response_format"))
                .isEqualTo(Json.parse("{\"type\": \"json_object\"}"));
    }

    @Test
    void jsonModeFailsForGoodWhenTheAnswerIsNotJson() {
        fake.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("Sure! Here are colors: red")));

        assertThat(runs.failure(type, Json.object().put("prompt", "Colors").put("json", true)))
                .hasMessage("the model's answer is not valid JSON although input 'json' asked for it")
                .matches(failure -> !failure.retryable());
    }

    @Test
    void exactlyOneOfPromptAndMessagesIsRequired() {
        ObjectNode both = Json.object().put("prompt", "Hi");
        both.putArray("messages").addObject().put("role", "user").put("content", "Hi");

        assertThat(runs.failure(type, Json.object())).hasMessage("input 'prompt' or input 'messages' is required");
        assertThat(runs.failure(type, both)).hasMessage("give input 'prompt' or input 'messages', not both");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aMessageWithoutRoleOrContentIsNamed() {
        ObjectNode input = Json.object();
        input.set("messages", Json.parse("[{\"role\": \"user\", \"content\": \"Hi\"}, {\"content\": \"Hi\"}]"));

        assertThat(runs.failure(type, input))
                .hasMessage("input 'messages': item 1 must be an object with a text 'role' and a 'content'");
    }

    @Test
    void aLocalServerNeedsNoKeyAndTheBaseUrlInputWins() throws Exception {
        fake.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("ok")));

        runs.run(type, Json.object().put("prompt", "Hi").put("credential", "local"));
        runs.run(type, Json.object().put("prompt", "Hi").put("credential", "elsewhere").put("base_url",
                fake.baseUrl()));

        assertThat(fake.requests()).extracting(FakeOpenAi.Request::path)
                .containsExactly("/v1/chat/completions", "/v1/chat/completions");
        assertThat(fake.requests().getFirst().header("Authorization")).isNull();
        assertThat(fake.requests().get(1).header("Authorization")).isEqualTo("Bearer elsewhere-key");
    }

    @Test
    void aRefusalIsReportedAsSuch() {
        fake.on("chat/completions", FakeOpenAi.json(200, """
                {"choices": [{"message": {"role": "assistant", "content": null, "refusal": "I can't help."}}]}"""));

        assertThat(runs.failure(type, Json.object().put("prompt", "Hi"))).hasMessage("the model refused: I can't help.");
    }
}
