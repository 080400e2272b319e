package io.dataflow.engine.store;

import io.dataflow.engine.decide.Decider;
import io.dataflow.engine.decide.Decision;
import io.dataflow.engine.decide.ExecutionState;
import io.dataflow.engine.decide.Happening;
import io.dataflow.engine.decide.PlanSource;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What someone asks of executions (pause, resume, terminate, restart), inside one transaction: each execution is
 * locked, the {@link Decider} decides the action from its state, and the decision is applied here. Executions are
 * locked in id order, as every transaction that changes them does.
 */
final class ExecutionControls {

    /** The most executions one statement locks; more are locked by several, still in id order. */
    private static final int LOCK_CHUNK = 500;

    private final Sql sql;
    private final EventOutbox outbox;
    private final PlanSource plans;
    private final Decider decider;
    private final ReadyWork ready;
    private final Instant now;
    private final Decisions decisions;
    private final List<String> stopped = new ArrayList<>();
    /** The step a restart runs from; null for the start. */
    private String restartFrom;
    private boolean released;
    private boolean resumed;

    ExecutionControls(Sql sql, EventOutbox outbox, PlanSource plans, Decider decider, ReadyWork ready, Instant now) {
        this.sql = sql;
        this.outbox = outbox;
        this.plans = plans;
        this.decider = decider;
        this.ready = ready;
        this.now = now;
        this.decisions = new Decisions(sql, outbox, now);
    }

    /** Restarts run from {@code step} (a step of every plan they meet), keeping what came before it. */
    ExecutionControls restartingFrom(String step) {
        this.restartFrom = step;
        return this;
    }

    /** A locked execution: where it belongs, its status and steps remaining. */
    private record Target(ExecutionRef ref, ExecutionStatus status, int remaining) {
    }

    List<ActionResult> apply(String organizationId, String workflowId, List<String> executionIds,
            ExecutionAction action) throws SQLException {
        Map<String, Target> locked = lock(organizationId, workflowId, executionIds);
        List<ActionResult> results = new ArrayList<>(executionIds.size());
        for (String id : executionIds) {
            Target target = locked.get(id);
            if (target == null) {
                results.add(new ActionResult.NoExecution());
                continue;
            }
            ActionResult result = apply(target, action);
            if (result instanceof ActionResult.Applied applied) {
                ExecutionRef ref = target.ref();
                locked.put(id, new Target(ref.inRun(applied.run()), applied.status(), -1));
            }
            results.add(result);
        }
        List<String> stopping = List.copyOf(stopped);
        if (!stopping.isEmpty()) {
            sql.afterCommit(() -> ready.stopped(stopping));
        }
        if (released) {
            sql.afterCommit(ready::readyNow);
        }
        if (resumed) {
            // Parked runs that came due while the execution was paused complete now.
            sql.afterCommit(() -> ready.readyAt(now));
        }
        return results;
    }

    private Map<String, Target> lock(String organizationId, String workflowId, List<String> executionIds)
            throws SQLException {
        List<String> ids = List.copyOf(new TreeSet<>(executionIds));
        Map<String, Target> locked = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOCK_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOCK_CHUNK));
            sql.query("SELECT id AS execution_id, organization_id, workflow_id, workflow_version, webhook_url,"
                    + " trigger_source, run_number, step_defaults, status, remaining_tasks FROM executions"
                    + " WHERE organization_id = ? AND workflow_id = ? AND id IN (" + Sql.placeholders(chunk.size())
                    + ") ORDER BY id FOR UPDATE",
                    r -> locked.put(r.string("execution_id"), new Target(ExecutionRef.read(r),
                            r.enumValue("status", ExecutionStatus.class), r.integer("remaining_tasks"))),
                    Sql.concat(new Object[] {organizationId, workflowId}, chunk));
        }
        return locked;
    }

    private ActionResult apply(Target target, ExecutionAction action) throws SQLException {
        ExecutionRef execution = target.ref();
        Plan plan = plans.plan(execution.workflowId(), execution.workflowVersion());
        Happening happening = switch (action) {
            case PAUSE -> new Happening.PauseAsked();
            case RESUME -> new Happening.ResumeAsked();
            case TERMINATE -> new Happening.TerminateAsked();
            case RESTART -> new Happening.RestartAsked(restartFrom);
        };
        Decisions.Locked locked = new Decisions.Locked(target.status(), target.remaining());
        ExecutionState state = decisions.state(execution.id(), locked,
                decider.needs(plan, target.status(), happening));
        Decision decision = decider.decide(plan, state, happening);
        if (decision.refused()) {
            return new ActionResult.NotAllowed(target.status(), action);
        }
        ExecutionStatus status = decision.execution().orElse(target.status());
        if (decision.effect() == Decision.Effect.RESTART) {
            return restart(execution, plan, decision);
        }
        if (status.isTerminal()) {
            state.runs().forEach((step, run) -> {
                if (run == TaskStatus.RUNNING) {
                    stopped.add(execution.taskRun(step));
                }
            });
            decisions.end(execution, plan, decision.runs(), status, null);
            return new ActionResult.Applied(status, execution.run());
        }
        List<Object[]> held = new ArrayList<>();
        List<Object[]> freed = new ArrayList<>();
        List<Object[]> heldTimers = new ArrayList<>();
        List<Object[]> freedTimers = new ArrayList<>();
        for (Decision.RunChange change : decision.runs()) {
            Object[] id = {execution.taskRun(change.step())};
            switch (change) {
                case Decision.Hold ignored -> held.add(id);
                case Decision.Release ignored -> freed.add(id);
                case Decision.HoldTimer ignored -> heldTimers.add(id);
                case Decision.ReleaseTimer ignored -> freedTimers.add(id);
                default -> throw new IllegalStateException(action + " does not decide " + change);
            }
        }
        sql.batch("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.PENDING) + " WHERE id = ? AND status = "
                + StatusSql.of(TaskStatus.READY), held);
        sql.batch("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.READY) + " WHERE id = ? AND status = "
                + StatusSql.of(TaskStatus.PENDING), freed);
        holdTimers(sql, heldTimers);
        sql.batch("UPDATE task_runs SET ready_at = COALESCE(held_until, ready_at), held_until = NULL WHERE id = ?"
                + " AND status = " + StatusSql.of(TaskStatus.WAITING), freedTimers);
        released |= !freed.isEmpty();
        resumed |= action == ExecutionAction.RESUME;
        outbox.changed(sql, execution.id()); // runs held or freed, even when the execution's status stays
        decisions.status(execution, target.status(), status);
        return new ActionResult.Applied(status, execution.run());
    }

    /** Parked runs (ids, one per row) keep their due time in held_until and do not come due until released. */
    static void holdTimers(Sql sql, List<Object[]> ids) throws SQLException {
        sql.batch("UPDATE task_runs SET held_until = COALESCE(ready_at, held_until), ready_at = NULL WHERE id = ?"
                + " AND status = " + StatusSql.of(TaskStatus.WAITING), ids);
    }

    /**
     * Sets the run aside as the execution's history (its status, outputs, error and times, its task runs with their
     * attempts, its events), clears it, and starts the next run: QUEUED, the steps that wait for nothing READY. A
     * restart from a step carries the runs the decision keeps (COMPLETED) over into the next run, with their input,
     * output and attempts. Running attempts are told to stop; their results name task runs that no longer exist.
     */
    private ActionResult restart(ExecutionRef execution, Plan plan, Decision decision) throws SQLException {
        sql.query("SELECT id FROM task_runs WHERE execution_id = ? AND status = " + StatusSql.of(TaskStatus.RUNNING),
                r -> stopped.add(r.string("id")), execution.id());
        String tasks = Json.MAPPER.writeValueAsString(TaskRunReader.existing(sql, execution.id()));
        String events = Json.MAPPER.writeValueAsString(EventStore.all(sql, execution.id()));
        sql.update("INSERT INTO execution_runs (execution_id, run_number, status, error, outputs, tasks, events,"
                + " started_at, completed_at, restarted_at) SELECT id, run_number, status, error, outputs, ?, ?,"
                + " started_at, completed_at, ? FROM executions WHERE id = ?", tasks, events, now, execution.id());
        ExecutionRef next = execution.inRun(execution.run() + 1);
        KeptRuns kept = KeptRuns.read(sql, execution, next, decision.runs().stream()
                .filter(change -> change.status() == TaskStatus.COMPLETED).map(Decision.RunChange::step).toList());
        sql.update("DELETE FROM task_attempts WHERE task_run_id IN (SELECT id FROM task_runs WHERE execution_id = ?)",
                execution.id());
        sql.update("DELETE FROM execution_events WHERE execution_id = ?", execution.id());
        sql.update("DELETE FROM task_runs WHERE execution_id = ?", execution.id());
        ExecutionStatus status = decision.execution().orElseThrow();
        sql.update("UPDATE executions SET status = ?, run_number = ?, remaining_tasks = ?, outputs = NULL,"
                + " error = NULL, started_at = NULL, completed_at = NULL, purge_at = NULL WHERE id = ?", status,
                next.run(), plan.steps().size() - kept.size(), execution.id());
        kept.insert(sql);
        List<Object[]> created = new ArrayList<>();
        for (Decision.RunChange change : decision.runs()) {
            if (change.status() != TaskStatus.COMPLETED) {
                created.add(Decisions.newRun(next.taskRun(change.step()), next, plan, change.step(), change.status(),
                        0, null, null, now, null, null, now, null, null));
            }
        }
        sql.batch(Decisions.INSERT_RUN, created);
        outbox.execution(sql, next, status, null, null, now);
        released |= !created.isEmpty();
        return new ActionResult.Applied(status, next.run());
    }
}
