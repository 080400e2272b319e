package io.dataflow.engine.store;

import io.dataflow.engine.model.BulkScope;
import java.sql.SQLException;

/**
 * A bulk job's scope in SQL: the column that holds it (named the same in {@code bulk_jobs} and {@code executions}),
 * the column of {@code executions} that a filter's ids name, and whether the workflow or binding is live.
 */
final class BulkScopeSql {

    private BulkScopeSql() {
    }

    /** {@code workflow_id} or {@code binding_id}: a column of both {@code bulk_jobs} and {@code executions}. */
    static String column(BulkScope scope) {
        return switch (scope) {
            case BulkScope.OfWorkflow ignored -> "workflow_id";
            case BulkScope.OfBinding ignored -> "binding_id";
        };
    }

    /** The column of {@code executions} that a filter's ids are values of: the id, or the name in the binding. */
    static String idColumn(BulkScope scope) {
        return switch (scope) {
            case BulkScope.OfWorkflow ignored -> "id";
            case BulkScope.OfBinding ignored -> "execution_name";
        };
    }

    /** Whether the workflow or binding is a live one of the organization. */
    static boolean live(Sql sql, String organizationId, BulkScope scope) throws SQLException {
        String table = switch (scope) {
            case BulkScope.OfWorkflow ignored -> "workflows";
            case BulkScope.OfBinding ignored -> "workflow_bindings";
        };
        return sql.one("SELECT id FROM " + table + " WHERE id = ? AND organization_id = ? AND deleted_at IS NULL",
                r -> true, scope.id(), organizationId).isPresent();
    }

    /** The scope of a {@code bulk_jobs} row: its binding when it has one, else its workflow. */
    static BulkScope read(Sql.Row r) throws SQLException {
        String bindingId = r.string("binding_id");
        return bindingId != null ? new BulkScope.OfBinding(bindingId)
                : new BulkScope.OfWorkflow(r.string("workflow_id"));
    }
}
