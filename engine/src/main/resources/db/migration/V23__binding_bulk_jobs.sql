-- Bulk jobs of a binding (seed 003's batch terminate): a job acts on the executions of one workflow (workflow_id) or
-- on those started through one binding (binding_id), exactly one of the two. A binding's executions may be of
-- several workflows (it can be bound to one after another); the job acts on each in its own workflow.
--
-- A binding job's filter ids are execution names (up to 100 characters), so after_id, the last one done, grows.
-- one_at_a_time: while such a job is unfinished, asking for another of its action in its scope finds it (its
-- active_key is the action's alone), whatever its filter; seed 003 terminates "all instances" one job at a time.
ALTER TABLE bulk_jobs ADD COLUMN binding_id VARCHAR(40) REFERENCES workflow_bindings (id);
ALTER TABLE bulk_jobs ADD COLUMN one_at_a_time BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE bulk_jobs ALTER COLUMN workflow_id DROP NOT NULL;
ALTER TABLE bulk_jobs ALTER COLUMN after_id SET DATA TYPE VARCHAR(100);
ALTER TABLE bulk_jobs ADD CONSTRAINT bulk_jobs_one_scope CHECK ((workflow_id IS NULL AND binding_id IS NOT NULL)
    OR (workflow_id IS NOT NULL AND binding_id IS NULL));
CREATE INDEX bulk_jobs_binding_idx ON bulk_jobs (binding_id, id);
CREATE UNIQUE INDEX bulk_jobs_binding_idempotency_idx ON bulk_jobs (binding_id, idempotency_key);
CREATE UNIQUE INDEX bulk_jobs_binding_active_idx ON bulk_jobs (binding_id, active_key);
