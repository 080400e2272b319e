package io.dataflow.engine.tasks.ai;

import io.dataflow.engine.spi.OutboundHttp;
import io.dataflow.engine.spi.TaskFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-only {@link OutboundHttp} over the JDK's client, for loopback servers: no outbound guard. A timeout shorter
 * than the request's stands in for a platform that cuts calls shorter, so tests can see a timeout quickly.
 */
final class JdkOutboundHttp implements OutboundHttp {

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Duration maxTimeout;

    JdkOutboundHttp(Duration maxTimeout) {
        this.maxTimeout = maxTimeout;
    }

    @Override
    public Response send(Request request) throws TaskFailure, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(request.timeout().compareTo(maxTimeout) < 0 ? request.timeout() : maxTimeout)
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.body().length > request.maxResponseBytes()) {
                throw TaskFailure.permanent("the answer is larger than " + request.maxResponseBytes() + " bytes");
            }
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            return new Response(response.statusCode(), headers, response.body(), response.uri().toString());
        } catch (HttpTimeoutException e) {
            throw TaskFailure.transientFailure("the call to " + request.url() + " timed out");
        } catch (IOException e) {
            throw TaskFailure.transientFailure("the call to " + request.url() + " failed: " + e.getMessage());
        }
    }
}
