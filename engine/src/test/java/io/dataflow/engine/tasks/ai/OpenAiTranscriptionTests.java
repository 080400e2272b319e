package io.dataflow.engine.tasks.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.FakeOpenAi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OpenAiTranscriptionTests {

    private static final byte[] AUDIO = "ID3-fake-mp3-\r\n--not-a-boundary\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    private final FakeOpenAi fake = new FakeOpenAi();
    private final AiTaskRuns runs = new AiTaskRuns(fake);
    private final OpenAiTranscription type = new OpenAiTranscription();

    OpenAiTranscriptionTests() throws IOException {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private ObjectNode audioInput() {
        ObjectNode input = Json.object();
        input.set("audio", runs.files.save(AiTaskRuns.ORGANIZATION, "ex-0", "hello \"world\".mp3", "audio/mpeg", AUDIO));
        return input;
    }

    @Test
    void uploadsTheFileAsAMultipartFormAndOutputsTheText() throws Exception {
        fake.on("audio/transcriptions", FakeOpenAi.json(200, "{\"text\": \"Hello, world.\"}"));

        ObjectNode output = runs.run(type, audioInput().put("language", "en").put("prompt", "Greetings"));

        assertThat(output).isEqualTo(Json.object().put("text", "Hello, world."));
        FakeOpenAi.Request request = fake.onlyRequest();
        assertThat(request.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + AiTaskRuns.API_KEY);
        String contentType = request.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        String boundary = contentType.substring(contentType.indexOf('=') + 1);
        String body = new String(request.body(), StandardCharsets.ISO_8859_1);
        String audio = new String(AUDIO, StandardCharsets.ISO_8859_1);
        assertThat(body).isEqualTo("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"hello %22world%22.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\n" + audio + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\njson\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"language\"\r\n\r\nen\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nGreetings\r\n"
                + "--" + boundary + "--\r\n");
    }

    @Test
    void optionalFieldsAreLeftOut() throws Exception {
        fake.on("audio/transcriptions", FakeOpenAi.json(200, "{\"text\": \"Hi\"}"));

        runs.run(type, audioInput().put("model", "whisper-large-v3"));

        String body = fake.onlyRequest().text();
        assertThat(body).contains("whisper-large-v3").doesNotContain("name=\"language\"")
                .doesNotContain("name=\"prompt\"");
    }

    @Test
    void aFileOfNoOneFailsBeforeAnyCall() {
        assertThat(runs.failure(type, Json.object().put("audio", "file-404"))).hasMessage("there is no file 'file-404'");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void anAnswerWithoutTextIsMalformed() {
        fake.on("audio/transcriptions", FakeOpenAi.json(200, "{\"segments\": []}"));

        assertThat(runs.failure(type, audioInput()))
                .hasMessage("the provider's answer is malformed: it has no text at 'text'");
    }

    @Test
    void anUnknownModelIsNamed() {
        assertThat(runs.failure(type, audioInput().put("model", "whisper-9")).getMessage())
                .startsWith("the provider does not know model 'whisper-9'");
    }
}
