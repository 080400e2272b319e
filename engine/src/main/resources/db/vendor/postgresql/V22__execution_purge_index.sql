-- PostgreSQL: only executions with a retention of their own have a purge_at (V21), so only they have an entry; every
-- other execution finishes without entering this index, as before.
CREATE INDEX executions_purge_idx ON executions (purge_at) WHERE purge_at IS NOT NULL;
