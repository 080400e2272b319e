-- How long a finished execution is kept, when it says so itself (seed 003's instance_retention; NULL: the server's
-- DATAFLOW_EXECUTION_RETENTION), in milliseconds: one period for a COMPLETED execution, one for a FAILED or
-- TERMINATED one. purge_at is when it is purged, set when it finishes from the period of how it finished (NULL when
-- it has none: the server's retention applies), cleared when it is restarted.
ALTER TABLE executions ADD COLUMN success_retention_ms BIGINT;
ALTER TABLE executions ADD COLUMN error_retention_ms BIGINT;
ALTER TABLE executions ADD COLUMN purge_at TIMESTAMP WITH TIME ZONE;

-- The retention of the executions started on a binding version that set none of their own (seed 003's
-- default_retention); NULL for the server's.
ALTER TABLE workflow_binding_versions ADD COLUMN success_retention_ms BIGINT;
ALTER TABLE workflow_binding_versions ADD COLUMN error_retention_ms BIGINT;
-- The index of purge_at is each database's own (V22 in db/vendor).
