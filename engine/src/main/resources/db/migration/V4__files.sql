-- Files: the blob store behind file ports and uploads, in the database so that every node reads the same files.
-- ${blob} is the type for binary content (BLOB on H2, bytea on PostgreSQL). execution_id is the execution whose
-- task produced the file, NULL for a file uploaded through the API.
CREATE TABLE files (
    id              VARCHAR(40)  PRIMARY KEY,
    organization_id VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    execution_id    VARCHAR(40)  REFERENCES executions (id),
    name            VARCHAR(255) NOT NULL,
    content_type    VARCHAR(255) NOT NULL,
    size            BIGINT       NOT NULL,
    sha256          VARCHAR(64)  NOT NULL,
    content         ${blob}      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX files_execution_idx ON files (execution_id);
