package io.dataflow.engine.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How many more webhook deliveries a node may take in one claim: {@code free} in all, and no target ({@code
 * host:port}) or organization beyond its own limit, counting what the node already has in flight. This is what
 * keeps one tenant, or one receiver that never answers, from taking every slot.
 *
 * @param free attempts the node may start now
 * @param perTarget the most attempts in flight to one target
 * @param perOrganization the most attempts in flight for one organization
 * @param targets attempts in flight per target (targets with none may be absent)
 * @param organizations attempts in flight per organization (likewise)
 */
public record DeliveryQuota(int free, int perTarget, int perOrganization, Map<String, Integer> targets,
        Map<String, Integer> organizations) {

    public DeliveryQuota {
        if (perTarget < 1 || perOrganization < 1) {
            throw new IllegalArgumentException("the per-target and per-organization limits must be at least 1");
        }
        targets = Map.copyOf(targets);
        organizations = Map.copyOf(organizations);
    }

    /** Targets at their limit: a claim does not even look at their deliveries. */
    Set<String> fullTargets() {
        return full(targets, perTarget);
    }

    /** Organizations at their limit. */
    Set<String> fullOrganizations() {
        return full(organizations, perOrganization);
    }

    private static Set<String> full(Map<String, Integer> inFlight, int limit) {
        return inFlight.entrySet().stream().filter(e -> e.getValue() >= limit).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** A fresh count for one claim, which admits deliveries one by one. */
    Tally tally() {
        return new Tally();
    }

    /** The quota as a claim uses it up. Not thread-safe; one per claim transaction (a retried one starts over). */
    final class Tally {
        private final Map<String, Integer> targetCounts = new HashMap<>(targets);
        private final Map<String, Integer> organizationCounts = new HashMap<>(organizations);
        private int taken;

        /** Whether one more delivery to {@code target} for {@code organization} fits; counts it when it does. */
        boolean admit(String target, String organization) {
            if (taken >= free || targetCounts.getOrDefault(target, 0) >= perTarget
                    || organizationCounts.getOrDefault(organization, 0) >= perOrganization) {
                return false;
            }
            taken++;
            targetCounts.merge(target, 1, Integer::sum);
            organizationCounts.merge(organization, 1, Integer::sum);
            return true;
        }
    }
}
