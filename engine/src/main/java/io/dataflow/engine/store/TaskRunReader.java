package io.dataflow.engine.store;

import io.dataflow.engine.model.AttemptStatus;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads an execution's task runs with their attempts, in definition order, a page of positions at a time. A step
 * of the plan without a run (not reached yet) is shown as a PENDING run under the id its run will have. JSON
 * columns are parsed, or, for answers that only pass them on, kept as their stored text ({@link Sql.Row#rawJson}).
 */
final class TaskRunReader {

    private static final String COLUMNS = "id, execution_id, position, name, type, status, attempt, max_attempts,"
            + " input, output, error, created_at, started_at, completed_at, lease_owner";

    private TaskRunReader() {
    }

    /** A task run as read, with the worker of its successful attempt, before its attempts are added. */
    private record Row(TaskRun run, String leaseOwner) {
    }

    /**
     * The execution's steps after position {@code afterPosition}, up to {@code limit} of them, each its run with its
     * attempts or, when it has none, a PENDING run created with the execution.
     *
     * @param steps the execution's plan, in definition order
     * @param raw whether JSON columns stay unparsed
     */
    static List<TaskRun> page(Sql sql, Execution execution, List<PlannedStep> steps, int afterPosition, int limit,
            boolean raw) throws SQLException {
        int last = (int) Math.min((long) afterPosition + limit, steps.size() - 1L);
        if (last <= afterPosition) {
            return List.of();
        }
        Map<Integer, Row> rows = new HashMap<>();
        sql.query("SELECT " + COLUMNS + " FROM task_runs WHERE execution_id = ? AND position > ? AND position <= ?",
                r -> rows.put(r.integer("position"), row(r, raw)), execution.id(), afterPosition, last);
        Map<String, List<TaskAttempt>> attempts = rows.isEmpty() ? Map.of()
                : attempts(sql, execution.id(), afterPosition, last);
        List<TaskRun> runs = new ArrayList<>(last - afterPosition);
        for (PlannedStep step : steps.subList(afterPosition + 1, last + 1)) {
            Row row = rows.get(step.position());
            runs.add(row == null ? notReached(execution, step)
                    : withHistory(row, attempts.getOrDefault(row.run().id(), List.of())));
        }
        return runs;
    }

    /** The runs the execution has, with their attempts, in definition order; steps not reached are left out. */
    static List<TaskRun> existing(Sql sql, String executionId) throws SQLException {
        List<Row> rows = sql.query("SELECT " + COLUMNS + " FROM task_runs WHERE execution_id = ? ORDER BY position",
                r -> row(r, false), executionId);
        Map<String, List<TaskAttempt>> attempts = rows.isEmpty() ? Map.of()
                : attempts(sql, executionId, -1, Integer.MAX_VALUE);
        return rows.stream().map(row -> withHistory(row, attempts.getOrDefault(row.run().id(), List.of()))).toList();
    }

    private static Row row(Sql.Row r, boolean raw) throws SQLException {
        return new Row(new TaskRun(r.string("id"), r.string("execution_id"), r.integer("position"), r.string("name"),
                r.string("type"), r.enumValue("status", TaskStatus.class), r.integer("attempt"),
                r.integer("max_attempts"), json(r, "input", raw), json(r, "output", raw), json(r, "error", raw),
                r.instant("created_at"), r.instant("started_at"), r.instant("completed_at"), List.of()),
                r.string("lease_owner"));
    }

    /** A step without a run: PENDING since the execution was created, under the id its run will have. */
    private static TaskRun notReached(Execution execution, PlannedStep step) {
        return new TaskRun(Ids.taskRun(execution.id(), execution.run(), step.name()), execution.id(), step.position(), step.name(),
                step.type(), TaskStatus.PENDING, 0, step.maxAttempts(), null, null, null, execution.createdAt(), null,
                null, List.of());
    }

    private static Map<String, List<TaskAttempt>> attempts(Sql sql, String executionId, int afterPosition,
            int lastPosition) throws SQLException {
        Map<String, List<TaskAttempt>> attempts = new HashMap<>();
        sql.query("SELECT a.task_run_id, a.attempt, a.status, a.worker, a.error, a.started_at, a.finished_at"
                + " FROM task_attempts a JOIN task_runs t ON t.id = a.task_run_id WHERE t.execution_id = ?"
                + " AND t.position > ? AND t.position <= ? ORDER BY a.task_run_id, a.attempt", r -> {
                    attempts.computeIfAbsent(r.string("task_run_id"), k -> new ArrayList<>()).add(new TaskAttempt(
                            r.integer("attempt"), r.enumValue("status", AttemptStatus.class), r.string("worker"), r.string("error"),
                            r.instant("started_at"), r.instant("finished_at")));
                    return null;
                }, executionId, afterPosition, lastPosition);
        return attempts;
    }

    /**
     * The run with its attempts. A successful attempt has no row of its own in task_attempts: the task run holds it
     * (its attempt number, worker, start and end), which saves a write per task.
     */
    private static TaskRun withHistory(Row row, List<TaskAttempt> failed) {
        TaskRun t = row.run();
        List<TaskAttempt> history = new ArrayList<>(failed);
        if (t.status() == TaskStatus.COMPLETED && (history.isEmpty() || history.getLast().attempt() < t.attempt())) {
            history.add(new TaskAttempt(t.attempt(), AttemptStatus.COMPLETED, row.leaseOwner(), null, t.startedAt(),
                    t.completedAt()));
        }
        return new TaskRun(t.id(), t.executionId(), t.position(), t.name(), t.type(), t.status(), t.attempt(),
                t.maxAttempts(), t.input(), t.output(), t.error(), t.createdAt(), t.startedAt(), t.completedAt(),
                List.copyOf(history));
    }

    /** A JSON column, parsed or ({@code raw}) as its stored text. */
    static JsonNode json(Sql.Row r, String column, boolean raw) throws SQLException {
        return raw ? r.rawJson(column) : r.json(column);
    }
}
