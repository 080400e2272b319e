-- A parked run of a paused execution keeps its due time here, with ready_at cleared, so that it does not come due
-- until the execution resumes and the timer queries stay on task_runs alone.
ALTER TABLE task_runs ADD COLUMN held_until TIMESTAMP WITH TIME ZONE;
