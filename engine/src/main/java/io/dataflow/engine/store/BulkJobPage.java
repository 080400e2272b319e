package io.dataflow.engine.store;

import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJobStatus;
import io.dataflow.engine.model.BulkScope;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a bulk job, inside one transaction: the job's row is locked (and found still leased to its owner),
 * the next executions the filter selects after the job's last one are locked in id order, the action is applied to
 * them ({@link TaskTransitions#actAll}), and the job's progress, position and lease are written. Since the action
 * and the progress commit together, a job taken over after a crash goes on exactly where it stopped: no execution
 * is skipped or acted on twice (which matters for restart, allowed from every status).
 *
 * <p>A job of a binding ({@link BulkScope.OfBinding}) selects the executions started through it, whose filter ids
 * are their names, and acts on each in its own workflow: a binding bound to one workflow after another has executions
 * of each.
 *
 * <p>The filter's statuses and times are checked on the locked rows, so an execution that changed since the job was
 * accepted is judged as it is now. A page that finds nothing ends the job; a short page does not, since PostgreSQL
 * drops rows from a locking page when a concurrent change makes them no longer match.
 */
final class BulkJobPage {

    /** The most ids one IN list of {@link #count} holds. */
    private static final int COUNT_CHUNK = 1000;

    private final Sql sql;
    private final TaskTransitions transitions;
    private final Instant now;

    BulkJobPage(Sql sql, TaskTransitions transitions, Instant now) {
        this.sql = sql;
        this.transitions = transitions;
        this.now = now;
    }

    /** The locked job: whose it is, what it asks, and how far it got. */
    private record Job(String organizationId, BulkScope scope, ExecutionAction action, BulkFilter filter,
            String upperId, String afterId) {
    }

    /** An execution a page acts on, and the workflow it is an execution of. */
    private record Target(String executionId, String workflowId) {
    }

    /** The executions a page selected and where the next page starts. */
    private record Selection(List<Target> matching, int notFound, String last, boolean empty) {
    }

    BulkJobStore.Step run(String jobId, String owner, Instant leaseUntil, int pageSize) throws SQLException {
        Optional<Job> locked = sql.one("SELECT organization_id, workflow_id, binding_id, action, filter_json, upper_id,"
                + " after_id FROM bulk_jobs WHERE id = ? AND lease_owner = ? AND status = "
                + StatusSql.of(BulkJobStatus.RUNNING) + " FOR UPDATE", r -> new Job(r.string("organization_id"),
                        BulkScopeSql.read(r), r.enumValue("action", ExecutionAction.class),
                        BulkFilterJson.read(r.string("filter_json")), r.string("upper_id"), r.string("after_id")),
                jobId, owner);
        if (locked.isEmpty()) {
            return BulkJobStore.Step.LOST;
        }
        Job job = locked.get();
        Selection page = job.filter().ids() != null ? named(job, pageSize) : scanned(job, pageSize);
        if (page.empty()) {
            sql.update("UPDATE bulk_jobs SET status = ?, completed_at = ?, updated_at = ?, lease_owner = NULL,"
                    + " lease_expires_at = NULL, active_key = NULL, failures = 0 WHERE id = ?",
                    BulkJobStatus.COMPLETED, now, now, jobId);
            return BulkJobStore.Step.DONE;
        }
        List<ActionResult> results = act(job, page.matching());
        int applied = 0;
        int skipped = 0;
        int gone = 0;
        for (ActionResult result : results) {
            switch (result) {
                case ActionResult.Applied ignored -> applied++;
                case ActionResult.NotAllowed ignored -> skipped++;
                case ActionResult.NoExecution ignored -> gone++; // locked above, so not seen; counted all the same
            }
        }
        sql.update("UPDATE bulk_jobs SET after_id = ?, matched = matched + ?, applied = applied + ?,"
                + " skipped = skipped + ?, not_found = not_found + ?, failures = 0, lease_expires_at = ?,"
                + " updated_at = ? WHERE id = ?", page.last(), page.matching().size() - gone, applied, skipped,
                page.notFound() + gone, leaseUntil, now, jobId);
        return BulkJobStore.Step.MORE;
    }

    /** The action applied to the page's executions, each in its own workflow, in the page's order. */
    private List<ActionResult> act(Job job, List<Target> targets) throws SQLException {
        Map<String, List<String>> byWorkflow = new LinkedHashMap<>();
        for (Target target : targets) {
            byWorkflow.computeIfAbsent(target.workflowId(), w -> new ArrayList<>()).add(target.executionId());
        }
        List<ActionResult> results = new ArrayList<>(targets.size());
        for (Map.Entry<String, List<String>> workflow : byWorkflow.entrySet()) {
            results.addAll(transitions.actAll(sql, job.organizationId(), workflow.getKey(), workflow.getValue(),
                    job.action()));
        }
        return results;
    }

    /** The next page of the ids the filter names: those that exist, locked, then judged by the other criteria. */
    private Selection named(Job job, int pageSize) throws SQLException {
        List<String> ids = job.filter().ids();
        int from = job.afterId() == null ? 0 : insertionPoint(ids, job.afterId());
        List<String> page = ids.subList(from, Math.min(ids.size(), from + pageSize));
        if (page.isEmpty()) {
            return new Selection(List.of(), 0, job.afterId(), true);
        }
        int[] found = {0};
        List<Target> matching = new ArrayList<>();
        sql.query("SELECT id, workflow_id, status, created_at FROM executions WHERE organization_id = ? AND "
                + BulkScopeSql.column(job.scope()) + " = ? AND " + BulkScopeSql.idColumn(job.scope()) + " IN ("
                + Sql.placeholders(page.size()) + ") ORDER BY id FOR UPDATE", r -> {
                    found[0]++;
                    if (job.filter().matches(r.enumValue("status", ExecutionStatus.class), r.instant("created_at"))) {
                        matching.add(new Target(r.string("id"), r.string("workflow_id")));
                    }
                    return null;
                }, Sql.concat(new Object[] {job.organizationId(), job.scope().id()}, page));
        return new Selection(matching, page.size() - found[0], page.getLast(), false);
    }

    /** The index of the first id after {@code afterId} in the sorted ids. */
    private static int insertionPoint(List<String> ids, String afterId) {
        int at = Collections.binarySearch(ids, afterId);
        return at >= 0 ? at + 1 : -at - 1;
    }

    /** The next page of the scope's executions up to the job's bound that match its criteria, locked. */
    private Selection scanned(Job job, int pageSize) throws SQLException {
        if (job.upperId() == null) {
            return new Selection(List.of(), 0, null, true); // the scope had no execution when it was accepted
        }
        Criteria criteria = Criteria.of(job.filter());
        List<Object> params = new ArrayList<>(List.of(job.organizationId(), job.scope().id(),
                job.afterId() == null ? "" : job.afterId(), job.upperId()));
        params.addAll(criteria.params());
        params.add(pageSize);
        List<Target> targets = sql.query("SELECT id, workflow_id FROM executions WHERE organization_id = ? AND "
                + BulkScopeSql.column(job.scope()) + " = ? AND id > ? AND id <= ?" + criteria.sql()
                + " ORDER BY id LIMIT ? FOR UPDATE", r -> new Target(r.string("id"), r.string("workflow_id")),
                params.toArray());
        return new Selection(targets, 0, targets.isEmpty() ? job.afterId() : targets.getLast().executionId(),
                targets.isEmpty());
    }

    /**
     * How many executions of the scope the filter selects now, up to {@code upperId} for a filter without ids: what
     * a job accepted now expects to find.
     */
    static int count(Sql sql, String organizationId, BulkScope scope, BulkFilter filter, String upperId)
            throws SQLException {
        String column = BulkScopeSql.column(scope);
        if (filter.ids() != null) {
            int count = 0;
            for (int from = 0; from < filter.ids().size(); from += COUNT_CHUNK) {
                List<String> chunk = filter.ids().subList(from, Math.min(filter.ids().size(), from + COUNT_CHUNK));
                count += sql.query("SELECT status, created_at FROM executions WHERE organization_id = ? AND " + column
                        + " = ? AND " + BulkScopeSql.idColumn(scope) + " IN (" + Sql.placeholders(chunk.size()) + ")",
                        r -> filter.matches(r.enumValue("status", ExecutionStatus.class), r.instant("created_at")),
                        Sql.concat(new Object[] {organizationId, scope.id()}, chunk))
                        .stream().filter(Boolean::booleanValue).count();
            }
            return count;
        }
        if (upperId == null) {
            return 0;
        }
        Criteria criteria = Criteria.of(filter);
        List<Object> params = new ArrayList<>(List.of(organizationId, scope.id(), upperId));
        params.addAll(criteria.params());
        return sql.one("SELECT COUNT(*) AS n FROM executions WHERE organization_id = ? AND " + column + " = ?"
                + " AND id <= ?" + criteria.sql(), r -> r.integer("n"), params.toArray()).orElse(0);
    }

    /** The filter's status and time criteria as SQL conditions ({@code AND ...}) with their parameters. */
    private record Criteria(String sql, List<Object> params) {

        static Criteria of(BulkFilter filter) {
            StringBuilder sql = new StringBuilder();
            List<Object> params = new ArrayList<>();
            if (!filter.statuses().isEmpty()) {
                sql.append(" AND status IN ").append(StatusSql.in(filter.statuses()));
            }
            if (filter.createdBefore() != null) {
                sql.append(" AND created_at < ?");
                params.add(filter.createdBefore());
            }
            if (filter.createdAfter() != null) {
                sql.append(" AND created_at > ?");
                params.add(filter.createdAfter());
            }
            return new Criteria(sql.toString(), params);
        }
    }
}
