-- The runs waiting for a time, by when they come due: the timer reads the nearest and claims those due.
CREATE INDEX task_runs_waiting_idx ON task_runs (ready_at) WHERE status = 'WAITING';
