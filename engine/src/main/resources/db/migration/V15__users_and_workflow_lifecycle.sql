-- Users, who own keys and workflows; a workflow's lifecycle, tags, sharing and deployment; tagged versions.

-- A user belongs to one organization. instance_admin: may create organizations (the bootstrap key's user). A
-- removed user keeps its row (workflows and versions name it) with deleted_at set; its keys are revoked.
CREATE TABLE users (
    id              VARCHAR(40)  PRIMARY KEY,
    organization_id VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    name            VARCHAR(200) NOT NULL,
    email           VARCHAR(320),
    instance_admin  BOOLEAN      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT users_email_unique UNIQUE (organization_id, email)
);
CREATE INDEX users_org_idx ON users (organization_id, id);

-- Every key so far gets a user of its own, named after it; the oldest admin key of the oldest organization is the
-- bootstrap key, whose user is the instance administrator.
INSERT INTO users (id, organization_id, name, email, instance_admin, created_at)
    SELECT 'usr' || SUBSTRING(id, 4), organization_id, name, NULL, FALSE, created_at FROM api_keys;
UPDATE users SET instance_admin = TRUE WHERE id = (
    SELECT 'usr' || SUBSTRING(MIN(k.id), 4) FROM api_keys k
    WHERE k.organization_id = (SELECT MIN(o.id) FROM organizations o) AND k.scopes LIKE '%admin%');

ALTER TABLE api_keys ADD COLUMN user_id VARCHAR(40) REFERENCES users (id);
UPDATE api_keys SET user_id = 'usr' || SUBSTRING(id, 4);
CREATE INDEX api_keys_user_idx ON api_keys (organization_id, user_id, id);

-- status: DRAFT | ACTIVE | PAUSED | ARCHIVED (WorkflowStatus). deployed_version: the version executions run while deployed.
-- tags: the JSON array as given, for reading; workflow_tags holds them again for filtering.
ALTER TABLE workflows ADD COLUMN status VARCHAR(20) DEFAULT 'DRAFT' NOT NULL;
ALTER TABLE workflows ADD COLUMN owner_id VARCHAR(40);
ALTER TABLE workflows ADD COLUMN tags VARCHAR(4000) DEFAULT '[]' NOT NULL;
ALTER TABLE workflows ADD COLUMN is_public BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE workflows ADD COLUMN is_template BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE workflows ADD COLUMN deployed_version INTEGER;
UPDATE workflows SET owner_id = (SELECT 'usr' || SUBSTRING(v.created_by, 4) FROM workflow_versions v
    WHERE v.workflow_id = workflows.id AND v.version = 1 AND v.created_by LIKE 'key-%');
CREATE INDEX workflows_org_updated_idx ON workflows (organization_id, updated_at, id);
CREATE INDEX workflows_org_created_idx ON workflows (organization_id, created_at, id);
CREATE INDEX workflows_org_status_idx ON workflows (organization_id, status);
CREATE INDEX workflows_owner_idx ON workflows (owner_id, id);

CREATE TABLE workflow_tags (
    workflow_id     VARCHAR(40)  NOT NULL REFERENCES workflows (id),
    tag             VARCHAR(100) NOT NULL,
    PRIMARY KEY (workflow_id, tag)
);
CREATE INDEX workflow_tags_tag_idx ON workflow_tags (tag, workflow_id);

CREATE TABLE workflow_shares (
    workflow_id     VARCHAR(40)  NOT NULL REFERENCES workflows (id),
    user_id         VARCHAR(40)  NOT NULL REFERENCES users (id),
    shared_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workflow_id, user_id)
);
CREATE INDEX workflow_shares_user_idx ON workflow_shares (user_id, workflow_id);

-- created_by is a user id from now on (a key id before). A tag is unique within its workflow.
ALTER TABLE workflow_versions ADD COLUMN version_tag VARCHAR(100);
ALTER TABLE workflow_versions ADD COLUMN description VARCHAR(2000);
ALTER TABLE workflow_versions ADD CONSTRAINT workflow_versions_tag_unique UNIQUE (workflow_id, version_tag);
UPDATE workflow_versions SET created_by = 'usr' || SUBSTRING(created_by, 4) WHERE created_by LIKE 'key-%';
