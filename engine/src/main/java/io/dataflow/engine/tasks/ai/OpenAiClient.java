package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Port;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.net.RetryAfter;
import io.dataflow.engine.net.Urls;
import io.dataflow.engine.spi.OutboundHttp;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.tasks.InputValues;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Calls one OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM, LM Studio) for the AI task
 * types: joins the base URL and the operation's path, sends the API key, and turns the provider's answers into
 * JSON or into {@link TaskFailure}s a user can act on.
 *
 * <p>The base URL and the key come from the credential named by the task's {@code credential} input: its fields
 * {@code api_key} (optional, local servers need none), {@code base_url} (default {@value #DEFAULT_BASE_URL}) and
 * {@code organization} (optional). A task's {@code base_url} input overrides the credential's. The key never
 * appears in a failure message: the provider's own message is dropped for 401 and 403 (OpenAI's quotes part of the
 * key) and the key is masked in any other message it could be echoed in.
 */
final class OpenAiClient {

    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    static final Port CREDENTIAL = Port.optional("credential", PortType.TEXT, StringNode.valueOf("openai"),
            "The credential with the provider's api_key, base_url and organization");
    static final Port BASE_URL = Port.optional("base_url", PortType.TEXT, null,
            "The endpoint's base URL, instead of the credential's (such as http://localhost:11434/v1)");

    /** The {@code model} input, with the operation's usual model as its default. */
    static Port model(String defaultModel) {
        return Port.optional("model", PortType.TEXT, StringNode.valueOf(defaultModel),
                "The model, as the provider names it");
    }

    /** Generous: a long completion or speech of a long text takes a while; the task's own timeout may be shorter. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** Large enough for speech of a long text, and for embeddings of a large batch. */
    private static final long MAX_RESPONSE_BYTES = 64L * 1024 * 1024;

    private static final int MAX_PROVIDER_MESSAGE = 500;

    private final OutboundHttp http;
    private final String baseUrl;
    private final String apiKey;
    private final String organization;

    private OpenAiClient(OutboundHttp http, String baseUrl, String apiKey, String organization) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.organization = organization;
    }

    /** The client for a task: its credential, and its base URL input when given. */
    static OpenAiClient connect(TaskContext context, ObjectNode input) throws TaskFailure {
        String credentialName = InputValues.text(input, CREDENTIAL);
        ObjectNode credential = context.requireCredential(credentialName, CREDENTIAL.name());
        String where = "credential '" + credentialName + "'";
        String override = InputValues.text(input, BASE_URL);
        String baseUrl = override != null
                ? checkedBaseUrl(override, "input 'base_url'")
                : checkedBaseUrl(field(credential, "base_url", where, DEFAULT_BASE_URL), where + " field 'base_url'");
        return new OpenAiClient(context.http(), baseUrl, field(credential, "api_key", where, null),
                field(credential, "organization", where, null));
    }

    /** POSTs a JSON body and parses the JSON answer. The body's {@code model} names the model in failures. */
    JsonNode postJson(String path, ObjectNode body) throws TaskFailure, InterruptedException {
        OutboundHttp.Response response = post(path, "application/json",
                body.toString().getBytes(StandardCharsets.UTF_8), body.path("model").asString(""));
        return parse(response);
    }

    /** POSTs a multipart form and parses the JSON answer. */
    JsonNode postForm(String path, MultipartForm form, String model) throws TaskFailure, InterruptedException {
        return parse(post(path, form.contentType(), form.bytes(), model));
    }

    /** POSTs a JSON body and returns the successful answer as it came, for binary answers such as audio. */
    OutboundHttp.Response postForBytes(String path, ObjectNode body) throws TaskFailure, InterruptedException {
        return post(path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8),
                body.path("model").asString(""));
    }

    private OutboundHttp.Response post(String path, String contentType, byte[] body, String model)
            throws TaskFailure, InterruptedException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(contentType));
        if (apiKey != null && !apiKey.isBlank()) {
            headers.put("Authorization", List.of("Bearer " + apiKey));
        }
        if (organization != null && !organization.isBlank()) {
            headers.put("OpenAI-Organization", List.of(organization));
        }
        String url = url(path);
        OutboundHttp.Response response = http.send(
                new OutboundHttp.Request("POST", url, headers, body, TIMEOUT, 0, MAX_RESPONSE_BYTES));
        if (response.status() / 100 != 2) {
            throw failure(response, url, model);
        }
        return response;
    }

    /** The operation's URL: the base URL, one slash, the path; a query in the base URL stays at the end. */
    private String url(String path) {
        int query = baseUrl.indexOf('?');
        String base = query < 0 ? baseUrl : baseUrl.substring(0, query);
        String joined = base.replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
        return query < 0 ? joined : joined + baseUrl.substring(query);
    }

    private TaskFailure failure(OutboundHttp.Response response, String url, String model) {
        int status = response.status();
        String answered = " (HTTP " + status + " from " + Urls.withoutSecrets(url) + ")";
        Duration wait = RetryAfter.parse(response.header("Retry-After"), Instant.now()).orElse(null);
        return switch (status) {
            case 401, 403 -> TaskFailure.permanent("the provider rejected the API key" + answered
                    + "; check the credential's api_key");
            case 404 -> TaskFailure.permanent("the provider does not know model '" + model + "', or the base URL is"
                    + " wrong" + answered + providerMessage(response));
            case 429 -> new TaskFailure("the provider is limiting the rate of requests" + answered
                    + (wait == null ? "" : "; it asks to retry after " + wait.toSeconds() + " s")
                    + providerMessage(response), true, wait);
            default -> status >= 500
                    ? new TaskFailure("the provider failed" + answered + providerMessage(response), true, wait)
                    : TaskFailure.permanent("the provider refused the request" + answered + providerMessage(response));
        };
    }

    /**
     * ": " and the provider's error message: OpenAI's {@code {"error": {"message"}}}, Ollama's {@code {"error"}},
     * vLLM's {@code {"message"}}, a FastAPI server's {@code {"detail"}}, else the body as it is.
     */
    private String providerMessage(OutboundHttp.Response response) {
        String text = new String(response.body(), StandardCharsets.UTF_8).strip();
        try {
            JsonNode answer = Json.MAPPER.readTree(text);
            for (JsonNode message : List.of(answer.path("error").path("message"), answer.path("error"),
                    answer.path("message"), answer.path("detail"))) {
                if (message.isString()) {
                    text = message.stringValue();
                    break;
                }
            }
        } catch (JacksonException notJson) {
            // Not JSON: the plain text is the message.
        }
        if (apiKey != null && !apiKey.isBlank()) {
            text = text.replace(apiKey, "***");
        }
        text = text.length() > MAX_PROVIDER_MESSAGE ? text.substring(0, MAX_PROVIDER_MESSAGE) + "..." : text;
        return text.isBlank() ? "" : ": " + text;
    }

    private static JsonNode parse(OutboundHttp.Response response) throws TaskFailure {
        try {
            JsonNode json = Json.MAPPER.readTree(response.body());
            if (json == null || !json.isObject()) {
                throw malformed("its answer is not a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw malformed("its answer is not valid JSON");
        }
    }

    /** A permanent failure for an answer that does not have the shape the OpenAI API documents. */
    static TaskFailure malformed(String what) {
        return TaskFailure.permanent("the provider's answer is malformed: " + what);
    }

    private static String field(ObjectNode credential, String name, String where, String fallback)
            throws TaskFailure {
        JsonNode value = credential.get(name);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isString()) {
            throw TaskFailure.permanent(where + ": field '" + name + "' must be text");
        }
        return value.stringValue().isBlank() ? fallback : value.stringValue().strip();
    }

    private static String checkedBaseUrl(String url, String where) throws TaskFailure {
        String trimmed = url.strip();
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw TaskFailure.permanent(where + " must be an http:// or https:// URL, got '" + trimmed + "'");
        }
        return trimmed;
    }
}
