-- The engine's schema, shared by H2 and PostgreSQL. ${text} is the type for unbounded text and JSON documents
-- (CLOB on H2, whose VARCHAR stops at 1 MiB; text on PostgreSQL). Times are UTC timestamps with time zone.

CREATE TABLE organizations (
    id              VARCHAR(40)  PRIMARY KEY,
    name            VARCHAR(200) NOT NULL,
    webhook_secret  VARCHAR(200) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_keys (
    id              VARCHAR(40)  PRIMARY KEY,
    organization_id VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    name            VARCHAR(200) NOT NULL,
    key_hash        VARCHAR(64)  NOT NULL UNIQUE,
    key_prefix      VARCHAR(16)  NOT NULL,
    scopes          VARCHAR(500) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE
);

-- name_key is the name while the workflow lives and its id once deleted, so names are unique among live
-- workflows of an organization without a partial index (which H2 lacks).
CREATE TABLE workflows (
    id              VARCHAR(40)  PRIMARY KEY,
    organization_id VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    name            VARCHAR(200) NOT NULL,
    name_key        VARCHAR(200) NOT NULL,
    description     ${text},
    current_version INTEGER      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT workflows_name_unique UNIQUE (organization_id, name_key)
);
CREATE INDEX workflows_org_idx ON workflows (organization_id, id);

-- An immutable snapshot: definition is the engine's canonical graph, source the document the user sent.
CREATE TABLE workflow_versions (
    workflow_id     VARCHAR(40)  NOT NULL REFERENCES workflows (id),
    version         INTEGER      NOT NULL,
    definition      ${text}      NOT NULL,
    source          ${text}      NOT NULL,
    content_hash    VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(40),
    PRIMARY KEY (workflow_id, version)
);

-- remaining_tasks counts task runs not yet settled; the completion that brings it to zero settles the execution.
-- Updating it also serializes completions of one execution's tasks.
CREATE TABLE executions (
    id              VARCHAR(40)  PRIMARY KEY,
    organization_id VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    workflow_id     VARCHAR(40)  NOT NULL REFERENCES workflows (id),
    workflow_version INTEGER     NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    inputs          ${text}      NOT NULL,
    outputs         ${text},
    error           ${text},
    webhook_url     VARCHAR(2048),
    trigger_source  VARCHAR(40)  NOT NULL,
    remaining_tasks INTEGER      NOT NULL,
    event_sequence  INTEGER      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    completed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX executions_workflow_idx ON executions (workflow_id, id);
CREATE INDEX executions_workflow_status_idx ON executions (workflow_id, status, id);

-- A task run is READY when its dependencies are met and ready_at has passed; a RUNNING one holds a lease that
-- its worker renews; an expired lease is reclaimed. attempt is the fence: only the holder of the current attempt
-- may complete it.
CREATE TABLE task_runs (
    id              VARCHAR(40)  PRIMARY KEY,
    execution_id    VARCHAR(40)  NOT NULL REFERENCES executions (id),
    position        INTEGER      NOT NULL,
    name            VARCHAR(200) NOT NULL,
    type            VARCHAR(200) NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    pending_deps    INTEGER      NOT NULL,
    attempt         INTEGER      NOT NULL,
    max_attempts    INTEGER      NOT NULL,
    input           ${text},
    output          ${text},
    error           ${text},
    ready_at        TIMESTAMP WITH TIME ZONE,
    lease_owner     VARCHAR(80),
    lease_expires_at TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    completed_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT task_runs_name_unique UNIQUE (execution_id, name)
);
CREATE INDEX task_runs_ready_idx ON task_runs (status, ready_at);
CREATE INDEX task_runs_lease_idx ON task_runs (status, lease_expires_at);

CREATE TABLE task_attempts (
    task_run_id     VARCHAR(40)  NOT NULL REFERENCES task_runs (id),
    attempt         INTEGER      NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    worker          VARCHAR(80),
    error           ${text},
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (task_run_id, attempt)
);

-- Outbox: written in the transaction of the change it reports; sequence orders events of one execution.
CREATE TABLE webhook_deliveries (
    id              VARCHAR(40)  PRIMARY KEY,
    organization_id VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    execution_id    VARCHAR(40)  NOT NULL REFERENCES executions (id),
    sequence        INTEGER      NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    event_type      VARCHAR(60)  NOT NULL,
    payload         ${text}      NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_expires_at TIMESTAMP WITH TIME ZONE,
    last_error      ${text},
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT webhook_deliveries_seq_unique UNIQUE (execution_id, sequence)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);

CREATE TABLE webhook_attempts (
    delivery_id     VARCHAR(40)  NOT NULL REFERENCES webhook_deliveries (id),
    attempt         INTEGER      NOT NULL,
    attempted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code     INTEGER,
    error           ${text},
    duration_ms     BIGINT       NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
