package io.dataflow.engine.store;

import io.dataflow.engine.decide.Decider;
import io.dataflow.engine.decide.Decision;
import io.dataflow.engine.decide.ExecutionState;
import io.dataflow.engine.decide.Happening;
import io.dataflow.engine.decide.PlanSource;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.StartedBy;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The durable queue of task runs: claiming ready ones under a lease, renewing leases, and the reads a worker
 * needs. Claiming locks rows with {@code FOR UPDATE SKIP LOCKED}, so nodes sharing a database never take the
 * same task run and never wait on each other.
 */
public final class TaskQueue {

    private final Database database;
    private final EventOutbox outbox;
    private final Clock clock;
    private final OutputLimits limits;
    private final PlanSource plans;
    private final Decider decider = new Decider();

    /**
     * @param limits caps the inputs shown while tasks run
     * @param plans the plans the decider decides by
     */
    public TaskQueue(Database database, EventOutbox outbox, Clock clock, OutputLimits limits, PlanSource plans) {
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
        this.limits = limits;
        this.plans = plans;
    }

    /**
     * Leases up to {@code max} ready task runs to {@code worker}, starting a new attempt of each. An execution whose
     * first task starts becomes RUNNING in the same transaction.
     */
    public List<ClaimedTask> claim(String worker, int max, Duration lease) {
        Instant now = clock.instant();
        return database.progressTransaction(sql -> {
            Map<String, ExecutionStatus> executionStatus = new HashMap<>();
            Statement leased = leaseReady(sql, worker, max, lease, now);
            if (leased == null) {
                return List.<ClaimedTask>of();
            }
            List<ClaimedTask> claimed = sql.query(leased.sql(), r -> {
                ExecutionRef execution = ExecutionRef.read(r);
                executionStatus.put(execution.id(), r.enumValue("e_status", ExecutionStatus.class));
                return new ClaimedTask(r.string("id"), worker, execution, r.string("name"), r.string("type"),
                        r.integer("attempt"), r.integer("max_attempts"), r.json("inputs"), r.instant("e_created"), now);
            }, leased.params());
            List<String> starting = executionStatus.entrySet().stream()
                    .filter(e -> e.getValue() == ExecutionStatus.QUEUED).map(Map.Entry::getKey).toList();
            if (!starting.isEmpty()) {
                sql.update("UPDATE executions SET status = " + StatusSql.of(ExecutionStatus.RUNNING)
                        + ", started_at = ? WHERE status = " + StatusSql.of(ExecutionStatus.QUEUED) + " AND id IN ("
                        + Sql.placeholders(starting.size()) + ")", Sql.concat(new Object[] {now}, starting));
            }
            for (ClaimedTask task : claimed) {
                if (executionStatus.put(task.execution().id(), ExecutionStatus.RUNNING) == ExecutionStatus.QUEUED) {
                    outbox.execution(sql, task.execution(), ExecutionStatus.RUNNING, null, null, now);
                }
                outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(),
                        TaskStatus.RUNNING, task.attempt(), null, null, null), now);
            }
            return claimed;
        });
    }

    private static final String CLAIMED_COLUMNS = "t.id, t.name, t.type, t.attempt, t.max_attempts, e.id AS execution_id,"
            + " e.organization_id, e.workflow_id, e.workflow_version, e.webhook_url, e.trigger_source, e.run_number,"
            + " e.step_defaults, e.inputs, e.status AS e_status, e.created_at AS e_created";

    /** A statement with its parameters. */
    private record Statement(String sql, Object... params) {
    }

    /**
     * The query that leases ready task runs and reads them with their executions. On PostgreSQL that is one
     * statement; on H2, which has no data-modifying WITH, the rows are locked and leased first, and the query then
     * reads them by id (null when nothing was ready).
     */
    private Statement leaseReady(Sql sql, String worker, int max, Duration lease, Instant now) throws SQLException {
        if (database.dialect() == SqlDialect.POSTGRESQL) {
            return new Statement("WITH picked AS (SELECT id FROM task_runs WHERE status = "
                    + StatusSql.of(TaskStatus.READY) + " AND ready_at <= ?"
                    + " ORDER BY ready_at LIMIT ? FOR UPDATE SKIP LOCKED),"
                    + " t AS (UPDATE task_runs r SET status = " + StatusSql.of(TaskStatus.RUNNING)
                    + ", attempt = r.attempt + 1, lease_owner = ?,"
                    + " lease_expires_at = ?, started_at = ?, error = NULL FROM picked WHERE r.id = picked.id"
                    + " RETURNING r.id, r.name, r.type, r.attempt, r.max_attempts, r.execution_id)"
                    + " SELECT " + CLAIMED_COLUMNS + " FROM t JOIN executions e ON e.id = t.execution_id",
                    now, max, worker, now.plus(lease), now);
        }
        List<String> ids = sql.query("SELECT id FROM task_runs WHERE status = " + StatusSql.of(TaskStatus.READY)
                + " AND ready_at <= ?"
                + " ORDER BY ready_at LIMIT ? FOR UPDATE SKIP LOCKED", r -> r.string("id"), now, max);
        if (ids.isEmpty()) {
            return null;
        }
        String in = Sql.placeholders(ids.size());
        sql.update("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.RUNNING)
                + ", attempt = attempt + 1, lease_owner = ?,"
                + " lease_expires_at = ?, started_at = ?, error = NULL WHERE id IN (" + in + ")",
                Sql.concat(new Object[] {worker, now.plus(lease), now}, ids));
        return new Statement("SELECT " + CLAIMED_COLUMNS + " FROM task_runs t JOIN executions e"
                + " ON e.id = t.execution_id WHERE t.id IN (" + in + ")", ids.toArray());
    }

    /**
     * A parked run that came due, leased to this node to be completed with the output it parked with.
     *
     * @param output the output it completes with, as stored: a sleep's, or the event a wait took; null for a wait
     *     that timed out
     * @param eventType the type of event a wait waited for; null for a sleep
     */
    public record DueTask(ClaimedTask task, StoredJson output, String eventType) {
    }

    /**
     * Leases up to {@code max} parked runs whose time came to {@code worker}, back to RUNNING within the same attempt,
     * so that completing them is fenced like any attempt: for each, the {@link Decider} decides under its execution's
     * lock ({@link Happening.TimerDue}); an execution that was WAITING runs again. A run whose execution paused
     * meanwhile is held until the resume; a run another node woke meanwhile is left to it.
     */
    public List<DueTask> claimDue(String worker, int max, Duration lease) {
        Instant now = clock.instant();
        return database.progressTransaction(sql -> {
            // The due runs with their executions, the executions locked (in id order, as every transaction locks
            // them) by the same statement that finds them.
            Map<String, ExecutionRef> executions = new HashMap<>();
            Map<String, Decisions.Locked> locked = new HashMap<>();
            List<String[]> candidates = sql.query("SELECT t.id, t.name, e.id AS execution_id, e.organization_id,"
                    + " e.workflow_id, e.workflow_version, e.webhook_url, e.trigger_source, e.run_number,"
                    + " e.step_defaults, e.status, e.remaining_tasks FROM task_runs t"
                    + " JOIN executions e ON e.id = t.execution_id WHERE t.id IN"
                    + " (SELECT id FROM task_runs WHERE status = " + StatusSql.of(TaskStatus.WAITING)
                    + " AND ready_at <= ? ORDER BY ready_at LIMIT ?) ORDER BY e.id FOR UPDATE"
                    + (database.dialect() == SqlDialect.POSTGRESQL ? " OF e" : ""), r -> {
                        ExecutionRef execution = ExecutionRef.read(r);
                        executions.put(execution.id(), execution);
                        locked.put(execution.id(), new Decisions.Locked(r.enumValue("status", ExecutionStatus.class),
                                r.integer("remaining_tasks")));
                        return new String[] {r.string("id"), r.string("name"), execution.id()};
                    }, now, max);
            if (candidates.isEmpty()) {
                return List.<DueTask>of();
            }
            Decisions decisions = new Decisions(sql, outbox, now);
            Map<String, ExecutionStatus> moving = new TreeMap<>();
            List<String> woken = new ArrayList<>();
            List<Object[]> held = new ArrayList<>();
            List<Object[]> cancelled = new ArrayList<>();
            for (String[] candidate : candidates) {
                Decisions.Locked execution = locked.get(candidate[2]);
                if (execution == null) {
                    continue;
                }
                Decision decision = decider.decide(plans.plan(executions.get(candidate[2]).workflowId(),
                        executions.get(candidate[2]).workflowVersion()), new ExecutionState(execution.status(),
                                execution.remaining(), Map.of(), false), new Happening.TimerDue(candidate[1]));
                switch (decision.runs().getFirst()) {
                    case Decision.Wake ignored -> woken.add(candidate[0]);
                    case Decision.HoldTimer ignored -> held.add(new Object[] {candidate[0]});
                    case Decision.Cancel ignored -> cancelled.add(new Object[] {now, candidate[0]});
                    default -> throw new IllegalStateException("a due timer does not decide " + decision);
                }
                // Waking a run (WAITING to RUNNING) or cancelling it writes no event; its watchers are told here.
                outbox.changed(sql, candidate[2]);
                decision.execution().ifPresent(to -> moving.put(candidate[2], to));
            }
            // Came due as its execution paused (or ended): held until the resume (or cancelled), so not seen again.
            ExecutionControls.holdTimers(sql, held);
            sql.batch("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.CANCELLED) + ", completed_at = ?"
                    + " WHERE id = ? AND status = " + StatusSql.of(TaskStatus.WAITING), cancelled);
            if (woken.isEmpty()) {
                return List.<DueTask>of();
            }
            // A run another node woke meanwhile is no longer WAITING; the ones this node holds now are this call's
            // (the dispatcher claims one batch at a time, and a run it woke before was no candidate).
            Instant expires = now.plus(lease);
            String in = Sql.placeholders(woken.size());
            sql.update("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.RUNNING) + ", lease_owner = ?,"
                    + " lease_expires_at = ? WHERE id IN (" + in + ") AND status = " + StatusSql.of(TaskStatus.WAITING)
                    + " AND ready_at <= ?", Sql.concat(Sql.concat(new Object[] {worker, expires}, woken),
                            List.of(now)));
            List<DueTask> due = sql.query("SELECT " + CLAIMED_COLUMNS + ", t.started_at, t.wait_output, t.wait_event"
                    + " FROM task_runs t JOIN executions e ON e.id = t.execution_id WHERE t.id IN (" + in + ")"
                    + " AND t.status = " + StatusSql.of(TaskStatus.RUNNING) + " AND t.lease_owner = ?",
                    r -> new DueTask(new ClaimedTask(r.string("id"), worker,
                            ExecutionRef.read(r), r.string("name"), r.string("type"), r.integer("attempt"),
                            r.integer("max_attempts"), r.json("inputs"), r.instant("e_created"),
                            r.instant("started_at")), output(r.json("wait_output")), r.string("wait_event")),
                    Sql.concat(woken.toArray(), List.of(worker)));
            Set<String> wokenExecutions = new HashSet<>();
            due.forEach(task -> wokenExecutions.add(task.task().execution().id()));
            for (Map.Entry<String, ExecutionStatus> move : moving.entrySet()) {
                if (wokenExecutions.contains(move.getKey())) {
                    decisions.status(executions.get(move.getKey()), locked.get(move.getKey()).status(),
                            move.getValue());
                }
            }
            return due;
        });
    }

    private static StoredJson output(JsonNode stored) {
        return stored == null ? null : StoredJson.of(stored);
    }

    /**
     * When the nearest parked run comes due, if any run is parked. The runs of paused executions are held
     * ({@code ready_at} cleared, their time kept in {@code held_until}) and do not count.
     */
    public Optional<Instant> nextDue() {
        // Ordered and limited rather than MIN, so that PostgreSQL reads it off the end of the partial index.
        return database.read(sql -> sql.one("SELECT ready_at FROM task_runs WHERE status = "
                + StatusSql.of(TaskStatus.WAITING) + " AND ready_at IS NOT NULL ORDER BY ready_at LIMIT 1",
                r -> r.instant("ready_at")));
    }

    /**
     * Extends the leases {@code worker} still holds.
     *
     * @return the runs of {@code taskRunIds} that were cancelled or no longer exist (their execution was terminated
     *     or restarted), whose attempts must stop
     */
    public Set<String> renew(String worker, Collection<String> taskRunIds, Duration lease) {
        if (taskRunIds.isEmpty()) {
            return Set.of();
        }
        Instant expires = clock.instant().plus(lease);
        return database.read(sql -> {
            sql.update("UPDATE task_runs SET lease_expires_at = ? WHERE lease_owner = ? AND status = "
                    + StatusSql.of(TaskStatus.RUNNING) + " AND id IN (" + Sql.placeholders(taskRunIds.size()) + ")",
                    Sql.concat(new Object[] {expires, worker}, taskRunIds));
            Set<String> stopped = new HashSet<>(taskRunIds);
            sql.query("SELECT id FROM task_runs WHERE status <> " + StatusSql.of(TaskStatus.CANCELLED) + " AND id IN ("
                    + Sql.placeholders(taskRunIds.size()) + ")", r -> stopped.remove(r.string("id")),
                    taskRunIds.toArray());
            return stopped;
        });
    }

    /**
     * Saves the resolved input of a started attempt, so watchers see what a running task works on; cut down to the
     * {@link OutputLimits} when larger.
     */
    public void recordInput(ClaimedTask task, JsonNode input) {
        StoredJson shown = limits.shownInput(input);
        database.read(sql -> {
            outbox.changed(sql, task.execution().id());
            return sql.update("UPDATE task_runs SET input = ? WHERE id = ? AND attempt = ?", shown, task.id(),
                    task.attempt());
        });
    }

    /** The outputs of the named completed task runs of an execution, by task name. */
    public Map<String, JsonNode> outputsOf(String executionId, Collection<String> names) {
        if (names.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> outputs = new HashMap<>();
        database.read(sql -> sql.query("SELECT name, output FROM task_runs WHERE execution_id = ? AND status = "
                + StatusSql.of(TaskStatus.COMPLETED)
                + " AND name IN (" + Sql.placeholders(names.size()) + ")", r -> outputs.put(r.string("name"),
                        r.json("output")), Sql.concat(new Object[] {executionId}, names)));
        return outputs;
    }

    /** Who started the execution, for the credentials' rules; empty when there is no such execution. */
    public Optional<StartedBy> startedBy(String executionId) {
        return database.read(sql -> sql.one("SELECT started_by_key, started_by_admin FROM executions WHERE id = ?",
                r -> new StartedBy(r.string("started_by_key"), r.bool("started_by_admin")), executionId));
    }
}
