package io.dataflow.engine.store;

import io.dataflow.engine.model.ExecutionStatus;
import java.sql.SQLException;

/**
 * How much of the engine's resources an organization holds now: what per-organization limits are checked against.
 * Each count is one indexed query (V7); a caller on a hot path caches it.
 */
public final class OrganizationUsage {

    private final Database database;

    public OrganizationUsage(Database database) {
        this.database = database;
    }

    /** An organization's stored files: how many and their total size in bytes. */
    public record Files(long count, long bytes) {
    }

    /** Executions of the organization that have not finished: queued, running, waiting or paused. */
    public long unfinishedExecutions(String organizationId) {
        return database.read(sql -> sql.one("SELECT COUNT(*) AS n FROM executions WHERE organization_id = ?"
                + " AND status IN "
                + StatusSql.in(ExecutionStatus.UNFINISHED), r -> r.longValue("n"), organizationId)).orElse(0L);
    }

    /** Webhook events of the organization's executions not yet delivered nor given up on. */
    public long pendingWebhookEvents(String organizationId) {
        return database.read(sql -> sql.one("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE organization_id = ?"
                + " AND status = " + StatusSql.of(DeliveryStatus.PENDING), r -> r.longValue("n"), organizationId))
                .orElse(0L);
    }

    /** The organization's stored files, uploaded or produced by tasks. */
    public Files files(String organizationId) {
        return database.read(sql -> files(sql, organizationId));
    }

    /** The organization's stored files as the caller's transaction sees them. */
    static Files files(Sql sql, String organizationId) throws SQLException {
        return sql.one("SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM files WHERE organization_id = ?",
                r -> new Files(r.longValue("n"), r.longValue("bytes")), organizationId).orElse(new Files(0, 0));
    }
}
