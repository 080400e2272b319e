package io.dataflow.engine.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The webhook outbox seen from the delivery side. A delivery is due when its time has come and every earlier event
 * of the same execution has been delivered or given up on, so a receiver sees each execution's events in order.
 */
public final class WebhookDeliveryStore {

    private final Database database;
    private final Clock clock;

    public WebhookDeliveryStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** An event to deliver, leased to one sender. */
    public record Delivery(String id, String organizationId, String executionId, int sequence, String url,
            String eventType, JsonNode payload, int attempts, Instant createdAt) {
    }

    /** Leases up to {@code max} due deliveries for {@code lease}. */
    public List<Delivery> claimDue(int max, Duration lease) {
        Instant now = clock.instant();
        return database.progressTransaction(sql -> {
            List<Delivery> due = sql.query("SELECT d.id, d.organization_id, d.execution_id, d.sequence, d.url,"
                    + " d.event_type, d.payload, d.attempts, d.created_at FROM webhook_deliveries d"
                    + " WHERE d.status = 'PENDING' AND d.next_attempt_at <= ?"
                    + " AND (d.lease_expires_at IS NULL OR d.lease_expires_at < ?)"
                    + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.execution_id = d.execution_id"
                    + " AND p.status = 'PENDING' AND p.sequence < d.sequence)"
                    + " ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED",
                    r -> new Delivery(r.string("id"), r.string("organization_id"), r.string("execution_id"),
                            r.integer("sequence"), r.string("url"), r.string("event_type"), r.json("payload"),
                            r.integer("attempts"), r.instant("created_at")), now, now, max);
            if (!due.isEmpty()) {
                sql.update("UPDATE webhook_deliveries SET lease_expires_at = ? WHERE id IN ("
                        + Sql.placeholders(due.size()) + ")", Sql.concat(new Object[] {now.plus(lease)},
                                due.stream().map(Delivery::id).toList()));
            }
            return due;
        });
    }

    /**
     * Records one attempt's result.
     *
     * @param statusCode the receiver's HTTP status, or null when no answer came
     * @param retryAt when to try again, or null to give up (the delivery becomes FAILED)
     */
    public void recordAttempt(Delivery delivery, Integer statusCode, String error, long durationMillis,
            boolean delivered, Instant retryAt) {
        Instant now = clock.instant();
        database.progressTransaction(sql -> {
            int attempt = delivery.attempts() + 1;
            String status = delivered ? "DELIVERED" : retryAt == null ? "FAILED" : "PENDING";
            int updated = sql.update("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_error = ?,"
                    + " lease_expires_at = NULL, next_attempt_at = COALESCE(?, next_attempt_at), delivered_at = ?"
                    + " WHERE id = ?", status, attempt, error, retryAt, delivered ? now : null, delivery.id());
            if (updated > 0) { // else deleted with its execution while it was sent
                sql.update("INSERT INTO webhook_attempts (delivery_id, attempt, attempted_at, status_code, error,"
                        + " duration_ms) VALUES (?, ?, ?, ?, ?, ?)", delivery.id(), attempt, now, statusCode, error,
                        durationMillis);
            }
            return null;
        });
    }
}
