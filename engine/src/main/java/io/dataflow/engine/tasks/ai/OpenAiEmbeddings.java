package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.DeclaredTaskType;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.tasks.InputValues;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code openai.embeddings}: the embedding vector of each text ({@code POST /embeddings}), in the order of the
 * texts whatever order the provider lists them in.
 */
public final class OpenAiEmbeddings extends DeclaredTaskType {

    private static final Port INPUT = Port.required("input", PortType.ANY, "A text, or an array of texts");
    private static final Port MODEL = OpenAiClient.model("text-embedding-3-small");

    public OpenAiEmbeddings() {
        super("openai.embeddings", "Computes embedding vectors of texts with an OpenAI-compatible endpoint.",
                List.of(INPUT, MODEL, OpenAiClient.CREDENTIAL, OpenAiClient.BASE_URL),
                List.of(Port.output("embeddings", PortType.ARRAY, "One array of numbers per text, in order"),
                        Port.output("usage", PortType.OBJECT, "Token counts as the provider reported them")),
                Json.object().put(INPUT.name(), "The quick brown fox"));
    }

    @Override
    public ObjectNode execute(TaskContext context, ObjectNode input) throws TaskFailure, InterruptedException {
        ArrayNode texts = texts(InputValues.value(input, INPUT));
        ObjectNode body = Json.object().put("model", InputValues.text(input, MODEL)).put("encoding_format", "float");
        body.set("input", texts);
        JsonNode answer = OpenAiClient.connect(context, input).postJson("embeddings", body);
        ObjectNode output = context.json().createObjectNode();
        output.set("embeddings", embeddings(answer, texts.size()));
        JsonNode usage = answer.path("usage");
        output.set("usage", usage.isObject() ? usage : Json.object());
        return output;
    }

    private static ArrayNode texts(JsonNode value) throws TaskFailure {
        ArrayNode texts = Json.MAPPER.createArrayNode();
        if (value.isString()) {
            texts.add(value.stringValue());
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isString()) {
                    throw TaskFailure.permanent("input 'input' must be a text or an array of texts, and has an item"
                            + " of type " + PortType.describe(item));
                }
                texts.add(item);
            }
        } else {
            throw TaskFailure.permanent("input 'input' must be a text or an array of texts, got "
                    + PortType.describe(value));
        }
        if (texts.isEmpty()) {
            throw TaskFailure.permanent("input 'input' must not be an empty array");
        }
        for (JsonNode text : texts) {
            if (text.stringValue().isEmpty()) {
                throw TaskFailure.permanent("input 'input' must not contain an empty text");
            }
        }
        return texts;
    }

    /** The vectors from {@code data[].embedding}, placed by {@code data[].index}, one per text. */
    private static ArrayNode embeddings(JsonNode answer, int count) throws TaskFailure {
        JsonNode data = answer.path("data");
        if (!data.isArray() || data.size() != count) {
            throw OpenAiClient.malformed("it should have " + count + " item(s) in 'data'");
        }
        JsonNode[] byIndex = new JsonNode[count];
        for (int i = 0; i < count; i++) {
            JsonNode item = data.get(i);
            JsonNode vector = item.path("embedding");
            int index = item.path("index").asInt(i);
            if (!vector.isArray() || index < 0 || index >= count || byIndex[index] != null) {
                throw OpenAiClient.malformed("item " + i + " of 'data' has no array 'embedding' or a wrong 'index'");
            }
            for (JsonNode number : vector) {
                if (!number.isNumber()) {
                    throw OpenAiClient.malformed("item " + i + " of 'data' has an embedding that is not all numbers");
                }
            }
            byIndex[index] = vector;
        }
        ArrayNode embeddings = Json.MAPPER.createArrayNode();
        for (JsonNode vector : byIndex) {
            embeddings.add(vector);
        }
        return embeddings;
    }
}
