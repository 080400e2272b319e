package io.dataflow.engine.store;

import io.dataflow.engine.decide.Decider;
import io.dataflow.engine.decide.Decision;
import io.dataflow.engine.decide.ExecutionState;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The store's side of the {@link Decider}, inside one transaction: locks executions and reads the state the decider
 * needs, then writes what it decided, with the events each change emits. Executions are locked before their runs
 * are changed, in id order, so two transactions of one execution take its rows in the same order.
 */
final class Decisions {

    /** Every column a new task run is inserted with; {@link #newRun} builds the values in this order. */
    static final String INSERT_RUN = "INSERT INTO task_runs (id, execution_id, position, name, type, status,"
            + " attempt, max_attempts, input, output, ready_at, lease_owner, lease_expires_at, created_at, started_at,"
            + " completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Sql sql;
    private final EventOutbox outbox;
    private final Instant now;
    /** The runs read for each execution: id, type and attempt, for the events of the changes made to them. */
    private final Map<String, Map<String, ReadRun>> runs = new HashMap<>();

    Decisions(Sql sql, EventOutbox outbox, Instant now) {
        this.sql = sql;
        this.outbox = outbox;
        this.now = now;
    }

    /** A locked execution as the decider starts from it. */
    record Locked(ExecutionStatus status, int remaining) {
    }

    private record ReadRun(String id, String type, TaskStatus status, int attempt) {
    }

    /** Locks the rows of the executions that exist, in id order, and reads their status and steps remaining. */
    Map<String, Locked> lock(Collection<String> executionIds) throws SQLException {
        if (executionIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(new TreeSet<>(executionIds));
        Map<String, Locked> locked = new HashMap<>();
        sql.query("SELECT id, status, remaining_tasks FROM executions WHERE id IN (" + Sql.placeholders(ids.size())
                + ") ORDER BY id FOR UPDATE", r -> locked.put(r.string("id"), new Locked(
                        r.enumValue("status", ExecutionStatus.class), r.integer("remaining_tasks"))), ids.toArray());
        return locked;
    }

    /** The execution's state with the runs the decider needs read. */
    ExecutionState state(String executionId, Locked locked, Decider.Needs needs) throws SQLException {
        Map<String, TaskStatus> statuses = new HashMap<>();
        if (needs.allRuns() || !needs.steps().isEmpty()) {
            Map<String, ReadRun> read = runs.computeIfAbsent(executionId, id -> new HashMap<>());
            List<Object> params = new ArrayList<>(List.of(executionId));
            String only = "";
            if (!needs.allRuns()) {
                only = " AND name IN (" + Sql.placeholders(needs.steps().size()) + ")";
                params.addAll(needs.steps());
            }
            sql.query("SELECT id, name, type, status, attempt FROM task_runs WHERE execution_id = ?" + only, r -> {
                ReadRun run = new ReadRun(r.string("id"), r.string("type"), r.enumValue("status", TaskStatus.class),
                        r.integer("attempt"));
                read.put(r.string("name"), run);
                return statuses.put(r.string("name"), run.status());
            }, params.toArray());
        }
        List<String> waiting = new ArrayList<>();
        if (needs.waitingFor() != null) {
            Map<String, ReadRun> read = runs.computeIfAbsent(executionId, id -> new HashMap<>());
            sql.query("SELECT id, name, type, status, attempt FROM task_runs WHERE execution_id = ? AND status = "
                    + StatusSql.of(TaskStatus.WAITING) + " AND wait_event = ? AND wait_output IS NULL"
                    + " ORDER BY started_at, id", r -> {
                        read.put(r.string("name"), new ReadRun(r.string("id"), r.string("type"),
                                TaskStatus.WAITING, r.integer("attempt")));
                        return waiting.add(r.string("name"));
                    }, executionId, needs.waitingFor());
        }
        return new ExecutionState(locked.status(), locked.remaining(), statuses, needs.allRuns(), waiting);
    }

    /** The id of a run read for the execution by {@link #state}. */
    String runId(String executionId, String step) {
        ReadRun run = runs.getOrDefault(executionId, Map.of()).get(step);
        if (run == null) {
            throw new IllegalStateException("the run of " + step + " was not read");
        }
        return run.id();
    }

    /**
     * The values of a new run for {@link #INSERT_RUN}.
     *
     * @param attempt 0 for a run not started, 1 for one created running or already run in memory
     */
    static Object[] newRun(String id, ExecutionRef execution, Plan plan, String step, TaskStatus status, int attempt,
            StoredJson input, StoredJson output, Instant readyAt, String worker, Instant leaseExpiresAt,
            Instant createdAt, Instant startedAt, Instant completedAt) {
        Plan.Step planned = plan.step(step);
        int maxAttempts = planned.settings(execution.stepDefaults()).retry().maxAttempts();
        return new Object[] {id, execution.id(), plan.position(step), step, planned.type().name(), status, attempt,
                maxAttempts, input, output, readyAt, worker, leaseExpiresAt, createdAt, startedAt, completedAt};
    }

    /**
     * The SQL of when an execution that ends now (the parameter) in {@code status} is purged: now plus its own
     * retention period for that status, NULL when it has none (the server's retention applies then).
     */
    static String purgeAt(ExecutionStatus status) {
        return "CAST(? AS TIMESTAMP WITH TIME ZONE) + " + (status == ExecutionStatus.COMPLETED ? "success_retention_ms"
                : "error_retention_ms") + " * INTERVAL '0.001' SECOND";
    }

    /**
     * Moves an execution that goes on from the status it was read in to another (WAITING, RUNNING, PAUSING, PAUSED,
     * QUEUED), with its event; one that starts running is started now unless it started before. Nothing changes
     * when the execution is no longer in {@code from}.
     */
    void status(ExecutionRef execution, ExecutionStatus from, ExecutionStatus to) throws SQLException {
        if (to.isTerminal()) {
            throw new IllegalArgumentException("an execution ends through end(), not " + to);
        }
        if (from == to) {
            return;
        }
        int changed = to == ExecutionStatus.RUNNING
                ? sql.update("UPDATE executions SET status = ?, started_at = COALESCE(started_at, ?) WHERE id = ?"
                        + " AND status = ?", to, now, execution.id(), from)
                : sql.update("UPDATE executions SET status = ? WHERE id = ? AND status = ?", to, execution.id(), from);
        if (changed > 0) {
            outbox.execution(sql, execution, to, null, null, now);
        }
    }

    /**
     * Ends an execution as decided: FAILED or TERMINATED with its runs' changes (the steps not reached get CANCELLED
     * runs, unfinished runs are cancelled), each with its event, then the execution's own. The decision's changes to
     * the run whose failure ended it are the caller's, who fenced them on its attempt.
     *
     * @param changes the decision's run changes, less the caller's
     * @return whether the execution's status changed
     */
    boolean end(ExecutionRef execution, Plan plan, List<Decision.RunChange> changes, ExecutionStatus status,
            JsonNode error) throws SQLException {
        Map<String, ReadRun> read = runs.getOrDefault(execution.id(), Map.of());
        List<Object[]> created = new ArrayList<>();
        List<Object[]> cancelled = new ArrayList<>();
        List<EventOutbox.TaskChange> events = new ArrayList<>();
        for (Decision.RunChange change : changes) {
            switch (change) {
                case Decision.Create create when create.status() == TaskStatus.CANCELLED -> {
                    String id = execution.taskRun(create.step());
                    created.add(newRun(id, execution, plan, create.step(), TaskStatus.CANCELLED, 0, null, null, null,
                            null, null, now, null, now));
                    events.add(new EventOutbox.TaskChange(id, create.step(), plan.step(create.step()).type().name(),
                            TaskStatus.CANCELLED, 0, null, null, null));
                }
                case Decision.Cancel cancel -> {
                    ReadRun run = read.get(cancel.step());
                    cancelled.add(new Object[] {now, run.id()});
                    events.add(new EventOutbox.TaskChange(run.id(), cancel.step(), run.type(), TaskStatus.CANCELLED,
                            run.attempt(), null, null, null));
                }
                default -> throw new IllegalArgumentException("an execution does not end with " + change);
            }
        }
        sql.batch(INSERT_RUN, created);
        // A running attempt is fenced by its status: moving it to CANCELLED makes its completion a no-op.
        sql.batch("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.CANCELLED) + ", completed_at = ?,"
                + " lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND status IN "
                + StatusSql.in(TaskStatus.UNFINISHED), cancelled);
        for (EventOutbox.TaskChange event : events) {
            outbox.task(sql, execution, event, now);
        }
        int changed = sql.update("UPDATE executions SET status = ?, error = ?, completed_at = ?, purge_at = "
                + purgeAt(status) + " WHERE id = ? AND status IN " + StatusSql.in(ExecutionStatus.UNFINISHED), status,
                error, now, now, execution.id());
        if (changed > 0) {
            outbox.execution(sql, execution, status, null, error, now);
        }
        return changed > 0;
    }
}
