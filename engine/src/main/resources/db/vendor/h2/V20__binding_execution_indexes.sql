-- H2: the indexes of executions started through a binding (V19). H2 has no partial indexes, so every execution has
-- an entry, NULL for those of no binding (PostgreSQL's V20 keeps only bound ones).
CREATE UNIQUE INDEX executions_binding_name_idx ON executions (binding_id, execution_name);
CREATE INDEX executions_binding_idx ON executions (binding_id, id);
CREATE INDEX executions_binding_status_idx ON executions (binding_id, status, id);
