package io.dataflow.engine.store;

import io.dataflow.engine.decide.Decider;
import io.dataflow.engine.decide.Decision;
import io.dataflow.engine.decide.Happening;
import io.dataflow.engine.decide.PlanSource;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.AttemptStatus;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The end of an attempt, and the end of an execution asked for, each as one transaction: lock the execution, store
 * the result fenced on the attempt number (a stale worker's late result changes nothing), apply what the
 * {@link Decider} decides follows (successors, a retry, the execution settled, failed or terminated) and write the
 * events.
 */
public final class TaskTransitions {

    private final Database database;
    private final EventOutbox outbox;
    private final Clock clock;
    private final OutputLimits limits;
    private final ReadyWork ready;
    private final Runnable readyNow;
    private final PlanSource plans;
    private final Decider decider = new Decider();

    /**
     * @param limits caps what is stored: inputs are cut down, an execution's outputs over it fail the execution
     * @param ready told when task runs become ready: successors, retries, reclaimed runs
     * @param plans the plans the decider decides by
     */
    public TaskTransitions(Database database, EventOutbox outbox, Clock clock, OutputLimits limits, ReadyWork ready,
            PlanSource plans) {
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
        this.limits = limits;
        this.ready = ready;
        this.readyNow = ready::readyNow;
        this.plans = plans;
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
     * @param input the resolved input as stored, cut down to the {@link OutputLimits} when it was larger; null keeps
     *     the input stored (a parked run that came due)
     * @param output the output as stored, within the {@link OutputLimits}
     * @param finishedAt when the attempt finished
     * @param chained successors run in memory after this task, in order, each the only successor of the one before
     *     and waiting for nothing else; each gets a run, COMPLETED with its first attempt
     * @param outputsInHand outputs of this execution's tasks that the worker holds, the chain's included, by name;
     *     settling the execution reads only the ones it needs that are not here
     * @param settler computes the execution's outputs if the chain ends the execution
     */
    public record Success(ClaimedTask task, StoredJson input, StoredJson output, Instant finishedAt, List<Chained> chained,
            Map<String, JsonNode> outputsInHand, Settler settler) {

        public Success {
            chained = List.copyOf(chained);
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
     * Records a successful attempt. The first successor it makes runnable is claimed for the same worker in this
     * transaction, so a chain of tasks runs without a round trip through the queue.
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
        return database.progressTransaction(sql -> new CompletionBatch(sql, outbox, this, limits, plans, decider, now,
                lease).apply(successes));
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
            Optional<Instant> retry = retryable && task.attempt() < task.maxAttempts() ? Optional.of(retryAt)
                    : Optional.empty();
            return failed(sql, task, shownInput, stored, retry, AttemptStatus.FAILED, now);
        });
        return retried ? Optional.of(retryAt) : Optional.empty();
    }

    /**
     * Parks a running attempt until {@code until}: the run waits as WAITING, holding no worker, and then completes
     * with {@code output} (see {@link TaskQueue#claimDue}). The execution is WAITING while nothing else of it runs.
     * A run that waits for an event takes the oldest one of its type sent before that no wait took, and is then due
     * at once; otherwise an event sent later is given to it ({@link EventStore#send}), or it times out at
     * {@code until}.
     *
     * @param input the resolved input, cut down to the {@link OutputLimits} when larger
     * @param output the output a sleep completes with, within the {@link OutputLimits}; null for a wait
     * @param eventType the type of event the run waits for, or null for a sleep
     * @return false when the attempt was stale or its execution ended (the run is then cancelled)
     */
    public boolean park(ClaimedTask task, JsonNode input, Instant until, StoredJson output, String eventType) {
        Instant now = clock.instant();
        StoredJson shownInput = limits.shownInput(input);
        return database.progressTransaction(sql -> {
            Decisions decisions = new Decisions(sql, outbox, now);
            ExecutionRef execution = task.execution();
            Optional<Decided> decided = decide(decisions, execution, new Happening.TaskParked(task.name(), until));
            if (decided.isEmpty()) {
                return false;
            }
            Decision decision = decided.get().decision();
            Decision.RunChange own = decision.runs().getFirst();
            boolean parks = own instanceof Decision.Park;
            // A run that parks while its execution pauses keeps its time in held_until, not coming due before the resume.
            boolean held = own instanceof Decision.Park park && park.held();
            int changed = sql.update("UPDATE task_runs SET status = ?, input = COALESCE(?, input), wait_output = ?,"
                    + " wait_event = ?, ready_at = ?, held_until = ?, completed_at = ?, lease_owner = NULL,"
                    + " lease_expires_at = NULL WHERE id = ? AND attempt = ? AND status = "
                    + StatusSql.of(TaskStatus.RUNNING), own.status(), shownInput, parks ? output : null,
                    parks ? eventType : null, parks && !held ? until : null, held ? until : null, parks ? null : now,
                    task.id(), task.attempt());
            if (changed == 0) {
                return false;
            }
            Instant due = until;
            if (parks && eventType != null) {
                Optional<StoredJson> event = EventStore.takeWaiting(sql, execution.id(), task.id(), eventType, now);
                if (event.isPresent()) {
                    sql.update("UPDATE task_runs SET wait_output = ?, " + (held ? "held_until" : "ready_at")
                            + " = ? WHERE id = ?", event.get(), now, task.id());
                    due = now;
                }
            }
            outbox.task(sql, execution, new EventOutbox.TaskChange(task.id(), task.name(), task.type(), own.status(),
                    task.attempt(), shownInput, null, null), now);
            if (decision.execution().isPresent()) {
                decisions.status(execution, decided.get().before(), decision.execution().get());
            }
            if (parks && !held) {
                Instant wake = due;
                sql.afterCommit(() -> ready.readyAt(wake));
            }
            return parks;
        });
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
            List<String> parked = new ArrayList<>();
            List<String> parkedExecutions = new ArrayList<>();
            List<ClaimedTask> lost = new ArrayList<>();
            sql.query("SELECT t.id, t.name, t.type, t.attempt, t.max_attempts, t.started_at, t.lease_owner,"
                    + " CASE WHEN t.wait_output IS NULL THEN 0 ELSE 1 END AS parked,"
                    + " e.id AS execution_id, e.organization_id, e.workflow_id, e.workflow_version,"
                    + " e.webhook_url, e.trigger_source, e.run_number, e.step_defaults, e.created_at AS e_created"
                    + " FROM task_runs t"
                    + " JOIN executions e ON e.id = t.execution_id WHERE t.status = "
                    + StatusSql.of(TaskStatus.RUNNING) + " AND " + condition
                    + " ORDER BY t.lease_expires_at LIMIT ? FOR UPDATE" + (database.dialect() == SqlDialect.POSTGRESQL
                            ? " OF t" : "") + " SKIP LOCKED", r -> {
                        if (r.integer("parked") == 1) {
                            parkedExecutions.add(r.string("execution_id"));
                            return parked.add(r.string("id"));
                        }
                        return lost.add(new ClaimedTask(r.string("id"), r.string("lease_owner"), ExecutionRef.read(r),
                                r.string("name"), r.string("type"), r.integer("attempt"), r.integer("max_attempts"),
                                null, r.instant("e_created"), r.instant("started_at")));
                    }, value, max);
            // A parked run that came due was being completed, not attempted: it waits again, due at once.
            sql.batch("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.WAITING) + ", lease_owner = NULL,"
                    + " lease_expires_at = NULL WHERE id = ?", parked.stream().map(id -> new Object[] {id}).toList());
            if (!parked.isEmpty()) {
                sql.afterCommit(() -> ready.readyAt(now));
            }
            for (String execution : parkedExecutions) {
                outbox.changed(sql, execution); // back to WAITING, which no event reports
            }
            int retried = parked.size();
            for (ClaimedTask task : lost) {
                String message = "the worker running attempt " + task.attempt() + " " + what;
                Optional<Instant> retry = task.attempt() < task.maxAttempts() ? Optional.of(now) : Optional.empty();
                if (failed(sql, task, null, message, retry, AttemptStatus.LOST, now)) {
                    retried++;
                }
            }
            return retried;
        });
    }

    /**
     * Asks {@code action} of executions of the organization's workflow, in one transaction: each is locked (in id
     * order), decided and applied as if asked alone. Running attempts that a termination or restart stops are told
     * to stop once it commits.
     *
     * @return what it did to each execution, in the order given
     */
    public List<ActionResult> actAll(String organizationId, String workflowId, List<String> executionIds,
            ExecutionAction action) {
        return database.transaction(sql -> actAll(sql, organizationId, workflowId, executionIds, action));
    }

    /**
     * Restarts an execution of the organization's workflow from {@code fromStep}, a step of its plan, keeping the
     * completed runs of the steps that do not depend on it ({@link ExecutionControls#restartingFrom}).
     */
    public ActionResult restartFrom(String organizationId, String workflowId, String executionId, String fromStep) {
        return database.transaction(sql -> new ExecutionControls(sql, outbox, plans, decider, ready, clock.instant())
                .restartingFrom(fromStep).apply(organizationId, workflowId, List.of(executionId),
                        ExecutionAction.RESTART).getFirst());
    }

    /** {@link #actAll} inside a transaction of the caller's, which a bulk job's page shares with its progress. */
    List<ActionResult> actAll(Sql sql, String organizationId, String workflowId, List<String> executionIds,
            ExecutionAction action) throws SQLException {
        return new ExecutionControls(sql, outbox, plans, decider, ready, clock.instant())
                .apply(organizationId, workflowId, executionIds, action);
    }

    /**
     * Stops an execution: it becomes TERMINATED and its unfinished tasks CANCELLED; running attempts are told to
     * stop and their late results are dropped by the fence.
     *
     * @return false when the execution was already over (or is gone)
     */
    public boolean cancel(ExecutionRef execution) {
        return actAll(execution.organizationId(), execution.workflowId(), List.of(execution.id()),
                ExecutionAction.TERMINATE).getFirst() instanceof ActionResult.Applied;
    }

    /**
     * Records a failed (or lost) attempt under its execution's lock, fenced on the attempt, and applies what the
     * decider decides: a retry at {@code retryAt}, or the run and its execution failing, with the steps not reached
     * cancelled.
     *
     * @param retryAt when the task may be tried again, empty when it may not
     * @return whether the task will be retried (false too when the attempt was stale)
     */
    private boolean failed(Sql sql, ClaimedTask task, StoredJson input, String message, Optional<Instant> retryAt,
            AttemptStatus attempt, Instant now) throws SQLException {
        Decisions decisions = new Decisions(sql, outbox, now);
        ExecutionRef execution = task.execution();
        Optional<Decided> decided = decide(decisions, execution, new Happening.TaskFailed(task.name(), retryAt));
        if (decided.isEmpty()) {
            return false;
        }
        Decision decision = decided.get().decision();
        Decision.RunChange own = decision.runs().getFirst();
        boolean retry = own instanceof Decision.Retry;
        Instant readyAt = retry ? ((Decision.Retry) own).at() : null;
        JsonNode error = error(message, task.name());
        int changed = sql.update("UPDATE task_runs SET status = ?, input = COALESCE(?, input), error = ?, ready_at = ?,"
                + " completed_at = ?, lease_owner = NULL, lease_expires_at = NULL WHERE id = ? AND attempt = ?"
                + " AND status = " + StatusSql.of(TaskStatus.RUNNING), own.status(), input, error, readyAt,
                retry ? null : now, task.id(), task.attempt());
        if (changed == 0) {
            return false;
        }
        recordAttempt(sql, task, attempt, message, now);
        outbox.task(sql, execution, new EventOutbox.TaskChange(task.id(), task.name(), task.type(), own.status(),
                task.attempt(), input, null, error), now);
        if (retry && own.status() == TaskStatus.READY) {
            sql.afterCommit(() -> ready.readyAt(readyAt));
        }
        if (retry && decision.execution().isPresent()) {
            decisions.status(execution, decided.get().before(), decision.execution().get());
        } else if (decision.execution().isPresent()) {
            decisions.end(execution, plan(execution), decision.runs().subList(1, decision.runs().size()),
                    decision.execution().get(), error);
        }
        return retry;
    }

    /** What the decider decided, and the status the execution was in. */
    private record Decided(ExecutionStatus before, Decision decision) {
    }

    /**
     * Locks the execution, reads the runs the decider needs for {@code happening}, and decides it; empty when the
     * execution is gone.
     */
    private Optional<Decided> decide(Decisions decisions, ExecutionRef execution, Happening happening)
            throws SQLException {
        Decisions.Locked locked = decisions.lock(List.of(execution.id())).get(execution.id());
        if (locked == null) {
            return Optional.empty();
        }
        Plan plan = plan(execution);
        Decider.Needs needs = decider.needs(plan, locked.status(), happening);
        return Optional.of(new Decided(locked.status(), decider.decide(plan, decisions.state(execution.id(), locked,
                needs), happening)));
    }

    private Plan plan(ExecutionRef execution) {
        return plans.plan(execution.workflowId(), execution.workflowVersion());
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
