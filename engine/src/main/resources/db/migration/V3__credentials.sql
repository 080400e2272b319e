-- Per-organization credentials. ciphertext is the base64 of a 12-byte random nonce followed by the AES-GCM
-- encryption (with its tag) of the value's JSON, under the master key, with "<organization id>/<name>" as the
-- associated data: a row copied to another organization or name does not decrypt.
CREATE TABLE credentials (
    id              VARCHAR(40)  PRIMARY KEY,
    organization_id VARCHAR(40)  NOT NULL REFERENCES organizations (id),
    name            VARCHAR(100) NOT NULL,
    type            VARCHAR(100),
    ciphertext      ${text}      NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT credentials_name_unique UNIQUE (organization_id, name)
);
CREATE INDEX credentials_org_idx ON credentials (organization_id, id);
