-- Indexes behind the per-organization limits (DATAFLOW_LIMIT_*), which count an organization's unfinished
-- executions, its undelivered webhook events and its files. On PostgreSQL the first two are partial: they hold only
-- the rows being counted, so they stay as small as the work in flight and finishing an execution or delivering an
-- event adds nothing to them. H2 has no partial indexes: its V7 indexes the status instead.
CREATE INDEX executions_org_unfinished_idx ON executions (organization_id)
    WHERE status IN ('QUEUED', 'RUNNING', 'WAITING', 'PAUSING', 'PAUSED');
CREATE INDEX webhook_deliveries_org_pending_idx ON webhook_deliveries (organization_id) WHERE status = 'PENDING';
CREATE INDEX files_org_idx ON files (organization_id, size);
