package io.dataflow.engine.tasks.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AiSummarizeTests {

    private final FakeOpenAi fake = new FakeOpenAi();
    private final AiTaskRuns runs = new AiTaskRuns(fake);
    private final AiSummarize type = new AiSummarize();

    AiSummarizeTests() throws IOException {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void asksTheChatModelWithInstructionsAsTheSystemMessage() throws Exception {
        fake.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("  A durable workflow engine.\n")));

        JsonNode output = runs.run(type, Json.object().put("text", "Data Flow Platform runs workflows ...")
                .put("instructions", "Write for engineers.").put("max_words", 10).put("model", "gpt-4o"));

        assertThat(output).isEqualTo(Json.object().put("summary", "A durable workflow engine."));
        JsonNode body = Json.parse(fake.onlyRequest().text());
        assertThat(body.get("model").asString()).isEqualTo("gpt-4o");
        assertThat(body.get("messages")).isEqualTo(Json.parse("""
                [{"role": "system", "content": "Summarize the text the user sends. Answer with the summary only.\
                 Write for engineers. Use at most 10 words."},
                 {"role": "user", "content": "Data Flow Platform runs workflows ..."}]"""));
    }

    @Test
    void defaultsToTheChatModelWithPlainInstructions() throws Exception {
        fake.on("chat/completions", FakeOpenAi.json(200, FakeOpenAi.chatCompletion("Short.")));

        runs.run(type, Json.object().put("text", "Long text"));

        JsonNode body = Json.parse(fake.onlyRequest().text());
        assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("messages").get(0).get("content").asString())
                .isEqualTo("Summarize the text the user sends. Answer with the summary only.");
    }

    @Test
    void blankTextAndZeroWordsAreNamed() {
        assertThat(runs.failure(type, Json.object().put("text", " "))).hasMessage("input 'text' must not be blank");
        assertThat(runs.failure(type, Json.object().put("text", "x").put("max_words", 0)))
                .hasMessage("input 'max_words' must be at least 1, got 0");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void rateLimitingIsTransient() {
        fake.on("chat/completions", FakeOpenAi.json(429, "{\"error\": {\"message\": \"slow down\"}}"));

        assertThat(runs.failure(type, Json.object().put("text", "x")).retryable()).isTrue();
    }
}
