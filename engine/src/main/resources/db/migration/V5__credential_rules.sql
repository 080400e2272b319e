-- Who may use a credential and how (CredentialPolicy): usable_by is ADMINS (only executions started by a key
-- holding the admin scope) or ORGANIZATION (every key of the organization); templates says whether
-- {{ secrets.<name> }} templates may read the value. Existing credentials become admins-only with templates allowed:
-- only admins could create them, and templates were how they were read, so admin-started workflows keep working
-- while member-started ones need an admin to open the credential first.
ALTER TABLE credentials ADD COLUMN usable_by VARCHAR(20) DEFAULT 'ADMINS' NOT NULL;
ALTER TABLE credentials ADD COLUMN templates BOOLEAN DEFAULT TRUE NOT NULL;

-- Who started an execution: the API key's id and whether it held the admin scope at that moment, written by the
-- insert that creates the execution and read when its tasks ask for credentials. Executions started before this
-- count as admin-started (no key was recorded): only admins could create credentials so far, and failing runs that
-- were already under way would break workflows that worked when they started. Rows inserted without the column get
-- no admin rights.
ALTER TABLE executions ADD COLUMN started_by_key VARCHAR(40);
ALTER TABLE executions ADD COLUMN started_by_admin BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE executions ALTER COLUMN started_by_admin SET DEFAULT FALSE;
