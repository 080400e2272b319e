package io.dataflow.engine.tasks.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.FileStore;
import io.dataflow.engine.testing.FakeOpenAi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class OpenAiSpeechTests {

    private final FakeOpenAi fake = new FakeOpenAi();
    private final AiTaskRuns runs = new AiTaskRuns(fake);
    private final OpenAiSpeech type = new OpenAiSpeech();

    OpenAiSpeechTests() throws IOException {
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void storesTheStreamedAudioAsItCame() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream audio = new ByteArrayOutputStream();
        Random random = new Random(1);
        for (int i = 0; i < 20; i++) {
            byte[] chunk = new byte[1_000 + random.nextInt(9_000)];
            random.nextBytes(chunk);
            chunks.add(chunk);
            audio.writeBytes(chunk);
        }
        fake.on("audio/speech", FakeOpenAi.chunked("audio/mpeg", chunks));

        ObjectNode output = runs.run(type, Json.object().put("text", "Hello, world!").put("voice", "alloy"));

        FileStore.StoredFile stored = runs.files.get(output.get("audio"));
        assertThat(stored.content()).isEqualTo(audio.toByteArray());
        assertThat(stored.contentType()).isEqualTo("audio/mpeg");
        assertThat(stored.name()).isEqualTo("speak.mp3");
        assertThat(output.get("audio").get("size").asInt()).isEqualTo(audio.size());
        FakeOpenAi.Request request = fake.onlyRequest();
        assertThat(request.path()).isEqualTo("/v1/audio/speech");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + AiTaskRuns.API_KEY);
        assertThat(Json.parse(request.text())).isEqualTo(Json.parse("""
                {"model": "tts-1", "input": "Hello, world!", "voice": "alloy", "response_format": "mp3"}"""));
    }

    @Test
    void theFormatChoosesTheContentTypeWhateverTheProviderSays() throws Exception {
        fake.on("audio/speech", FakeOpenAi.chunked("application/octet-stream", List.of(new byte[] {1, 2, 3})));

        ObjectNode output = runs.run(type, Json.object().put("text", "Hi").put("voice", "nova").put("format", "WAV")
                .put("model", "tts-1-hd"));

        assertThat(runs.files.get(output.get("audio")).contentType()).isEqualTo("audio/wav");
        assertThat(output.get("audio").get("name").asString()).isEqualTo("speak.wav");
        assertThat(Json.parse(fake.onlyRequest().text()).get("voice").asString()).isEqualTo("nova");
    }

    @Test
    void theSeedsExampleMatchesThePorts() {
        // Seed 001: inputs {"text", "voice"}, output "{{tasks.text_to_speech.outputs.audio}}" of type file.
        assertThat(type.inputs()).filteredOn(Port::required).extracting(Port::name).containsExactly("text");
        assertThat(type.inputs()).extracting(Port::name).contains("text", "voice");
        assertThat(type.outputs()).extracting(Port::name, Port::type).containsExactly(
                tuple("audio", PortType.FILE));
    }

    @Test
    void anUnknownFormatIsNamed() {
        assertThat(runs.failure(type, Json.object().put("text", "Hi").put("format", "ogg")))
                .hasMessage("input 'format' must be one of mp3, opus, aac, flac, wav or pcm, got 'ogg'");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void aJsonOrEmptyAnswerIsMalformed() {
        fake.on("audio/speech", FakeOpenAi.json(200, "{\"ok\": true}"));
        assertThat(runs.failure(type, Json.object().put("text", "Hi")))
                .hasMessage("the provider's answer is malformed: it is JSON instead of audio");

        fake.on("audio/speech", FakeOpenAi.withHeaders(200, Map.of("Content-Type", "audio/mpeg"), ""));
        assertThat(runs.failure(type, Json.object().put("text", "Hi")))
                .hasMessage("the provider's answer is malformed: the audio is empty");
    }

    @Test
    void aRejectedKeyStoresNothing() {
        fake.on("audio/speech", FakeOpenAi.json(401, "{\"error\": {\"message\": \"bad key\"}}"));

        assertThat(runs.failure(type, Json.object().put("text", "Hi")).getMessage())
                .startsWith("the provider rejected the API key");
    }
}
