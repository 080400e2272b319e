-- PostgreSQL: the indexes of executions started through a binding (V19) hold those executions only. Every other
-- execution has no entry in them, so starting it and each change of its status (a new row version, which enters every
-- index of the table: status is indexed, so these updates are never HOT) cost what they cost before bindings existed;
-- with full indexes the bench's wrk figures lost a fifth (server and PostgreSQL CPU per execution). A query naming
-- a binding (binding_id = ?) implies binding_id IS NOT NULL, so it uses them.
CREATE UNIQUE INDEX executions_binding_name_idx ON executions (binding_id, execution_name) WHERE binding_id IS NOT NULL;
CREATE INDEX executions_binding_idx ON executions (binding_id, id) WHERE binding_id IS NOT NULL;
CREATE INDEX executions_binding_status_idx ON executions (binding_id, status, id) WHERE binding_id IS NOT NULL;
