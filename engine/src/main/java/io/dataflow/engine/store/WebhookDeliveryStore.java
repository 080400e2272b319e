package io.dataflow.engine.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The webhook outbox seen from the delivery side. A delivery is due when its time has come and every earlier event
 * of the same execution has been delivered or given up on, so a receiver sees each execution's events in order.
 * Claims are fair: a node takes no more than its {@link DeliveryQuota} allows per target and per organization, and
 * targets that keep failing are held back by their {@link TargetBreaker circuit breaker}.
 */
public final class WebhookDeliveryStore {

    /** A first failure of a target inserted by two nodes at once makes one of them record its attempt again. */
    private static final int MAX_RECORD_TRIES = 3;

    private static final String SELECT = "SELECT d.id, d.organization_id, d.execution_id, d.sequence, d.url,"
            + " d.target, d.event_type, d.payload, d.attempts, d.created_at FROM webhook_deliveries d";
    private static final String LEASE_FREE = " AND (d.lease_expires_at IS NULL OR d.lease_expires_at < ?)";
    /** Only an execution's earliest pending event is handed out. */
    private static final String HEAD = " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p"
            + " WHERE p.execution_id = d.execution_id AND p.status = " + StatusSql.of(DeliveryStatus.PENDING)
            + " AND p.sequence < d.sequence)";

    private final Database database;
    private final Clock clock;

    public WebhookDeliveryStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * An event to deliver, leased to one sender.
     *
     * @param target the {@link WebhookTarget} of the URL
     * @param probe whether this is the one attempt let through to a target whose breaker is half-open
     */
    public record Delivery(String id, String organizationId, String executionId, int sequence, String url,
            String target, String eventType, JsonNode payload, int attempts, Instant createdAt, boolean probe) {

        Delivery asProbe() {
            return new Delivery(id, organizationId, executionId, sequence, url, target, eventType, payload, attempts,
                    createdAt, true);
        }
    }

    /**
     * What one claim leased.
     *
     * @param more whether a claim right away may find more: this one read as many as it could take and made
     *     progress, so the quota, not the lack of due deliveries, ended it
     */
    public record Claim(List<Delivery> deliveries, boolean more) {
    }

    /**
     * Leases due deliveries for {@code lease}, as many as {@code quota} allows, the longest due first. Deliveries of
     * targets and organizations already at their limit are not read at all. Each half-open target gets one probe
     * first; due deliveries of a target that is held back (written just as its breaker opened, or parked for
     * longer than {@link TargetBreaker#PARKING}) are parked.
     */
    public Claim claimDue(DeliveryQuota quota, Duration lease) {
        if (quota.free() <= 0) {
            return new Claim(List.of(), false);
        }
        Instant now = clock.instant();
        return database.progressTransaction(sql -> {
            DeliveryQuota.Tally tally = quota.tally();
            List<Delivery> taken = new ArrayList<>(probes(sql, tally, quota, now, now.plus(lease)));
            List<Object> params = new ArrayList<>(List.of(now, now));
            StringBuilder limits = new StringBuilder();
            exclude(limits, params, "d.target", quota.fullTargets());
            exclude(limits, params, "d.organization_id", quota.fullOrganizations());
            params.add(quota.free());
            List<Delivery> due = sql.query(SELECT + " WHERE d.status = " + StatusSql.of(DeliveryStatus.PENDING)
                    + " AND d.next_attempt_at <= ?"
                    + LEASE_FREE + limits + HEAD + " ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED",
                    WebhookDeliveryStore::delivery, params.toArray());
            Set<String> targets = new LinkedHashSet<>();
            due.forEach(d -> targets.add(d.target()));
            Map<String, Instant> heldBack = TargetBreaker.heldBack(sql, targets);
            Set<String> parked = new HashSet<>();
            for (Delivery delivery : due) {
                if (heldBack.containsKey(delivery.target())) {
                    if (parked.add(delivery.target())) {
                        TargetBreaker.park(sql, delivery.target(), now);
                    }
                } else if (tally.admit(delivery.target(), delivery.organizationId())) {
                    taken.add(delivery);
                }
            }
            if (!taken.isEmpty()) {
                sql.update("UPDATE webhook_deliveries SET lease_expires_at = ? WHERE id IN ("
                        + Sql.placeholders(taken.size()) + ")", Sql.concat(new Object[] {now.plus(lease)},
                                taken.stream().map(Delivery::id).toList()));
            }
            boolean progress = !taken.isEmpty() || !parked.isEmpty();
            return new Claim(List.copyOf(taken), due.size() == quota.free() && progress);
        });
    }

    private static Delivery delivery(Sql.Row r) throws SQLException {
        return new Delivery(r.string("id"), r.string("organization_id"), r.string("execution_id"),
                r.integer("sequence"), r.string("url"), r.string("target"), r.string("event_type"), r.json("payload"),
                r.integer("attempts"), r.instant("created_at"), false);
    }

    /**
     * One probe per half-open target that the quota allows: its execution's earliest pending event (parked or
     * not), leased like any other, with the target held for {@code probeUntil}.
     */
    private static List<Delivery> probes(Sql sql, DeliveryQuota.Tally tally, DeliveryQuota quota, Instant now,
            Instant probeUntil) throws SQLException {
        List<Delivery> probes = new ArrayList<>();
        for (String target : TargetBreaker.halfOpen(sql, now, quota.fullTargets())) {
            Optional<Delivery> probe = sql.one(SELECT + " WHERE d.target = ? AND d.status = "
                    + StatusSql.of(DeliveryStatus.PENDING) + LEASE_FREE
                    + HEAD + " ORDER BY d.next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                    WebhookDeliveryStore::delivery, target, now);
            if (probe.isEmpty()) {
                TargetBreaker.nothingToProbe(sql, target, now);
            } else if (tally.admit(target, probe.get().organizationId())
                    && TargetBreaker.takeProbe(sql, target, now, probeUntil)) {
                probes.add(probe.get().asProbe());
            }
        }
        return probes;
    }

    private static void exclude(StringBuilder where, List<Object> params, String column, Set<String> values) {
        if (!values.isEmpty()) {
            where.append(" AND ").append(column).append(" NOT IN (").append(Sql.placeholders(values.size()))
                    .append(")");
            params.addAll(values);
        }
    }

    /**
     * How one attempt went.
     *
     * @param statusCode the receiver's HTTP status, or null when no answer came
     * @param targetFailed whether the failure counts against the target (no answer, a refused address, a non-2xx
     *     answer), rather than being the platform's own (an event it could not prepare)
     */
    public record Attempt(boolean delivered, Integer statusCode, String error, long durationMillis,
            boolean targetFailed) {
    }

    /**
     * Records one attempt's result, and its target's health for the breaker. A delivery whose target's breaker is
     * open retries no sooner than the breaker allows.
     *
     * @param retryAt when to try again, or null to give up (the delivery becomes FAILED)
     * @return when this attempt opened its target's breaker: until when the target is left alone
     */
    public Optional<Instant> recordAttempt(Delivery delivery, Attempt attempt, Instant retryAt,
            BreakerPolicy breaker) {
        for (int tries = 1; ; tries++) {
            try {
                return record(delivery, attempt, retryAt, breaker);
            } catch (DataAccessException e) {
                if (!e.isUniqueViolation() || tries >= MAX_RECORD_TRIES) {
                    throw e;
                }
            }
        }
    }

    private Optional<Instant> record(Delivery delivery, Attempt attempt, Instant retryAt, BreakerPolicy breaker) {
        Instant now = clock.instant();
        return database.progressTransaction(sql -> {
            Instant next = retryAt;
            Optional<Instant> opened = Optional.empty();
            if (attempt.delivered()) {
                TargetBreaker.answered(sql, delivery.target(), now);
            } else if (attempt.targetFailed()) {
                TargetBreaker.Verdict verdict = TargetBreaker.failed(sql, delivery.target(), delivery.probe(), now,
                        breaker);
                if (next != null && verdict.heldUntil() != null && verdict.heldUntil().isAfter(next)) {
                    next = verdict.heldUntil();
                }
                if (verdict.opened()) {
                    opened = Optional.of(verdict.heldUntil());
                }
            }
            int number = delivery.attempts() + 1;
            DeliveryStatus status = attempt.delivered() ? DeliveryStatus.DELIVERED
                    : next == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
            int updated = sql.update("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_error = ?,"
                    + " lease_expires_at = NULL, next_attempt_at = COALESCE(?, next_attempt_at), delivered_at = ?"
                    + " WHERE id = ?", status, number, attempt.error(), next, attempt.delivered() ? now : null,
                    delivery.id());
            if (updated > 0) { // else deleted with its execution while it was sent
                sql.update("INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, error,"
                        + " duration_ms) VALUES (?, ?, ?, ?, ?, ?)", delivery.id(), number, now, attempt.statusCode(),
                        attempt.error(), attempt.durationMillis());
            }
            return opened;
        });
    }

    /** Forgets the failures of targets that have not failed since {@code before} and hold nothing back. */
    public int forgetTargetsIdleSince(Instant before) {
        return database.progressTransaction(sql -> TargetBreaker.forget(sql, before));
    }
}
