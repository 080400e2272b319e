package io.dataflow.server.webhook;

import io.dataflow.engine.store.BreakerPolicy;
import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * How webhook delivery shares its attempts out and gives up on slow or failing receivers, from the environment
 * variables the README lists. The limits are per node. (Retry backoff and polling are in {@code DataflowSettings}.)
 *
 * @param timeout the most one attempt may take, connecting, sending and the answer included
 * @param maxInFlight attempts this node makes at once
 * @param maxPerTarget attempts in flight to one receiver ({@code host:port} of the URL)
 * @param maxPerOrganization attempts in flight for one organization's executions
 * @param breakerFailures failed attempts in a row after which a receiver is left alone for a while
 * @param breakerCooldown how long at first; it doubles each time the receiver fails again, up to 10 minutes
 */
public record WebhookSettings(Duration timeout, int maxInFlight, int maxPerTarget, int maxPerOrganization,
        int breakerFailures, Duration breakerCooldown) {

    /** The longest a connection may take to open, when the attempt's timeout is longer. */
    static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_COOLDOWN = Duration.ofMinutes(10);

    public WebhookSettings {
        atLeastOne("DATAFLOW_WEBHOOK_TIMEOUT_MS", timeout.toMillis());
        atLeastOne("DATAFLOW_WEBHOOK_MAX_IN_FLIGHT", maxInFlight);
        atLeastOne("DATAFLOW_WEBHOOK_MAX_PER_TARGET", maxPerTarget);
        atLeastOne("DATAFLOW_WEBHOOK_MAX_PER_ORGANIZATION", maxPerOrganization);
        atLeastOne("DATAFLOW_WEBHOOK_BREAKER_FAILURES", breakerFailures);
        atLeastOne("DATAFLOW_WEBHOOK_BREAKER_COOLDOWN_MS", breakerCooldown.toMillis());
    }

    public static WebhookSettings from(Environment env) {
        return new WebhookSettings(
                Duration.ofMillis(env.getProperty("DATAFLOW_WEBHOOK_TIMEOUT_MS", Long.class, 5_000L)),
                env.getProperty("DATAFLOW_WEBHOOK_MAX_IN_FLIGHT", Integer.class, 64),
                env.getProperty("DATAFLOW_WEBHOOK_MAX_PER_TARGET", Integer.class, 8),
                env.getProperty("DATAFLOW_WEBHOOK_MAX_PER_ORGANIZATION", Integer.class, 16),
                env.getProperty("DATAFLOW_WEBHOOK_BREAKER_FAILURES", Integer.class, 5),
                Duration.ofMillis(env.getProperty("DATAFLOW_WEBHOOK_BREAKER_COOLDOWN_MS", Long.class, 10_000L)));
    }

    private static void atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    /** The connect timeout: short, since a receiver that does not accept a connection in 2 s is not well. */
    Duration connectTimeout() {
        return timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    }

    /**
     * How long a claimed delivery stays this node's: longer than an attempt and its recording can take, so that
     * no other node sends the same event meanwhile, unless this one died.
     */
    Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(10);
    }

    BreakerPolicy breaker() {
        return new BreakerPolicy(breakerFailures, breakerCooldown,
                breakerCooldown.compareTo(MAX_COOLDOWN) > 0 ? breakerCooldown : MAX_COOLDOWN);
    }
}
