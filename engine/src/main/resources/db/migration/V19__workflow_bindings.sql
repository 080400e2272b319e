-- A binding: a name within an organization under which one of its workflows takes named executions (seed 003 calls
-- a binding a "workflow" and its executions "instances"). name_key is the name while the binding lives and its id once
-- deleted, as for workflows.name_key, so names are unique among live bindings without a partial index (H2 has none).
-- class_name is a free label kept as given. current_version_id is the version new executions start on.
CREATE TABLE workflow_bindings (
    id                 VARCHAR(40)  PRIMARY KEY,
    organization_id    VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    name               VARCHAR(64)  NOT NULL,
    name_key           VARCHAR(64)  NOT NULL,
    workflow_id        VARCHAR(40)  NOT NULL REFERENCES workflows (id),
    class_name         VARCHAR(200) NOT NULL,
    current_version_id VARCHAR(40)  NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    triggered_at       TIMESTAMP WITH TIME ZONE,
    deleted_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT workflow_bindings_name_unique UNIQUE (organization_id, name_key)
);

-- What a binding bound at some time: the workflow and the version of it its executions run (pinned), and the label.
-- A binding's executions keep the version they started on; binding again to something else makes a new one.
CREATE TABLE workflow_binding_versions (
    id                 VARCHAR(40)  PRIMARY KEY,
    binding_id         VARCHAR(40)  NOT NULL REFERENCES workflow_bindings (id),
    workflow_id        VARCHAR(40)  NOT NULL REFERENCES workflows (id),
    workflow_version   INTEGER      NOT NULL,
    class_name         VARCHAR(200) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workflow_binding_versions_binding_idx ON workflow_binding_versions (binding_id, id);

-- An execution started through a binding names it, the binding version it started on, and its name within the
-- binding: unique while the execution exists (deleting it frees the name). NULL for every other execution.
ALTER TABLE executions ADD COLUMN binding_id VARCHAR(40) REFERENCES workflow_bindings (id);
ALTER TABLE executions ADD COLUMN binding_version_id VARCHAR(40) REFERENCES workflow_binding_versions (id);
ALTER TABLE executions ADD COLUMN execution_name VARCHAR(100);
-- Their indexes are each database's own (V20 in db/vendor): on PostgreSQL they hold bound executions only.
