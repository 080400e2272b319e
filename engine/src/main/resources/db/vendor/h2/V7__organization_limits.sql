-- Indexes behind the per-organization limits (DATAFLOW_LIMIT_*), which count an organization's unfinished
-- executions, its undelivered webhook events and its files. PostgreSQL's V7 makes the first two partial.
CREATE INDEX executions_org_status_idx ON executions (organization_id, status);
CREATE INDEX webhook_deliveries_org_status_idx ON webhook_deliveries (organization_id, status);
CREATE INDEX files_org_idx ON files (organization_id, size);
