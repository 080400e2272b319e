package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.FileStore;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.tasks.InputValues;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openai.audio.transcribe}: the text spoken in an audio file ({@code POST /audio/transcriptions}, a
 * multipart upload of the file from the file store).
 */
public final class OpenAiTranscription extends DeclaredTaskType {

    private static final Port AUDIO = Port.required("audio", PortType.FILE,
            "The audio file: mp3, mp4, mpeg, mpga, m4a, wav or webm");
    private static final Port MODEL = OpenAiClient.model("whisper-1");
    private static final Port LANGUAGE = Port.optional("language", PortType.TEXT, null,
            "The spoken language as an ISO-639-1 code such as en; detected when not given");
    private static final Port PROMPT = Port.optional("prompt", PortType.TEXT, null,
            "Text to guide the style, or words the audio is likely to contain");

    public OpenAiTranscription() {
        super("openai.audio.transcribe", "Transcribes the speech in an audio file with an OpenAI-compatible"
                + " endpoint.",
                List.of(AUDIO, MODEL, LANGUAGE, PROMPT, OpenAiClient.CREDENTIAL, OpenAiClient.BASE_URL),
                List.of(Port.output("text", PortType.TEXT, "The transcribed text")),
                null);
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        FileStore.StoredFile audio = context.files().read(context.organizationId(), InputValues.value(input, AUDIO));
        String model = InputValues.text(input, MODEL);
        MultipartForm form = new MultipartForm()
                .file("file", audio.name(), audio.contentType(), audio.content())
                .field("model", model)
                .field("response_format", "json");
        optionalField(form, input, LANGUAGE);
        optionalField(form, input, PROMPT);
        JsonNode answer = OpenAiClient.connect(context, input).postForm("audio/transcriptions", form, model);
        JsonNode text = answer.path("text");
        if (!text.isString()) {
            throw OpenAiClient.malformed("it has no text at 'text'");
        }
        return context.json().createObjectNode().put("text", text.stringValue());
    }

    private static void optionalField(MultipartForm form, ObjectNode input, Port port) throws TaskFailure {
        String value = InputValues.text(input, port);
        if (value != null && !value.isBlank()) {
            form.field(port.name(), value.strip());
        }
    }
}
