package io.dataflow.engine.store;

import io.dataflow.engine.model.BulkFilter;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.BulkJobStatus;
import io.dataflow.engine.model.BulkScope;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.Page;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bulk jobs: accepting them, reading them, and the steps a node takes to carry one out. A node claims a job under a
 * lease ({@code FOR UPDATE SKIP LOCKED}, like {@link TaskQueue}), then does it a page at a time ({@link BulkJobPage}),
 * each page one transaction that acts on its executions, records the progress and extends the lease. The page
 * checks that the job is still this node's first, so a node that lost its lease changes nothing.
 */
public final class BulkJobStore {

    /** After this many pages in a row failed with an error, the job is given up. */
    static final int MAX_FAILURES = 5;

    private static final String COLUMNS = "id, organization_id, workflow_id, binding_id, action, filter_json, status,"
            + " expected, matched, applied, skipped, not_found, error, idempotency_key, created_at, updated_at,"
            + " completed_at";
    private static final String UNFINISHED = StatusSql.in(List.of(BulkJobStatus.QUEUED, BulkJobStatus.RUNNING));

    private final Database database;
    private final TaskTransitions transitions;
    private final Clock clock;
    private final ReadyWork created;

    /** @param created told when a job was accepted, once that commits */
    public BulkJobStore(Database database, TaskTransitions transitions, Clock clock, ReadyWork created) {
        this.database = database;
        this.transitions = transitions;
        this.clock = clock;
        this.created = created;
    }

    /**
     * A job to accept.
     *
     * @param idempotencyKey the client's key for the request, or null
     * @param oneAtATime whether the job is to be its scope's only unfinished one-at-a-time job of its action: asked
     *     without a key while one is unfinished, that one is found, whatever its filter (seed 003's "terminate all
     *     instances" runs one at a time per workflow). Otherwise only an unfinished job with the same action and
     *     filter is found
     */
    public record NewJob(String organizationId, BulkScope scope, ExecutionAction action, BulkFilter filter,
            String idempotencyKey, boolean oneAtATime) {

        /** A job of a workflow's executions, found again by its action and filter. */
        public NewJob(String organizationId, String workflowId, ExecutionAction action, BulkFilter filter,
                String idempotencyKey) {
            this(organizationId, new BulkScope.OfWorkflow(workflowId), action, filter, idempotencyKey, false);
        }
    }

    /** What asking for a job did. */
    public sealed interface Creation {
    }

    /** A new job was accepted. */
    public record Created(BulkJob job) implements Creation {
    }

    /**
     * The same request was asked before: with the same Idempotency-Key, or, without a key, while a job with the same
     * action and filter (for a one-at-a-time job, any one-at-a-time job of the action) is unfinished. That job, as it
     * is now; nothing new was started.
     */
    public record Found(BulkJob job) implements Creation {
    }

    /** The Idempotency-Key was used for another action or filter, by this job; nothing was started. */
    public record KeyInUse(BulkJob job) implements Creation {
    }

    /** There is no such live workflow (or binding) in the organization. */
    public record NoScope() implements Creation {
    }

    /**
     * Accepts a job, unless the same request was made before (see {@link Found}). The filter is bounded now: a
     * filter without ids selects no execution newer than the newest one there is now.
     */
    public Creation create(NewJob job) {
        Optional<Creation> earlier = earlier(job);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return database.transaction(sql -> insert(sql, job));
        } catch (DataAccessException e) {
            if (!e.isUniqueViolation()) {
                throw e;
            }
            // The same request was accepted by a concurrent call in between.
            return earlier(job).orElseThrow(() -> e);
        }
    }

    private Optional<Creation> earlier(NewJob job) {
        String key = BulkFilterJson.key(job.action(), job.filter());
        String scope = BulkScopeSql.column(job.scope());
        return database.read(sql -> {
            if (job.idempotencyKey() != null) {
                return sql.one("SELECT " + COLUMNS + " FROM bulk_jobs WHERE " + scope + " = ?"
                        + " AND organization_id = ? AND idempotency_key = ?", r -> {
                            BulkJob found = read(r);
                            return BulkFilterJson.key(found.action(), found.filter()).equals(key)
                                    ? (Creation) new Found(found) : new KeyInUse(found);
                        }, job.scope().id(), job.organizationId(), job.idempotencyKey());
            }
            return sql.one("SELECT " + COLUMNS + " FROM bulk_jobs WHERE " + scope + " = ? AND organization_id = ?"
                    + " AND active_key = ?", r -> (Creation) new Found(read(r)), job.scope().id(),
                    job.organizationId(), activeKey(job));
        });
    }

    /** What an unfinished job asked without a key is found by: its action and filter, or its action alone. */
    private static String activeKey(NewJob job) {
        return job.oneAtATime() ? BulkFilterJson.oneAtATimeKey(job.action())
                : BulkFilterJson.key(job.action(), job.filter());
    }

    private Creation insert(Sql sql, NewJob job) throws SQLException {
        if (!BulkScopeSql.live(sql, job.organizationId(), job.scope())) {
            return new NoScope();
        }
        Instant now = clock.instant();
        // MAX of no rows is one row holding NULL.
        String upperId = sql.query("SELECT MAX(id) AS upper_id FROM executions WHERE "
                + BulkScopeSql.column(job.scope()) + " = ?", r -> Optional.ofNullable(r.string("upper_id")),
                job.scope().id()).getFirst().orElse(null);
        int expected = BulkJobPage.count(sql, job.organizationId(), job.scope(), job.filter(), upperId);
        String id = Ids.next("bulk");
        boolean ofBinding = job.scope() instanceof BulkScope.OfBinding;
        sql.update("INSERT INTO bulk_jobs (id, organization_id, workflow_id, binding_id, action, filter_json,"
                + " upper_id, status, expected, idempotency_key, active_key, one_at_a_time, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, job.organizationId(),
                ofBinding ? null : job.scope().id(), ofBinding ? job.scope().id() : null, job.action(),
                BulkFilterJson.write(job.filter()), upperId, BulkJobStatus.QUEUED, expected, job.idempotencyKey(),
                job.idempotencyKey() == null ? activeKey(job) : null, job.oneAtATime(), now, now);
        sql.afterCommit(created::readyNow);
        return new Created(new BulkJob(id, job.organizationId(), job.scope(), job.action(), job.filter(),
                BulkJobStatus.QUEUED, expected, new BulkJob.Progress(0, 0, 0, 0), null, job.idempotencyKey(), now,
                now, null));
    }

    /** A job of the organization's workflow. */
    public Optional<BulkJob> find(String organizationId, String workflowId, String jobId) {
        return find(organizationId, new BulkScope.OfWorkflow(workflowId), jobId);
    }

    /** A job of the organization's workflow or binding. */
    public Optional<BulkJob> find(String organizationId, BulkScope scope, String jobId) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM bulk_jobs WHERE id = ? AND "
                + BulkScopeSql.column(scope) + " = ? AND organization_id = ?", BulkJobStore::read, jobId, scope.id(),
                organizationId));
    }

    /**
     * The newest one-at-a-time job ({@link NewJob#oneAtATime}) of the action in the scope, finished or not; empty
     * when none was ever asked.
     */
    public Optional<BulkJob> latestOneAtATime(String organizationId, BulkScope scope, ExecutionAction action) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM bulk_jobs WHERE "
                + BulkScopeSql.column(scope) + " = ? AND organization_id = ? AND action = ? AND one_at_a_time = ?"
                + " ORDER BY id DESC LIMIT 1", BulkJobStore::read, scope.id(), organizationId, action, true));
    }

    /** The workflow's jobs, newest first, a page at a time. */
    public Page<BulkJob> list(String organizationId, String workflowId, String cursor, int limit) {
        String before = cursor == null ? null : Ids.idInCursor(cursor);
        List<BulkJob> jobs = database.read(sql -> sql.query("SELECT " + COLUMNS + " FROM bulk_jobs WHERE"
                + " workflow_id = ? AND organization_id = ?" + (before == null ? "" : " AND id < ?")
                + " ORDER BY id DESC LIMIT ?", BulkJobStore::read, before == null
                ? new Object[] {workflowId, organizationId, limit + 1}
                : new Object[] {workflowId, organizationId, before, limit + 1}));
        if (jobs.size() <= limit) {
            return new Page<>(jobs, null);
        }
        List<BulkJob> page = jobs.subList(0, limit);
        return new Page<>(List.copyOf(page), Ids.cursorAfter(page.getLast().id()));
    }

    /**
     * Leases the oldest unfinished job that no node holds (none yet, or its lease expired) to {@code owner}; a job
     * taken over from a node that stopped goes on after its last page.
     */
    public Optional<BulkJob> claim(String owner, Duration lease) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            Optional<String> id = sql.one("SELECT id FROM bulk_jobs WHERE status IN " + UNFINISHED
                    + " AND (lease_expires_at IS NULL OR lease_expires_at <= ?) ORDER BY id LIMIT 1"
                    + " FOR UPDATE SKIP LOCKED", r -> r.string("id"), now);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            sql.update("UPDATE bulk_jobs SET status = ?, lease_owner = ?, lease_expires_at = ?,"
                    + " started_at = COALESCE(started_at, ?), updated_at = ? WHERE id = ?", BulkJobStatus.RUNNING,
                    owner, now.plus(lease), now, now, id.get());
            return sql.one("SELECT " + COLUMNS + " FROM bulk_jobs WHERE id = ?", BulkJobStore::read, id.get());
        });
    }

    /** What one page did to the job. */
    public enum Step {
        /** A page was done; there may be more. */
        MORE,
        /** Every selected execution was reached: the job is COMPLETED. */
        DONE,
        /** The job is no longer this owner's (its lease was taken over, or it finished): nothing was done. */
        LOST
    }

    /**
     * Does the job's next page of up to {@code pageSize} executions in one transaction, if the job is still
     * {@code owner}'s, and extends the lease.
     */
    public Step step(String jobId, String owner, Duration lease, int pageSize) {
        Instant now = clock.instant();
        return database.transaction(sql -> new BulkJobPage(sql, transitions, now)
                .run(jobId, owner, now.plus(lease), pageSize));
    }

    /**
     * Records that a page failed with an error: the lease is given up until {@code retryAfter} has passed, when any
     * node may try again; after {@link #MAX_FAILURES} failures in a row the job is FAILED with this message.
     *
     * @return whether the job was given up
     */
    public boolean failed(String jobId, String owner, String message, Duration retryAfter) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            Optional<Integer> failures = sql.one("SELECT failures FROM bulk_jobs WHERE id = ? AND lease_owner = ?"
                    + " FOR UPDATE", r -> r.integer("failures") + 1, jobId, owner);
            if (failures.isEmpty()) {
                return false;
            }
            boolean givenUp = failures.get() >= MAX_FAILURES;
            sql.update("UPDATE bulk_jobs SET failures = ?, error = ?, lease_owner = NULL, lease_expires_at = ?,"
                    + " status = ?, completed_at = ?, active_key = " + (givenUp ? "NULL" : "active_key")
                    + ", updated_at = ? WHERE id = ?", failures.get(), message, givenUp ? null : now.plus(retryAfter),
                    givenUp ? BulkJobStatus.FAILED : BulkJobStatus.RUNNING, givenUp ? now : null, now, jobId);
            return givenUp;
        });
    }

    /** Gives back the leases {@code owner} holds, so that another node (or this one, restarted) goes on at once. */
    public void release(String owner) {
        database.transaction(sql -> sql.update("UPDATE bulk_jobs SET lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE lease_owner = ? AND status = " + StatusSql.of(BulkJobStatus.RUNNING), owner));
    }

    static BulkJob read(Sql.Row r) throws SQLException {
        return new BulkJob(r.string("id"), r.string("organization_id"), BulkScopeSql.read(r),
                r.enumValue("action", ExecutionAction.class), BulkFilterJson.read(r.string("filter_json")),
                r.enumValue("status", BulkJobStatus.class), r.integer("expected"),
                new BulkJob.Progress(r.integer("matched"), r.integer("applied"), r.integer("skipped"),
                        r.integer("not_found")), r.string("error"), r.string("idempotency_key"),
                r.instant("created_at"), r.instant("updated_at"), r.instant("completed_at"));
    }
}
