package io.dataflow.server.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.store.WebhookDeliveryStore.Attempt;
import io.dataflow.engine.store.WebhookDeliveryStore.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Makes one attempt at delivering one event: renders the body for the execution's API dialect, signs it with the
 * organization's secret and has the {@link WebhookPoster} POST it, which checks the URL against the outbound guard
 * again (what a name resolves to can change after the URL was accepted). Only a 2xx answer counts as delivered;
 * redirects are not followed.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    static final String USER_AGENT = "DataFlowPlatform-Webhooks/1";

    private final Engine engine;
    private final WebhookPoster poster;
    private final Clock clock;
    private final Map<String, WebhookPayloadRenderer> renderers = new HashMap<>();
    // Secrets are read from the database at most once a minute per organization.
    private final Cache<String, WebhookSigner> signers = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

    WebhookSender(Engine engine, WebhookPoster poster, Clock clock, List<WebhookPayloadRenderer> renderers) {
        this.engine = engine;
        this.poster = poster;
        this.clock = clock;
        for (WebhookPayloadRenderer renderer : renderers) {
            if (this.renderers.putIfAbsent(renderer.triggerSource(), renderer) != null) {
                throw new IllegalStateException("two webhook renderers for trigger source " + renderer.triggerSource());
            }
        }
    }

    /**
     * Sends {@code delivery} once. Every failure is an outcome, never an exception, so that even an event that
     * cannot be prepared is recorded, retried and finally given up on, instead of holding up its execution's next
     * events forever. Such a failure is the platform's, not the receiver's: it does not count against the target.
     *
     * @throws InterruptedException when the node is stopping; the attempt is abandoned unrecorded
     */
    Attempt send(Delivery delivery) throws InterruptedException {
        long started = System.nanoTime();
        try {
            return attempt(delivery, started);
        } catch (RuntimeException e) {
            log.error("cannot send webhook delivery {}", delivery.id(), e);
            return unsent("the platform could not prepare the event (" + e.getClass().getSimpleName() + ")", started);
        }
    }

    private Attempt attempt(Delivery delivery, long started) throws InterruptedException {
        WebhookSigner signer = signers.get(delivery.organizationId(), id -> engine.organizations().find(id)
                .map(org -> WebhookSigner.forSecret(org.webhookSecret())).orElse(null));
        if (signer == null) {
            return unsent("organization " + delivery.organizationId() + " no longer exists", started);
        }
        String body = Json.write(render(delivery.payload()));
        long timestamp = clock.instant().getEpochSecond();
        Map<String, List<String>> headers = Map.of(
                "Content-Type", List.of("application/json"),
                "User-Agent", List.of(USER_AGENT),
                "webhook-id", List.of(delivery.id()),
                "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signer.sign(delivery.id(), timestamp, body)));
        return poster.post(delivery.url(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body for this event: its dialect's rendering, or the stored payload when no dialect claims it. */
    JsonNode render(JsonNode payload) {
        WebhookPayloadRenderer renderer = renderers.get(payload.path("trigger_source").asString(""));
        return renderer == null ? payload : renderer.render(payload);
    }

    private static Attempt unsent(String error, long started) {
        return new Attempt(false, null, error, WebhookPoster.millisSince(started), false);
    }
}
