-- Bulk jobs: one action (terminate, pause, resume, restart) asked of the executions of a workflow that a filter
-- selects, carried out in the background a page at a time by whichever node holds the job's lease. Each page is one
-- transaction that applies the action to its executions and moves after_id (the last execution id done) on, so a
-- job whose node died resumes after its last page once the lease expires, and no execution is acted on twice.
--
-- upper_id: the newest execution id of the workflow when the job was accepted; a filter without ids selects only
-- executions up to it, so executions started after the job are left alone.
-- active_key: a hash of the action and filter while a job asked without an Idempotency-Key is unfinished (null
-- after): asking the same again meanwhile finds this job instead of starting a second one.
-- expected: how many executions the filter selected when the job was accepted (statuses change as it runs).
CREATE TABLE bulk_jobs (
    id               VARCHAR(40)  PRIMARY KEY,
    organization_id  VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    workflow_id      VARCHAR(40)  NOT NULL REFERENCES workflows (id),
    action           VARCHAR(20)  NOT NULL,
    filter_json      ${text}      NOT NULL,
    upper_id         VARCHAR(40),
    status           VARCHAR(20)  NOT NULL,
    after_id         VARCHAR(40),
    expected         INTEGER      NOT NULL,
    matched          INTEGER      DEFAULT 0 NOT NULL,
    applied          INTEGER      DEFAULT 0 NOT NULL,
    skipped          INTEGER      DEFAULT 0 NOT NULL,
    not_found        INTEGER      DEFAULT 0 NOT NULL,
    failures         INTEGER      DEFAULT 0 NOT NULL,
    error            ${text},
    idempotency_key  VARCHAR(255),
    active_key       VARCHAR(64),
    lease_owner      VARCHAR(100),
    lease_expires_at TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    completed_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX bulk_jobs_workflow_idx ON bulk_jobs (workflow_id, id);
CREATE INDEX bulk_jobs_due_idx ON bulk_jobs (status, lease_expires_at);
CREATE UNIQUE INDEX bulk_jobs_idempotency_idx ON bulk_jobs (workflow_id, idempotency_key);
CREATE UNIQUE INDEX bulk_jobs_active_idx ON bulk_jobs (workflow_id, active_key);
