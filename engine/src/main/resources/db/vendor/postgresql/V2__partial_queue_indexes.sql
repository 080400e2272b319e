-- PostgreSQL only (H2 has no partial indexes). The queue's indexes hold just the rows they serve: ready task runs
-- for the claim, running ones for the lease sweeper. Finished task runs, nearly all of them, are in neither, so
-- finishing a task writes fewer index entries and the indexes stay as small as the work in flight.
DROP INDEX task_runs_ready_idx;
DROP INDEX task_runs_lease_idx;
CREATE INDEX task_runs_ready_idx ON task_runs (ready_at) WHERE status = 'READY';
CREATE INDEX task_runs_lease_idx ON task_runs (lease_expires_at) WHERE status = 'RUNNING';
