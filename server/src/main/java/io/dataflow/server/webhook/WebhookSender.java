package io.dataflow.server.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.store.WebhookDeliveryStore.Delivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Makes one attempt at delivering one event: checks the URL against the {@link OutboundGuard} again (what a name
 * resolves to can change after the URL was accepted), renders the body for the execution's API dialect, signs it
 * with the organization's secret and POSTs it. Only a 2xx answer counts as delivered; redirects are not followed.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** The longest one attempt can take, answer body included; the delivery lease must be longer. */
    static final Duration ATTEMPT_LIMIT = CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT);
    static final String USER_AGENT = "DataFlowPlatform-Webhooks/1";

    private final Engine engine;
    private final OutboundGuard guard;
    private final Clock clock;
    private final Map<String, WebhookPayloadRenderer> renderers = new HashMap<>();
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade dance with plain-http receivers
            .build();
    // Secrets are read from the database at most once a minute per organization.
    private final Cache<String, WebhookSigner> signers = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    WebhookSender(Engine engine, OutboundGuard guard, Clock clock, List<WebhookPayloadRenderer> renderers) {
        this.engine = engine;
        this.guard = guard;
        this.clock = clock;
        for (WebhookPayloadRenderer renderer : renderers) {
            if (this.renderers.putIfAbsent(renderer.triggerSource(), renderer) != null) {
                throw new IllegalStateException("two webhook renderers for trigger source " + renderer.triggerSource());
            }
        }
    }

    /** How one attempt went. */
    record Outcome(boolean delivered, Integer statusCode, String error, long durationMillis) {
    }

    /**
     * Sends {@code delivery} once. Every failure is an outcome, never an exception, so that even an event that
     * cannot be prepared is recorded, retried and finally given up on, instead of holding up its execution's next
     * events forever.
     *
     * @throws InterruptedException when the node is stopping; the attempt is abandoned unrecorded
     */
    Outcome send(Delivery delivery) throws InterruptedException {
        long started = System.nanoTime();
        try {
            return attempt(delivery, started);
        } catch (RuntimeException e) {
            log.error("cannot send webhook delivery {}", delivery.id(), e);
            return failed(null, "the platform could not prepare the event (" + e.getClass().getSimpleName() + ")",
                    started);
        }
    }

    private Outcome attempt(Delivery delivery, long started) throws InterruptedException {
        URI uri;
        try {
            guard.check(delivery.url());
            uri = guard.parse(delivery.url());
        } catch (OutboundGuard.RefusedException e) {
            return failed(null, "the webhook URL was refused: " + e.getMessage(), started);
        }
        WebhookSigner signer = signers.get(delivery.organizationId(), id -> engine.organizations().find(id)
                .map(org -> WebhookSigner.forSecret(org.webhookSecret())).orElse(null));
        if (signer == null) {
            return failed(null, "organization " + delivery.organizationId() + " no longer exists", started);
        }
        String body = Json.write(render(delivery.payload()));
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signer.sign(delivery.id(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            int status = exchange.get(ATTEMPT_LIMIT.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(true, status, null, millisSince(started));
            }
            return failed(status, "the receiver answered " + status, started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failed(null, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), started);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failed(null, "no complete answer within " + ATTEMPT_LIMIT.toSeconds() + " s", started);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    /** The body for this event: its dialect's rendering, or the stored payload when no dialect claims it. */
    JsonNode render(JsonNode payload) {
        WebhookPayloadRenderer renderer = renderers.get(payload.path("trigger_source").asString(""));
        return renderer == null ? payload : renderer.render(payload);
    }

    private static Outcome failed(Integer status, String error, long started) {
        return new Outcome(false, status, error, millisSince(started));
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
