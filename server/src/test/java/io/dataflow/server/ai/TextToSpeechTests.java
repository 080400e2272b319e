package io.dataflow.server.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 001's "Hello World Workflow", exactly as the seed writes it, run by the real server against a fake OpenAI:
 * the streamed speech becomes the {@code audio} file output and downloads byte for byte from its {@code url}, until
 * the execution is deleted.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TextToSpeechTests {

    /** Seed 001's first example, word for word. */
    private static final String HELLO_WORLD = """
            {
              "title": "Hello World Workflow",
              "description": "A simple text-to-speech workflow",
              "inputs": [
                {
                  "name": "text",
                  "type": "text",
                  "description": "Text to convert to speech"
                }
              ],
              "tasks": [
                {
                  "name": "text_to_speech",
                  "type": "openai.audio.tts",
                  "inputs": {
                    "text": "{{inputs.text}}",
                    "voice": "alloy"
                  }
                }
              ],
              "outputs": [
                {
                  "name": "audio",
                  "type": "file",
                  "value": "{{tasks.text_to_speech.outputs.audio}}"
                }
              ]
            }""";

    @Parameter
    TestDatabase database;

    private final String apiKey = "sk-test-" + UUID.randomUUID().toString().replace("-", "");
    private final FakeOpenAi openAi = new FakeOpenAi();

    TextToSpeechTests() throws IOException {
    }

    @AfterEach
    void stop() {
        openAi.close();
    }

    private Api organization() {
        return FakeOpenAiOrganization.create(database, openAi, apiKey);
    }

    /** Fake MP3 audio: an ID3 header, then every byte value several times, in chunks of uneven size. */
    private static List<byte[]> audioChunks() {
        List<byte[]> chunks = new ArrayList<>();
        chunks.add(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0});
        for (int size : new int[] {1, 255, 4_096, 17_000, 3}) {
            byte[] chunk = new byte[size];
            for (int i = 0; i < size; i++) {
                chunk[i] = (byte) (i * 7 + size);
            }
            chunks.add(chunk);
        }
        return chunks;
    }

    @Test
    void theSeedsHelloWorldSpeaksTheTextIntoADownloadableFile() {
        List<byte[]> chunks = audioChunks();
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        chunks.forEach(audio::writeBytes);
        openAi.on("audio/speech", FakeOpenAi.chunked("audio/mpeg", chunks));
        Api api = organization();
        String workflowId = api.createWorkflow(HELLO_WORLD);

        JsonNode execution = api.awaitFinished(workflowId,
                api.startExecution(workflowId, "{\"inputs\": {\"text\": \"Hello\"}}"));

        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("COMPLETED");
        JsonNode file = execution.get("outputs").get("audio");
        String fileId = file.get("file_id").asString();
        assertThat(fileId).startsWith("file-");
        assertThat(file.get("name").asString()).isEqualTo("text_to_speech.mp3");
        assertThat(file.get("content_type").asString()).isEqualTo("audio/mpeg");
        assertThat(file.get("size").asLong()).isEqualTo(audio.size());
        assertThat(file.get("url").asString()).isEqualTo("/files/" + fileId);

        HttpResponse<byte[]> download = api.download(file.get("url").asString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(audio.toByteArray());
        assertThat(download.headers().firstValue("Content-Type")).contains("audio/mpeg");

        FakeOpenAi.Request request = openAi.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/audio/speech");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + apiKey);
        assertThat(Json.parse(request.text())).isEqualTo(Json.parse("""
                {"model": "tts-1", "input": "Hello", "voice": "alloy", "response_format": "mp3"}"""));
    }

    @Test
    void deletingTheExecutionDeletesItsAudioFileAndKeepsAnUploadedOne() {
        openAi.on("audio/speech", FakeOpenAi.chunked("audio/mpeg", audioChunks()));
        Api api = organization();
        String workflowId = api.createWorkflow(HELLO_WORLD);
        String uploadUrl = api.post("/files?name=notes.txt", "kept").body().get("url").asString();
        String executionId = api.startExecution(workflowId, "{\"inputs\": {\"text\": \"Hello\"}}");
        String audioUrl = api.awaitFinished(workflowId, executionId).get("outputs").get("audio").get("url")
                .asString();
        assertThat(api.download(audioUrl).statusCode()).isEqualTo(200);

        Api.Response deleted = api.delete("/workflows/" + workflowId + "/executions/" + executionId);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(api.download(audioUrl).statusCode()).isEqualTo(404);
        assertThat(api.download(uploadUrl).statusCode()).isEqualTo(200);
        assertThat(api.get("/workflows/" + workflowId + "/executions/" + executionId).status()).isEqualTo(404);
    }

    @Test
    void aRejectedKeyFailsTheExecutionNamingTheProvidersAnswerButNotTheKey() {
        // OpenAI's 401 quotes part of the key; the task's error must not pass it on.
        openAi.on("audio/speech", FakeOpenAi.json(401, """
                {"error": {"message": "Incorrect API key provided: %s.", "type": "invalid_request_error",
                 "code": "invalid_api_key"}}""".formatted(apiKey)));
        Api api = organization();
        String workflowId = api.createWorkflow(HELLO_WORLD);

        JsonNode execution = api.awaitFinished(workflowId,
                api.startExecution(workflowId, "{\"inputs\": {\"text\": \"Hello\"}}"));

        assertThat(execution.get("status").asString()).as(execution.toString()).isEqualTo("FAILED");
        JsonNode error = execution.get("error");
        assertThat(error.get("task").asString()).isEqualTo("text_to_speech");
        assertThat(error.get("message").asString()).isEqualTo("the provider rejected the API key (HTTP 401 from "
                + openAi.baseUrl() + "/audio/speech); check the credential's api_key");
        JsonNode task = execution.get("tasks").get(0);
        assertThat(task.get("status").asString()).isEqualTo("FAILED");
        assertThat(task.get("attempts").asInt()).as("a rejected key is not retried").isEqualTo(1);
        assertThat(openAi.requests()).hasSize(1);
        assertThat(execution.toString()).doesNotContain(apiKey).doesNotContain(apiKey.substring(0, 12));
    }
}
