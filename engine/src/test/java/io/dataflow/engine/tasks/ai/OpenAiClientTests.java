package io.dataflow.engine.tasks.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.testing.FakeOpenAi;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** How the provider's answers and a task's credential turn into failures, through {@code openai.chat}. */
class OpenAiClientTests {

    private final FakeOpenAi fake = new FakeOpenAi();
    private final AiTaskRuns runs = new AiTaskRuns(fake);
    private final OpenAiChat type = new OpenAiChat();

    OpenAiClientTests() throws IOException {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private TaskFailure failureFor(FakeOpenAi.Answer answer) {
        fake.on("chat/completions", answer);
        return runs.failure(type, prompt());
    }

    private static ObjectNode prompt() {
        return Json.object().put("prompt", "Hi").put("model", "gpt-x");
    }

    @Test
    void aRejectedKeyFailsForGoodWithoutTheKeyEvenWhenTheProviderEchoesIt() {
        TaskFailure failure = failureFor(FakeOpenAi.json(401, """
                {"error": {"message": "Incorrect API key provided: %s.", "code": "invalid_api_key"}}"""
                .formatted(AiTaskRuns.API_KEY)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("the provider rejected the API key (HTTP 401 from http://127.0.0.1:")
                .endsWith("/v1/chat/completions); check the credential's api_key")
                .doesNotContain(AiTaskRuns.API_KEY).doesNotContain("sk-");
    }

    @Test
    void forbiddenIsARejectedKeyToo() {
        assertThat(failureFor(FakeOpenAi.json(403, "{}")).getMessage()).startsWith("the provider rejected the API key");
    }

    @Test
    void anUnknownModelFailsForGoodNamingIt() {
        TaskFailure failure = failureFor(FakeOpenAi.json(404, """
                {"error": {"message": "The model `gpt-x` does not exist", "code": "model_not_found"}}"""));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("the provider does not know model 'gpt-x', or the base URL is wrong")
                .endsWith(": The model `gpt-x` does not exist");
    }

    @Test
    void aBadRequestFailsForGoodWithTheProvidersMessageAndNoKey() {
        TaskFailure failure = failureFor(FakeOpenAi.json(400, """
                {"error": {"message": "Invalid 'max_tokens' for key %s"}}""".formatted(AiTaskRuns.API_KEY)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("the provider refused the request (HTTP 400")
                .endsWith(": Invalid 'max_tokens' for key ***");
    }

    @Test
    void rateLimitingIsTransientAndSaysWhenToRetry() {
        TaskFailure failure = failureFor(FakeOpenAi.withHeaders(429,
                Map.of("Content-Type", "application/json", "Retry-After", "20"),
                "{\"error\": {\"message\": \"Rate limit reached\"}}"));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("the provider is limiting the rate of requests (HTTP 429")
                .endsWith("; it asks to retry after 20 s: Rate limit reached");
        assertThat(failure.retryAfter()).contains(Duration.ofSeconds(20));
    }

    @Test
    void aServerErrorIsTransientWithAPlainTextMessage() {
        TaskFailure failure = failureFor(FakeOpenAi.withHeaders(500, Map.of("Content-Type", "text/plain"),
                "upstream overloaded"));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).startsWith("the provider failed (HTTP 500").endsWith(": upstream overloaded");
    }

    @Test
    void aMalformedAnswerFailsForGood() {
        TaskFailure notJson = failureFor(FakeOpenAi.json(200, "{\"choices\": [tru"));
        TaskFailure noChoice = failureFor(FakeOpenAi.json(200, "{\"choices\": []}"));

        assertThat(notJson.retryable()).isFalse();
        assertThat(notJson).hasMessage("the provider's answer is malformed: its answer is not valid JSON");
        assertThat(noChoice.retryable()).isFalse();
        assertThat(noChoice)
                .hasMessage("the provider's answer is malformed: it has no text at choices[0].message.content");
    }

    @Test
    void aTimeoutIsTransient() {
        TaskFailure failure = failureFor(FakeOpenAi.slow(AiTaskRuns.CALL_TIMEOUT.toMillis() + 1_000,
                FakeOpenAi.json(200, FakeOpenAi.chatCompletion("late"))));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("timed out");
    }

    @Test
    void aMissingCredentialFailsForGoodNamingTheInput() {
        TaskFailure failure = runs.failure(type, prompt().put("credential", "nope"));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("input 'credential': there is no credential named 'nope' in this organization");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void failuresShowTheUrlWithoutUserInfoOrQuery() {
        fake.on("chat/completions", FakeOpenAi.json(500, "{\"object\": \"error\", \"message\": \"engine dead\"}"));
        String baseUrl = fake.baseUrl().replace("http://", "http://user:pass@") + "?api-version=1";

        TaskFailure failure = runs.failure(type, prompt().put("base_url", baseUrl));

        assertThat(fake.onlyRequest().path()).isEqualTo("/v1/chat/completions?api-version=1");
        assertThat(failure.getMessage()).isEqualTo("the provider failed (HTTP 500 from " + fake.baseUrl()
                + "/chat/completions): engine dead");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsNamed() {
        assertThat(runs.failure(type, prompt().put("base_url", "ftp://example.com")))
                .hasMessage("input 'base_url' must be an http:// or https:// URL, got 'ftp://example.com'");
    }
}
