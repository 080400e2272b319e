package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.OutboundHttp;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.tasks.InputValues;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * {@code openai.audio.tts}: speech of a text ({@code POST /audio/speech}), stored in the file store as the
 * {@code audio} file output. The file's content type follows the requested format, not the provider's header:
 * some compatible servers answer every format as {@code application/octet-stream}.
 */
public final class OpenAiSpeech extends DeclaredTaskType {

    /** The formats the OpenAI API offers, with their media types. */
    private static final Map<String, String> CONTENT_TYPES = Map.of("mp3", "audio/mpeg", "opus", "audio/ogg",
            "aac", "audio/aac", "flac", "audio/flac", "wav", "audio/wav", "pcm", "audio/pcm");

    private static final Port TEXT = Port.required("text", PortType.TEXT, "The text to speak");
    private static final Port VOICE = Port.optional("voice", PortType.TEXT, StringNode.valueOf("alloy"),
            "The voice, such as alloy, echo, fable, onyx, nova or shimmer");
    private static final Port MODEL = OpenAiClient.model("tts-1");
    private static final Port FORMAT = Port.optional("format", PortType.TEXT, StringNode.valueOf("mp3"),
            "The audio format: mp3, opus, aac, flac, wav or pcm");

    public OpenAiSpeech() {
        super("openai.audio.tts", "Turns a text into speech with an OpenAI-compatible endpoint and stores the audio.",
                List.of(TEXT, VOICE, MODEL, FORMAT, OpenAiClient.CREDENTIAL, OpenAiClient.BASE_URL),
                List.of(Port.output("audio", PortType.FILE, "The speech, as a stored file")),
                Json.object().put(TEXT.name(), "Hello, world!").put(VOICE.name(), "alloy"));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        String text = InputValues.text(input, TEXT);
        if (text.isBlank()) {
            throw TaskFailure.permanent("input 'text' must not be blank");
        }
        String format = format(InputValues.text(input, FORMAT));
        String contentType = CONTENT_TYPES.get(format);
        ObjectNode body = Json.object().put("model", InputValues.text(input, MODEL)).put("input", text)
                .put("voice", InputValues.text(input, VOICE)).put("response_format", format);
        OutboundHttp.Response response = OpenAiClient.connect(context, input).postForBytes("audio/speech", body);
        String answered = response.header("Content-Type");
        if (answered != null && answered.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw OpenAiClient.malformed("it is JSON instead of audio");
        }
        if (response.body().length == 0) {
            throw OpenAiClient.malformed("the audio is empty");
        }
        ObjectNode file = context.files().save(context.organizationId(), context.executionId(),
                context.taskName() + "." + format, contentType, response.body());
        ObjectNode output = context.json().createObjectNode();
        output.set("audio", file);
        return output;
    }

    /** A literal {@code format} the API does not offer is refused when the workflow is created. */
    @Override
    public List<Problem> checkLiteralInputs(ObjectNode literal) {
        JsonNode format = literal.get(FORMAT.name());
        return format == null ? List.of() : literalCheck(FORMAT, () -> format(format.stringValue()));
    }

    /** The format as the API names it, any case and spaces around it allowed; fails for one it does not offer. */
    private static String format(String given) throws TaskFailure {
        String format = given.strip().toLowerCase(Locale.ROOT);
        if (!CONTENT_TYPES.containsKey(format)) {
            throw TaskFailure.permanent("input 'format' must be one of mp3, opus, aac, flac, wav or pcm, got '"
                    + format + "'");
        }
        return format;
    }
}
