package io.dataflow.server.webhook;

import io.dataflow.engine.store.DeliveryQuota;
import io.dataflow.engine.store.WebhookDeliveryStore.Delivery;
import java.util.HashMap;
import java.util.Map;

/**
 * The webhook attempts this node has under way, in all, per target and per organization, and what that leaves
 * for the next claim. Thread-safe: the claiming thread adds, the attempts remove themselves when they end.
 */
final class InFlight {

    private final WebhookSettings settings;
    private final Map<String, Integer> targets = new HashMap<>();
    private final Map<String, Integer> organizations = new HashMap<>();
    private int total;

    InFlight(WebhookSettings settings) {
        this.settings = settings;
    }

    synchronized void started(Delivery delivery) {
        total++;
        targets.merge(delivery.target(), 1, Integer::sum);
        organizations.merge(delivery.organizationId(), 1, Integer::sum);
    }

    synchronized void finished(Delivery delivery) {
        total--;
        targets.computeIfPresent(delivery.target(), (target, n) -> n > 1 ? n - 1 : null);
        organizations.computeIfPresent(delivery.organizationId(), (organization, n) -> n > 1 ? n - 1 : null);
    }

    /** What the next claim may take. */
    synchronized DeliveryQuota quota() {
        return new DeliveryQuota(settings.maxInFlight() - total, settings.maxPerTarget(), settings.maxPerOrganization(),
                targets, organizations);
    }
}
