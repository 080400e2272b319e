-- PostgreSQL only. What the workflow listing and stats read, measured by the bench's listing and stats scenarios
-- (100,000 workflows in one organization):
--
-- search: LOWER(name) LIKE '%word%' OR LOWER(description) LIKE '%word%' cannot use a btree index, so every search
-- read and counted every workflow of the organization. Trigram GIN indexes (pg_trgm, shipped with PostgreSQL and a
-- trusted extension: a database owner may create it) find the rows holding the word's trigrams; PostgreSQL rechecks
-- them with the LIKE itself, so what matches does not change. The extension may already be installed in another
-- schema than the server's, which need not be on the search path, so the operator class is named with its schema.
--
-- stats and unfiltered counts: the live workflows' statuses by organization, read by an index-only scan instead of
-- the table.
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    SELECT n.nspname INTO trgm_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX workflows_name_trgm_idx ON workflows USING gin (LOWER(name) %I.gin_trgm_ops)',
        trgm_schema);
    EXECUTE format('CREATE INDEX workflows_description_trgm_idx ON workflows'
        ' USING gin (LOWER(description) %I.gin_trgm_ops)', trgm_schema);
END
$$;

CREATE INDEX workflows_live_status_idx ON workflows (organization_id, status) WHERE deleted_at IS NULL;
