-- run_number counts an execution's runs: a restart clears its task runs, attempts and events and runs it again as the
-- next run, whose task run ids hash the run number with the step's name (so a late result of the run before names no
-- run of the new one). rerun_of links an execution that reruns another from a step to that one.
ALTER TABLE executions ADD COLUMN run_number INTEGER DEFAULT 1 NOT NULL;
ALTER TABLE executions ADD COLUMN rerun_of VARCHAR(40);
CREATE INDEX executions_rerun_of_idx ON executions (rerun_of);

-- What each earlier run of a restarted execution did, kept readable on the execution: its status, error, outputs and
-- times, and its task runs (with their attempts) and events as the API showed them, as JSON.
CREATE TABLE execution_runs (
    execution_id    VARCHAR(40)  NOT NULL REFERENCES executions (id),
    run_number      INTEGER      NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    error           ${text},
    outputs         ${text},
    tasks           ${text}      NOT NULL,
    events          ${text}      NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    completed_at    TIMESTAMP WITH TIME ZONE,
    restarted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (execution_id, run_number)
);
