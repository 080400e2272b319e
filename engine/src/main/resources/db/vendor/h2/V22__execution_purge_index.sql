-- H2: the index of when executions with a retention of their own are purged (V21). H2 has no partial indexes, so
-- every execution has an entry, NULL for the others (PostgreSQL's V22 keeps only those with a purge_at).
CREATE INDEX executions_purge_idx ON executions (purge_at);
