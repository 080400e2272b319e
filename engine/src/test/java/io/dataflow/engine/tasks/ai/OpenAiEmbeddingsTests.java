package io.dataflow.engine.tasks.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OpenAiEmbeddingsTests {

    private final FakeOpenAi fake = new FakeOpenAi();
    private final AiTaskRuns runs = new AiTaskRuns(fake);
    private final OpenAiEmbeddings type = new OpenAiEmbeddings();

    OpenAiEmbeddingsTests() throws IOException {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void oneTextGivesOneVector() throws Exception {
        fake.on("embeddings", FakeOpenAi.json(200, """
                {"object": "list", "data": [{"object": "embedding", "index": 0, "embedding": [0.1, -0.2, 0.3]}],
                 "model": "text-embedding-3-small", "usage": {"prompt_tokens": 4, "total_tokens": 4}}"""));

        ObjectNode output = runs.run(type, Json.object().put("input", "The quick brown fox"));

        assertThat(output.get("embeddings")).isEqualTo(Json.parse("[[0.1, -0.2, 0.3]]"));
        assertThat(output.get("usage").get("total_tokens").asInt()).isEqualTo(4);
        FakeOpenAi.Request request = fake.onlyRequest();
        assertThat(request.path()).isEqualTo("/v1/embeddings");
        assertThat(Json.parse(request.text())).isEqualTo(Json.parse("""
                {"model": "text-embedding-3-small", "encoding_format": "float", "input": ["The quick brown fox"]}"""));
    }

    @Test
    void vectorsFollowTheOrderOfTheTexts() throws Exception {
        fake.on("embeddings", FakeOpenAi.json(200, """
                {"data": [{"index": 1, "embedding": [2, 2]}, {"index": 0, "embedding": [1, 1]}]}"""));
        ObjectNode input = Json.object().put("model", "nomic-embed-text");
        input.putArray("input").add("one").add("two");

        ObjectNode output = runs.run(type, input);

        assertThat(output.get("embeddings")).isEqualTo(Json.parse("[[1, 1], [2, 2]]"));
        assertThat(output.get("usage")).isEqualTo(Json.object());
        assertThat(Json.parse(fake.onlyRequest().text()).get("input")).isEqualTo(Json.parse("[\"one\", \"two\"]"));
    }

    @Test
    void inputMustBeTextOrTexts() {
        ObjectNode mixed = Json.object();
        mixed.putArray("input").add("one").add(2);

        assertThat(runs.failure(type, Json.object().put("input", 3)))
                .hasMessage("input 'input' must be a text or an array of texts, got integer");
        assertThat(runs.failure(type, mixed))
                .hasMessage("input 'input' must be a text or an array of texts, and has an item of type integer");
        assertThat(runs.failure(type, Json.object().put("input", "")))
                .hasMessage("input 'input' must not contain an empty text");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void tooFewVectorsAreMalformed() {
        fake.on("embeddings", FakeOpenAi.json(200, "{\"data\": []}"));

        assertThat(runs.failure(type, Json.object().put("input", "x")))
                .hasMessage("the provider's answer is malformed: it should have 1 item(s) in 'data'");
    }

    @Test
    void aServerErrorIsTransient() {
        fake.on("embeddings", FakeOpenAi.json(503, "{\"error\": {\"message\": \"overloaded\"}}"));

        assertThat(runs.failure(type, Json.object().put("input", "x")).retryable()).isTrue();
    }
}
