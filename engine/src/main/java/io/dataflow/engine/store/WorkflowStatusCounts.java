package io.dataflow.engine.store;

import io.dataflow.engine.model.WorkflowStatus;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many live workflows an organization has in each status ({@code workflow_status_counts}), changed in the
 * transaction of whatever creates, deletes or moves a workflow, so that reading them costs four rows however many
 * workflows there are. Every organization has a row per status from its creation on.
 *
 * <p>A change holds its counter rows locked until it commits, so changes of one organization's workflows take turns
 * there: callers change the counters last in their transaction, and a status move locks both rows in one statement
 * (in index order, the same for every move, so two moves cannot deadlock).
 */
final class WorkflowStatusCounts {

    private WorkflowStatusCounts() {
    }

    /** The rows of a new organization, every count zero. */
    static void create(Sql sql, String organizationId) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (WorkflowStatus status : WorkflowStatus.values()) {
            rows.add(new Object[] {organizationId, status.name()});
        }
        sql.batch("INSERT INTO workflow_status_counts (organization_id, status, live) VALUES (?, ?, 0)", rows);
    }

    /** A workflow of this status was created ({@code delta} 1) or deleted (-1). */
    static void add(Sql sql, String organizationId, WorkflowStatus status, int delta) throws SQLException {
        sql.update("UPDATE workflow_status_counts SET live = live + ? WHERE organization_id = ? AND status = ?", delta,
                organizationId, status.name());
    }

    /** A live workflow moved from one status to another. */
    static void move(Sql sql, String organizationId, WorkflowStatus from, WorkflowStatus to) throws SQLException {
        if (from == to) {
            return;
        }
        sql.update("UPDATE workflow_status_counts SET live = live + CASE WHEN status = ? THEN 1 ELSE -1 END"
                + " WHERE organization_id = ? AND status IN (?, ?)", to.name(), organizationId, from.name(), to.name());
    }

    /** Every status's count (zero for a status without a row). */
    static Map<WorkflowStatus, Long> read(Sql sql, String organizationId) throws SQLException {
        Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
        for (WorkflowStatus status : WorkflowStatus.values()) {
            counts.put(status, 0L);
        }
        sql.query("SELECT status, live FROM workflow_status_counts WHERE organization_id = ?", r -> {
            counts.put(WorkflowStatus.valueOf(r.string("status")), r.longValue("live"));
            return null;
        }, organizationId);
        return counts;
    }
}
