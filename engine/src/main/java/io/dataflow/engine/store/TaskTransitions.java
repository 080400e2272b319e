package io.dataflow.engine.store;

import io.dataflow.engine.model.AttemptStatus;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The end of an attempt, each as one transaction: store the result fenced on the attempt number (a stale worker's
 * late result changes nothing), move successors, settle the execution when nothing is left, write the events.
 */
public final class TaskTransitions {

    private final Database database;
    private final EventOutbox outbox;
    private final Clock clock;
    private final OutputLimits limits;
    private final ReadyWork ready;
    private final Runnable readyNow;

    /**
     * @param limits caps what is stored: inputs are cut down, an execution's outputs over it fail the execution
     * @param ready told when task runs become ready: successors, retries, reclaimed runs
     */
    public TaskTransitions(Database database, EventOutbox outbox, Clock clock, OutputLimits limits, ReadyWork ready) {
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
        this.limits = limits;
        this.ready = ready;
        this.readyNow = ready::readyNow;
    }

    /** After this transaction commits, tell whoever claims that task runs are ready now. */
    void readyOnCommit(Sql sql) {
        sql.afterCommit(readyNow);
    }

    /** Computes an execution's outputs from the outputs of its tasks, once all completed. */
    public interface Settler {
        /** Names of the tasks whose outputs {@link #outputs} reads. */
        Set<String> needs();

        /** The execution's outputs; throws {@link SettleException} when they cannot be computed. */
        JsonNode outputs(Map<String, JsonNode> taskOutputs) throws SettleException;
    }

    /** The execution's outputs could not be computed; the execution fails with this message. */
    public static class SettleException extends Exception {
        public SettleException(String message) {
            super(message);
        }
    }

    /**
     * What a completion changed, so the caller knows whom to wake.
     *
     * @param next a successor that became ready and was claimed for the caller in the same transaction; other
     *     successors that became ready are left to the dispatcher, which the store wakes once they are committed
     */
    public record Completion(boolean recorded, Optional<ClaimedTask> next, Optional<ExecutionStatus> settled) {
        static final Completion STALE = new Completion(false, Optional.empty(), Optional.empty());

        static Completion progressed(Optional<ClaimedTask> next) {
            return new Completion(true, next, Optional.empty());
        }

        static Completion settled(ExecutionStatus status) {
            return new Completion(true, Optional.empty(), Optional.of(status));
        }
    }

    /**
     * A successful attempt to record, with the tasks of the chain that the same worker ran after it before recording
     * anything.
     *
     * @param input the resolved input as stored, cut down to the {@link OutputLimits} when it was larger
     * @param output the output as stored, within the {@link OutputLimits}
     * @param finishedAt when the attempt finished
     * @param chained successors run in memory after this task, in order, each the only successor of the one before
     *     and waiting for nothing else; each was PENDING and becomes COMPLETED with its first attempt
     * @param successors the tasks that depend on the last task of the chain
     * @param outputsInHand outputs of this execution's tasks that the worker holds, the chain's included, by name;
     *     settling the execution reads only the ones it needs that are not here
     * @param settler computes the execution's outputs if the chain ends the execution
     */
    public record Success(ClaimedTask task, StoredJson input, StoredJson output, Instant finishedAt, List<Chained> chained,
            List<Successor> successors, Map<String, JsonNode> outputsInHand, Settler settler) {

        public Success {
            chained = List.copyOf(chained);
        }

        /** How many task runs this records: the attempt and its chain. */
        int tasks() {
            return 1 + chained.size();
        }
    }

    /**
     * A task run in memory as part of a chain, never claimed in the database.
     *
     * @param task the task as if claimed for its first attempt, {@code attemptStartedAt} being when it started
     */
    public record Chained(ClaimedTask task, StoredJson input, StoredJson output, Instant finishedAt) {
    }

    /**
     * A task that depends on the finished one, as the plan describes it.
     *
     * @param position its place in definition order, which names its task run ({@link Ids#taskRun})
     * @param dependencies how many tasks it waits for; with one, it is ready as soon as this one is done
     */
    public record Successor(String name, int position, String type, int maxAttempts, int dependencies) {
    }

    /**
     * Records a successful attempt. The first successor that waits only for this task is claimed for the same
     * worker in this transaction, so a chain of tasks runs without a round trip through the queue.
     *
     * @param lease the lease for a successor claimed here
     */
    public Completion complete(Success success, Duration lease) {
        return completeAll(List.of(success), lease).getFirst();
    }

    /**
     * Records many successful attempts, of any executions, in one transaction; see {@link #complete}. Under load
     * this is what keeps the number of statements per task small.
     *
     * @return what each completion changed, in the order given
     */
    public List<Completion> completeAll(List<Success> successes, Duration lease) {
        Instant now = clock.instant();
        return database.progressTransaction(sql -> new CompletionBatch(sql, outbox, this, limits, now, lease).apply(successes));
    }

    /**
     * Records a failed attempt. With attempts left and a retryable failure, the task waits as READY for
     * {@code retryDelay} after the failure is recorded; otherwise it fails, and so does its execution, whose
     * unstarted tasks are cancelled.
     *
     * @param input the resolved input, or null when resolving it failed; cut down to the {@link OutputLimits} when larger
     * @param message the error; U+0000 and lone surrogates in it are stored as U+FFFD, and a very long one is cut
     *     ({@link OutputLimits#MAX_ERROR_CHARS})
     * @param retryDelay counted from the failed attempt's recorded end, so the retry starts at least that long after
     * @return when the task will be retried, or empty when it will not (or the attempt was stale)
     */
    public Optional<Instant> fail(ClaimedTask task, JsonNode input, String message, boolean retryable,
            Duration retryDelay) {
        Instant now = clock.instant();
        Instant retryAt = now.plus(retryDelay);
        StoredJson shownInput = limits.shownInput(input);
        String stored = OutputLimits.errorMessage(message);
        boolean retried = database.progressTransaction(sql -> {
            boolean retry = retryable && task.attempt() < task.maxAttempts() && isLive(sql, task.execution());
            JsonNode error = error(stored, task.name());
            int changed = sql.update("UPDATE task_runs SET status = ?, input = COALESCE(?, input), error = ?,"
                    + " ready_at = ?, completed_at = ?, lease_owner = NULL, lease_expires_at = NULL"
                    + " WHERE id = ? AND attempt = ? AND status = " + StatusSql.of(TaskStatus.RUNNING),
                    retry ? TaskStatus.READY : TaskStatus.FAILED, shownInput, error, retry ? retryAt : null,
                    retry ? null : now, task.id(), task.attempt());
            if (changed == 0) {
                return false;
            }
            recordAttempt(sql, task, AttemptStatus.FAILED, stored, now);
            outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(),
                    retry ? TaskStatus.READY : TaskStatus.FAILED, task.attempt(), shownInput, null, error), now);
            if (retry) {
                sql.afterCommit(() -> ready.readyAt(retryAt));
            } else {
                failExecution(sql, task.execution(), error, now);
            }
            return retry;
        });
        return retried ? Optional.of(retryAt) : Optional.empty();
    }

    /**
     * Takes back task runs whose lease expired (their worker died or lost the database): each lost attempt is
     * recorded, and the run is retried at once if it has attempts left, or fails its execution.
     *
     * @return how many task runs were made ready again
     */
    public int reclaimExpiredLeases(int max) {
        Instant now = clock.instant();
        return reclaim("t.lease_expires_at < ?", now, max, "stopped answering (lease expired)");
    }

    /**
     * Gives back the leases {@code worker} still holds, when its node shuts down, so the runs are retried at once
     * instead of after their leases expire. The abandoned attempts count as LOST.
     */
    public int releaseLeases(String worker) {
        return reclaim("t.lease_owner = ?", worker, Integer.MAX_VALUE, "was stopped by its node shutting down");
    }

    private int reclaim(String condition, Object value, int max, String what) {
        Instant now = clock.instant();
        return database.progressTransaction(sql -> {
            List<ClaimedTask> lost = sql.query("SELECT t.id, t.name, t.type, t.attempt, t.max_attempts, t.started_at,"
                    + " t.lease_owner, e.id AS execution_id, e.organization_id, e.workflow_id, e.workflow_version,"
                    + " e.webhook_url, e.trigger_source, e.created_at AS e_created FROM task_runs t"
                    + " JOIN executions e ON e.id = t.execution_id WHERE t.status = "
                    + StatusSql.of(TaskStatus.RUNNING) + " AND " + condition
                    + " ORDER BY t.lease_expires_at LIMIT ? FOR UPDATE" + (database.dialect() == SqlDialect.POSTGRESQL
                            ? " OF t" : "") + " SKIP LOCKED",
                    r -> new ClaimedTask(r.string("id"), r.string("lease_owner"), ExecutionRef.read(r),
                            r.string("name"), r.string("type"), r.integer("attempt"), r.integer("max_attempts"), null, r.instant("e_created"),
                            r.instant("started_at")), value, max);
            int retried = 0;
            for (ClaimedTask task : lost) {
                String message = "the worker running attempt " + task.attempt() + " " + what;
                boolean retry = task.attempt() < task.maxAttempts() && isLive(sql, task.execution());
                JsonNode error = error(message, task.name());
                sql.update("UPDATE task_runs SET status = ?, error = ?, ready_at = ?, completed_at = ?, lease_owner = NULL,"
                        + " lease_expires_at = NULL WHERE id = ? AND attempt = ?", retry ? TaskStatus.READY
                        : TaskStatus.FAILED, error, retry ? now : null, retry ? null : now, task.id(), task.attempt());
                recordAttempt(sql, task, AttemptStatus.LOST, message, now);
                outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(),
                        retry ? TaskStatus.READY : TaskStatus.FAILED, task.attempt(), null, null, error), now);
                if (retry) {
                    retried++;
                    readyOnCommit(sql);
                } else {
                    failExecution(sql, task.execution(), error, now);
                }
            }
            return retried;
        });
    }

    /**
     * Stops an execution: it becomes TERMINATED and its unfinished tasks CANCELLED. A task already running
     * finishes its attempt, but its result is dropped by the fence.
     *
     * @return false when the execution was already over
     */
    public boolean cancel(ExecutionRef execution) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            int changed = sql.update("UPDATE executions SET status = " + StatusSql.of(ExecutionStatus.TERMINATED)
                    + ", completed_at = ? WHERE id = ? AND status IN " + StatusSql.in(ExecutionStatus.UNFINISHED), now,
                    execution.id());
            if (changed == 0) {
                return false;
            }
            cancelUnfinished(sql, execution, true, now);
            outbox.execution(sql, execution, ExecutionStatus.TERMINATED, null, null, now);
            return true;
        });
    }

    void failExecution(Sql sql, ExecutionRef execution, JsonNode error, Instant now) throws SQLException {
        int changed = sql.update("UPDATE executions SET status = " + StatusSql.of(ExecutionStatus.FAILED)
                + ", error = ?, completed_at = ? WHERE id = ? AND status IN "
                + StatusSql.in(ExecutionStatus.UNFINISHED),
                error, now, execution.id());
        if (changed == 0) {
            return;
        }
        cancelUnfinished(sql, execution, false, now);
        outbox.execution(sql, execution, ExecutionStatus.FAILED, null, error, now);
    }

    private void cancelUnfinished(Sql sql, ExecutionRef execution, boolean includingRunning, Instant now)
            throws SQLException {
        Set<TaskStatus> unfinished = EnumSet.copyOf(TaskStatus.UNFINISHED);
        if (!includingRunning) {
            unfinished.remove(TaskStatus.RUNNING);
        }
        String statuses = StatusSql.in(unfinished);
        List<EventOutbox.TaskChange> cancelled = sql.query("SELECT id, name, type, attempt FROM task_runs"
                + " WHERE execution_id = ? AND status IN " + statuses + " ORDER BY position",
                r -> new EventOutbox.TaskChange(r.string("id"), r.string("name"), r.string("type"), TaskStatus.CANCELLED,
                        r.integer("attempt"), null, null, null), execution.id());
        if (cancelled.isEmpty()) {
            return;
        }
        // A running attempt is fenced by its status: moving it to CANCELLED makes its completion a no-op.
        sql.update("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.CANCELLED) + ", completed_at = ?,"
                + " lease_owner = NULL, lease_expires_at = NULL WHERE execution_id = ? AND status IN " + statuses, now,
                execution.id());
        for (EventOutbox.TaskChange change : cancelled) {
            outbox.task(sql, execution, change, now);
        }
    }

    /**
     * Whether the execution may still run tasks. A task run whose execution ended while its attempt ran (another
     * task failed it) must not be retried: nothing would wait for the result. Locks the execution row, so a
     * failure committing at the same time is either seen here or cancels the retry this transaction sets up.
     */
    private static boolean isLive(Sql sql, ExecutionRef execution) throws SQLException {
        return sql.one("SELECT status FROM executions WHERE id = ? FOR UPDATE",
                r -> r.enumValue("status", ExecutionStatus.class), execution.id())
                .map(status -> !status.isTerminal()).orElse(false);
    }

    /** Records an attempt that did not succeed; a successful one stays on its task run. */
    private static void recordAttempt(Sql sql, ClaimedTask task, AttemptStatus status, String error, Instant now)
            throws SQLException {
        sql.update("INSERT INTO task_attempts (task_run_id, attempt, status, worker, error, started_at, finished_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", task.id(), task.attempt(), status, task.worker(), error,
                task.attemptStartedAt() == null ? now : task.attemptStartedAt(), now);
    }

    /** An error as stored: {@code {message, task}}, the message cut to {@link OutputLimits#MAX_ERROR_CHARS}. */
    static JsonNode error(String message, String taskName) {
        ObjectNode error = Json.object();
        error.put("message", OutputLimits.errorMessage(message));
        if (taskName != null) {
            error.put("task", taskName);
        }
        return error;
    }
}
