-- A parked run (a sleep) waits as WAITING until its ready_at, then completes with the output it parked with.
ALTER TABLE task_runs ADD COLUMN wait_output ${text};
