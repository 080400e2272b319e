-- Task runs are created when their step becomes runnable, by the decider, instead of all at once when an execution
-- starts; a step not reached yet has no row (reads show it as PENDING from the plan). Runs that waited for their
-- dependencies are removed: they never ran, and the decider creates each again, with the same derived id scheme,
-- when its last dependency completes. Their dependency counts go with them.
DELETE FROM task_runs WHERE status = 'PENDING';
ALTER TABLE task_runs DROP COLUMN pending_deps;
-- A run's id is derived from its execution and its step's name (a 13-character hash), longer than before.
ALTER TABLE task_attempts ALTER COLUMN task_run_id SET DATA TYPE VARCHAR(64);
ALTER TABLE task_runs ALTER COLUMN id SET DATA TYPE VARCHAR(64);
