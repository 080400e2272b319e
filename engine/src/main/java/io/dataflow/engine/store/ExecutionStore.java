package io.dataflow.engine.store;

import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Executions and their task runs: creating them and reading them back. Every read is scoped by organization. */
public final class ExecutionStore {

    private static final String COLUMNS = "id, organization_id, workflow_id, workflow_version, status, inputs, outputs,"
            + " error, webhook_url, trigger_source, created_at, started_at, completed_at";
    private static final String TASK_COLUMNS = "id, execution_id, position, name, type, status, attempt, max_attempts,"
            + " input, output, error, created_at, started_at, completed_at";

    private final Database database;
    private final EventOutbox outbox;

    public ExecutionStore(Database database, EventOutbox outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    /** A task run to create with a new execution. */
    public record NewTaskRun(String name, String type, int pendingDependencies, int maxAttempts) {
    }

    /** An execution to create, with its task runs in definition order. */
    public record NewExecution(Execution execution, List<NewTaskRun> tasks) {
    }

    /**
     * Creates queued executions and their task runs in one transaction; tasks without dependencies are READY. An
     * execution is created only while its version is still the workflow's current one and the workflow is not
     * deleted, checked in the same statement that inserts it.
     *
     * @return for each execution, in order, whether it was created (false: the version is no longer current)
     */
    public List<Boolean> insertAll(List<NewExecution> executions) {
        return database.transaction(sql -> {
            List<Object[]> rows = new ArrayList<>(executions.size());
            for (NewExecution next : executions) {
                Execution execution = next.execution();
                rows.add(new Object[] {execution.id(), execution.status(), execution.inputs(), execution.webhookUrl(),
                        execution.triggerSource(), execution.createdAt(), next.tasks().size(), execution.workflowId(),
                        execution.organizationId(), execution.workflowVersion()});
            }
            int[] inserted = sql.batch("INSERT INTO executions (" + COLUMNS + ", remaining_tasks, event_sequence)"
                    + " SELECT ?, organization_id, id, current_version, ?, ?, NULL, NULL, ?, ?, ?, NULL, NULL, ?, 0"
                    + " FROM workflows WHERE id = ? AND organization_id = ? AND current_version = ?"
                    + " AND deleted_at IS NULL", rows);
            List<Boolean> created = new ArrayList<>(executions.size());
            List<Object[]> taskRows = new ArrayList<>();
            for (int i = 0; i < executions.size(); i++) {
                created.add(inserted[i] > 0);
                if (inserted[i] > 0) {
                    addTaskRows(executions.get(i), taskRows);
                }
            }
            sql.batch("INSERT INTO task_runs (id, execution_id, position, name, type, status, pending_deps, attempt,"
                    + " max_attempts, ready_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", taskRows);
            for (int i = 0; i < executions.size(); i++) {
                if (inserted[i] > 0) {
                    Execution execution = executions.get(i).execution();
                    outbox.execution(sql, ExecutionRef.of(execution), execution.status(), null, null,
                            execution.createdAt());
                }
            }
            return created;
        });
    }

    private static void addTaskRows(NewExecution next, List<Object[]> rows) {
        Instant now = next.execution().createdAt();
        int position = 0;
        for (NewTaskRun task : next.tasks()) {
            boolean ready = task.pendingDependencies() == 0;
            rows.add(new Object[] {Ids.taskRun(next.execution().id(), position), next.execution().id(), position++, task.name(), task.type(),
                    ready ? TaskStatus.READY : TaskStatus.PENDING, task.pendingDependencies(), task.maxAttempts(),
                    ready ? now : null, now});
        }
    }

    /** An execution of a workflow with its task runs and their attempts. */
    public Optional<ExecutionDetail> find(String organizationId, String workflowId, String executionId) {
        return database.read(sql -> {
            Optional<Execution> execution = sql.one("SELECT " + COLUMNS + " FROM executions WHERE id = ?"
                    + " AND organization_id = ? AND workflow_id = ?", ExecutionStore::map,
                    executionId, organizationId, workflowId);
            if (execution.isEmpty()) {
                return Optional.<ExecutionDetail>empty();
            }
            return Optional.of(new ExecutionDetail(execution.get(), tasks(sql, executionId)));
        });
    }

    /** An execution with its tasks in definition order. */
    public record ExecutionDetail(Execution execution, List<TaskRun> tasks) {
    }

    /** Executions of a workflow, newest first, optionally only those in the given statuses. */
    public Page<Execution> list(String organizationId, String workflowId, Set<ExecutionStatus> statuses,
            String cursor, int limit) {
        String after = cursor == null ? null : Ids.idInCursor(cursor);
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + " FROM executions WHERE organization_id = ?"
                + " AND workflow_id = ?");
        List<Object> params = new ArrayList<>(List.of(organizationId, workflowId));
        if (after != null) {
            query.append(" AND id < ?");
            params.add(after);
        }
        if (!statuses.isEmpty()) {
            query.append(" AND status IN (").append(Sql.placeholders(statuses.size())).append(')');
            statuses.forEach(s -> params.add(s.name()));
        }
        query.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + 1);
        List<Execution> rows = database.read(sql -> sql.query(query.toString(), ExecutionStore::map, params.toArray()));
        return WorkflowStore.page(rows, limit, Execution::id);
    }

    /** What {@link #delete} did. */
    public enum Deletion {
        DELETED, NOT_FOUND, NOT_FINISHED
    }

    /**
     * Deletes a finished execution with everything it left behind, in one transaction: its task runs and their
     * attempts, its webhook deliveries (sent or not) and their attempts, and the files its tasks produced. Files
     * uploaded through the API and given to it as inputs belong to the organization and stay. An execution that has
     * not finished is left alone. Locking its row first orders the delete after any transition under way.
     */
    public Deletion delete(String organizationId, String workflowId, String executionId) {
        return database.transaction(sql -> {
            Optional<ExecutionStatus> status = sql.one("SELECT status FROM executions WHERE id = ?"
                    + " AND organization_id = ? AND workflow_id = ? FOR UPDATE",
                    r -> r.enumValue("status", ExecutionStatus.class), executionId, organizationId, workflowId);
            if (status.isEmpty()) {
                return Deletion.NOT_FOUND;
            }
            if (!status.get().isTerminal()) {
                return Deletion.NOT_FINISHED;
            }
            // Lock the deliveries before deleting their attempts: a delivery being sent records its attempt under
            // the delivery's row lock, so that attempt is either committed and deleted here, or finds the delivery
            // gone and records nothing (else its row would break the foreign key of the delete below).
            sql.query("SELECT id FROM webhook_deliveries WHERE execution_id = ? FOR UPDATE", r -> r.string("id"),
                    executionId);
            sql.update("DELETE FROM webhook_attempts WHERE delivery_id IN"
                    + " (SELECT id FROM webhook_deliveries WHERE execution_id = ?)", executionId);
            sql.update("DELETE FROM webhook_deliveries WHERE execution_id = ?", executionId);
            sql.update("DELETE FROM task_attempts WHERE task_run_id IN"
                    + " (SELECT id FROM task_runs WHERE execution_id = ?)", executionId);
            sql.update("DELETE FROM task_runs WHERE execution_id = ?", executionId);
            sql.update("DELETE FROM files WHERE execution_id = ?", executionId);
            sql.update("DELETE FROM executions WHERE id = ?", executionId);
            return Deletion.DELETED;
        });
    }

    /** The executions of a workflow that have not finished. */
    public List<Execution> unfinished(String organizationId, String workflowId) {
        return database.read(sql -> sql.query("SELECT " + COLUMNS + " FROM executions WHERE organization_id = ?"
                + " AND workflow_id = ? AND status IN ('QUEUED', 'RUNNING', 'WAITING', 'PAUSING', 'PAUSED')",
                ExecutionStore::map, organizationId, workflowId));
    }

    /**
     * The execution's task runs with their attempts. A successful attempt has no row of its own in task_attempts:
     * the task run holds it (its attempt number, worker, start and end), which saves a write per task.
     */
    private static List<TaskRun> tasks(Sql sql, String executionId) throws SQLException {
        Map<String, List<TaskAttempt>> attempts = new HashMap<>();
        sql.query("SELECT a.task_run_id, a.attempt, a.status, a.worker, a.error, a.started_at, a.finished_at"
                + " FROM task_attempts a JOIN task_runs t ON t.id = a.task_run_id WHERE t.execution_id = ?"
                + " ORDER BY a.task_run_id, a.attempt", r -> {
                    attempts.computeIfAbsent(r.string("task_run_id"), k -> new ArrayList<>()).add(new TaskAttempt(
                            r.integer("attempt"), r.string("status"), r.string("worker"), r.string("error"),
                            r.instant("started_at"), r.instant("finished_at")));
                    return null;
                }, executionId);
        return sql.query("SELECT " + TASK_COLUMNS + ", lease_owner FROM task_runs WHERE execution_id = ?"
                + " ORDER BY position", r -> {
                    List<TaskAttempt> history = new ArrayList<>(attempts.getOrDefault(r.string("id"), List.of()));
                    TaskStatus status = r.enumValue("status", TaskStatus.class);
                    int attempt = r.integer("attempt");
                    if (status == TaskStatus.COMPLETED
                            && (history.isEmpty() || history.getLast().attempt() < attempt)) {
                        history.add(new TaskAttempt(attempt, "COMPLETED", r.string("lease_owner"), null,
                                r.instant("started_at"), r.instant("completed_at")));
                    }
                    return new TaskRun(r.string("id"), r.string("execution_id"), r.integer("position"),
                            r.string("name"), r.string("type"), status, attempt, r.integer("max_attempts"),
                            r.json("input"), r.json("output"), r.json("error"), r.instant("created_at"),
                            r.instant("started_at"), r.instant("completed_at"), List.copyOf(history));
                }, executionId);
    }

    static Execution map(Sql.Row r) throws SQLException {
        return new Execution(r.string("id"), r.string("organization_id"), r.string("workflow_id"),
                r.integer("workflow_version"), r.enumValue("status", ExecutionStatus.class), r.json("inputs"),
                r.json("outputs"), r.json("error"), r.string("webhook_url"), r.string("trigger_source"),
                r.instant("created_at"), r.instant("started_at"), r.instant("completed_at"));
    }

}
