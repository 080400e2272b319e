package io.dataflow.server.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a server stored, read from its database: for checking that a refused request stored nothing, and for making
 * what no request can make any more.
 */
public record StoredRows(TestServer server) {

    /** How many executions the workflow has, finished or not. */
    public long executions(String workflowId) {
        return count("SELECT COUNT(*) FROM executions WHERE workflow_id = ?", workflowId);
    }

    /** How many versions of the workflow are stored, the executions' own snapshots (below zero) included. */
    public long versions(String workflowId) {
        return count("SELECT COUNT(*) FROM workflow_versions WHERE workflow_id = ?", workflowId);
    }

    /**
     * Makes a finished execution what starting a version with no task used to make of a start: queued on that
     * version with no task run, so that nothing would ever end it.
     */
    public void strand(String executionId, int emptyVersion) {
        update("DELETE FROM task_attempts WHERE task_run_id IN (SELECT id FROM task_runs WHERE execution_id = ?)",
                executionId);
        update("DELETE FROM task_runs WHERE execution_id = ?", executionId);
        update("UPDATE executions SET workflow_version = ?, status = 'QUEUED', remaining_tasks = 0, outputs = NULL,"
                + " error = NULL, started_at = NULL, completed_at = NULL, purge_at = NULL WHERE id = ?", emptyVersion,
                executionId);
    }

    private long count(String sql, String parameter) {
        try (Connection c = server.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = server.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
