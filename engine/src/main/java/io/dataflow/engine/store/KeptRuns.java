package io.dataflow.engine.store;

import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The completed task runs a restart from a step keeps, read before the run they belong to is cleared and written
 * again as runs of the next one: the same row (input, output, worker, times) and attempts under the next run's task
 * run ids. They are held in memory in between because a task run's name is unique in its execution, so the next
 * run's copy cannot be written while the original is there.
 */
final class KeptRuns {

    private static final String RUN_COLUMNS = "position, name, type, status, attempt, max_attempts, input, output,"
            + " wait_event, lease_owner, created_at, started_at, completed_at";
    private static final String ATTEMPT_COLUMNS = "attempt, status, worker, error, started_at, finished_at";

    private final List<Object[]> runs;
    private final List<Object[]> attempts;

    private KeptRuns(List<Object[]> runs, List<Object[]> attempts) {
        this.runs = runs;
        this.attempts = attempts;
    }

    /** The COMPLETED runs of {@code steps} in {@code execution}'s current run, as runs of {@code next}. */
    static KeptRuns read(Sql sql, ExecutionRef execution, ExecutionRef next, List<String> steps) throws SQLException {
        if (steps.isEmpty()) {
            return new KeptRuns(List.of(), List.of());
        }
        Map<String, String> nextIds = new HashMap<>();
        steps.forEach(step -> nextIds.put(execution.taskRun(step), next.taskRun(step)));
        List<String> ids = List.copyOf(nextIds.keySet());
        List<Object[]> runs = sql.query("SELECT id, " + RUN_COLUMNS + " FROM task_runs WHERE id IN ("
                + Sql.placeholders(ids.size()) + ") AND status = " + StatusSql.of(TaskStatus.COMPLETED),
                r -> new Object[] {nextIds.get(r.string("id")), execution.id(), r.integer("position"), r.string("name"),
                        r.string("type"), r.string("status"), r.integer("attempt"), r.integer("max_attempts"),
                        r.string("input"), r.string("output"), r.string("wait_event"), r.string("lease_owner"),
                        r.instant("created_at"), r.instant("started_at"), r.instant("completed_at")},
                ids.toArray());
        List<Object[]> attempts = sql.query("SELECT task_run_id, " + ATTEMPT_COLUMNS + " FROM task_attempts WHERE"
                + " task_run_id IN (" + Sql.placeholders(ids.size()) + ")",
                r -> new Object[] {nextIds.get(r.string("task_run_id")), r.integer("attempt"), r.string("status"),
                        r.string("worker"), r.string("error"), r.instant("started_at"), r.instant("finished_at")},
                ids.toArray());
        return new KeptRuns(runs, attempts);
    }

    int size() {
        return runs.size();
    }

    /** Writes the kept runs and their attempts as the next run's. */
    void insert(Sql sql) throws SQLException {
        sql.batch("INSERT INTO task_runs (id, execution_id, " + RUN_COLUMNS + ") VALUES ("
                + Sql.placeholders(15) + ")", runs);
        sql.batch("INSERT INTO task_attempts (task_run_id, " + ATTEMPT_COLUMNS + ") VALUES (" + Sql.placeholders(7)
                + ")", attempts);
    }
}
