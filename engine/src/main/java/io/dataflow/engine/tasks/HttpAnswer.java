package io.dataflow.engine.tasks;

import io.dataflow.engine.net.RetryAfter;
import io.dataflow.engine.net.Urls;
import io.dataflow.engine.spi.OutboundHttp.Response;
import io.dataflow.engine.spi.TaskFailure;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.util.Locale;

/** How the built-in HTTP task types read a response: its media type, its text and whether it counts as a failure. */
final class HttpAnswer {

    private HttpAnswer() {
    }

    /** The media type of the response in lower case, without parameters; empty when there is no content type. */
    static String mediaType(Response response) {
        String contentType = response.header("content-type");
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether the response says it is JSON ({@code application/json} or a {@code +json} type). */
    static boolean isJson(Response response) {
        String type = mediaType(response);
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** The charset the content type names, or null when it names none or one this JVM does not know. */
    static Charset charset(Response response) {
        String contentType = response.header("content-type");
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                try {
                    return Charset.forName(pair[1].strip().replace("\"", ""));
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The body as text, in the charset the content type names, else UTF-8. */
    static String text(Response response) {
        Charset charset = charset(response);
        return new String(response.body(), charset == null ? StandardCharsets.UTF_8 : charset);
    }

    /**
     * Fails unless the status is 2xx: retryable for 5xx and 429 (the server may recover, or asks to come back, and
     * its {@code Retry-After} is honoured), permanent for the rest, which another try would get again.
     */
    static void requireSuccess(String method, Response response) throws TaskFailure {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return;
        }
        String message = method + " " + Urls.withoutSecrets(response.url()) + " answered HTTP " + status;
        throw new TaskFailure(message, status >= 500 || status == 429,
                RetryAfter.parse(response.header("Retry-After"), Instant.now()).orElse(null));
    }
}
