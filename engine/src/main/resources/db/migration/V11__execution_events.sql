-- Events sent to executions. A wait_for_event task takes the oldest one of its type that no other wait took (FIFO
-- per type); one sent before any wait is kept until a wait takes it.
CREATE TABLE execution_events (
    id              VARCHAR(40)  PRIMARY KEY,
    execution_id    VARCHAR(40)  NOT NULL REFERENCES executions (id),
    type            VARCHAR(100) NOT NULL,
    payload         ${text},
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    taken_by        VARCHAR(64),
    taken_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX execution_events_type_idx ON execution_events (execution_id, type, id);
-- The type of event a parked run waits for; null for a sleep.
ALTER TABLE task_runs ADD COLUMN wait_event VARCHAR(100);
