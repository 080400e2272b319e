package io.dataflow.engine.store;

import io.dataflow.engine.decide.Decider;
import io.dataflow.engine.decide.Decision;
import io.dataflow.engine.decide.ExecutionState;
import io.dataflow.engine.decide.Happening;
import io.dataflow.engine.decide.PlanSource;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.store.TaskTransitions.Chained;
import io.dataflow.engine.store.TaskTransitions.Completion;
import io.dataflow.engine.store.TaskTransitions.SettleException;
import io.dataflow.engine.store.TaskTransitions.Success;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Records the successful attempts of many tasks, of any executions, inside one transaction, with the same few
 * statements whatever their number: lock the executions, store the results fenced on the attempt (a stale worker's
 * result changes nothing), let the {@link Decider} decide what follows each, then create the runs it decided (the
 * steps the workers ran in memory, one successor per finished task claimed for the same worker, the others READY),
 * count the steps remaining and settle the executions that have nothing left.
 */
final class CompletionBatch {

    private final Sql sql;
    private final EventOutbox outbox;
    private final TaskTransitions transitions;
    private final OutputLimits limits;
    private final PlanSource plans;
    private final Decider decider;
    private final Instant now;
    private final Duration lease;
    private final Decisions decisions;

    CompletionBatch(Sql sql, EventOutbox outbox, TaskTransitions transitions, OutputLimits limits, PlanSource plans,
            Decider decider, Instant now, Duration lease) {
        this.sql = sql;
        this.outbox = outbox;
        this.transitions = transitions;
        this.limits = limits;
        this.plans = plans;
        this.decider = decider;
        this.now = now;
        this.lease = lease;
        this.decisions = new Decisions(sql, outbox, now);
    }

    /** Applies the items and returns what each one changed, in the same order. */
    List<Completion> apply(List<Success> items) throws SQLException {
        Completion[] results = new Completion[items.size()];
        Arrays.fill(results, Completion.STALE);
        Map<String, Decisions.Locked> locked = decisions.lock(items.stream().map(i -> i.task().execution().id())
                .toList());
        List<Integer> recorded = record(items);
        if (recorded.isEmpty()) {
            return List.of(results);
        }
        Map<String, ExecutionState> states = states(items, recorded, locked);
        List<Object[]> created = new ArrayList<>();
        List<Runnable> events = new ArrayList<>();
        Map<String, List<Integer>> settling = new LinkedHashMap<>();
        // Executions that go on in another status: a pausing one is PAUSED once its last running task ends.
        Map<ExecutionRef, ExecutionStatus> moving = new LinkedHashMap<>();
        boolean ready = false;
        for (int i : recorded) {
            Success item = items.get(i);
            ExecutionRef execution = item.task().execution();
            ExecutionState state = states.get(execution.id());
            results[i] = Completion.progressed(Optional.empty());
            if (state == null) {
                continue; // the execution is gone (deleted): nothing follows
            }
            Plan plan = plans.plan(execution.workflowId(), execution.workflowVersion());
            Decision decision = decider.decide(plan, state, happening(item));
            if (decision.effect() == Decision.Effect.NEEDS_ALL_RUNS) {
                state = everyRun(execution.id(), locked.get(execution.id()), state);
                decision = decider.decide(plan, state, happening(item));
            }
            states.put(execution.id(), state.after(decision));
            Optional<ClaimedTask> next = Optional.empty();
            for (Decision.RunChange change : decision.runs()) {
                switch (change) {
                    case Decision.Create create when create.status() == TaskStatus.COMPLETED ->
                            created.add(chained(item, plan, create.step(), events));
                    case Decision.Create create when create.status() == TaskStatus.READY
                            || create.status() == TaskStatus.PENDING -> {
                        created.add(Decisions.newRun(execution.taskRun(create.step()), execution, plan,
                                create.step(), create.status(), 0, null, null, now, null, null, now, null, null));
                        ready |= create.status() == TaskStatus.READY;
                    }
                    case Decision.HandOff handOff -> {
                        ClaimedTask claimed = handOff(item, plan, handOff.step());
                        created.add(Decisions.newRun(claimed.id(), execution, plan, handOff.step(), TaskStatus.RUNNING,
                                1, null, null, now, claimed.worker(), now.plus(lease), now, now, null));
                        events.add(() -> taskEvent(claimed, TaskStatus.RUNNING, null, null));
                        next = Optional.of(claimed);
                    }
                    default -> throw new IllegalStateException("a completion does not decide " + change);
                }
            }
            results[i] = Completion.progressed(next);
            if (decision.execution().orElse(null) == ExecutionStatus.COMPLETED) {
                settling.computeIfAbsent(execution.id(), e -> new ArrayList<>()).add(i);
            } else if (decision.execution().isPresent()) {
                moving.put(execution, decision.execution().get());
            }
        }
        sql.batch(Decisions.INSERT_RUN, created);
        for (Runnable event : events) {
            event.run();
        }
        if (ready) {
            transitions.readyOnCommit(sql);
        }
        for (Map.Entry<ExecutionRef, ExecutionStatus> move : moving.entrySet()) {
            decisions.status(move.getKey(), locked.get(move.getKey().id()).status(), move.getValue());
        }
        countDown(locked, states, settling.keySet());
        settle(items, settling, locked, results);
        return List.of(results);
    }

    private static Happening.TaskCompleted happening(Success item) {
        return new Happening.TaskCompleted(item.task().name(), item.chained().stream().map(c -> c.task().name())
                .toList());
    }

    /**
     * Stores each result where its attempt is still the current one; returns the indexes of the items stored, in
     * task id order.
     */
    private List<Integer> record(List<Success> items) throws SQLException {
        List<Integer> order = byTaskId(items);
        List<Object[]> rows = new ArrayList<>(items.size());
        for (int i : order) {
            Success item = items.get(i);
            rows.add(new Object[] {item.input(), item.output(), finishedAt(item.finishedAt()), item.task().id(),
                    item.task().attempt()});
        }
        // The successful attempt stays on the task run (its worker as lease_owner) instead of a task_attempts row.
        int[] changed = sql.batch("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.COMPLETED)
                + ", input = COALESCE(?, input), output = ?, error = NULL, wait_output = NULL, completed_at = ?,"
                + " lease_expires_at = NULL"
                + " WHERE id = ? AND attempt = ? AND status = " + StatusSql.of(TaskStatus.RUNNING), rows);
        List<Integer> recorded = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            if (changed[k] > 0) {
                recorded.add(order.get(k));
            }
        }
        for (int i : recorded) {
            Success item = items.get(i);
            taskEvent(item.task(), TaskStatus.COMPLETED, item.input(), item.output());
        }
        return recorded;
    }

    /** The state of each execution of the recorded items, with the runs the decider needs to decide them all. */
    private Map<String, ExecutionState> states(List<Success> items, List<Integer> recorded,
            Map<String, Decisions.Locked> locked) throws SQLException {
        Map<String, Set<String>> needed = new TreeMap<>();
        Set<String> everyRun = new HashSet<>();
        for (int i : recorded) {
            ExecutionRef execution = items.get(i).task().execution();
            if (locked.containsKey(execution.id())) {
                Plan plan = plans.plan(execution.workflowId(), execution.workflowVersion());
                needed.computeIfAbsent(execution.id(), e -> new HashSet<>())
                        .addAll(decider.needs(plan, locked.get(execution.id()).status(), happening(items.get(i)))
                                .steps());
                if (decider.needs(plan, locked.get(execution.id()).status(), happening(items.get(i))).allRuns()) {
                    everyRun.add(execution.id());
                }
            }
        }
        Map<String, ExecutionState> states = new HashMap<>();
        for (Map.Entry<String, Set<String>> entry : needed.entrySet()) {
            states.put(entry.getKey(), decisions.state(entry.getKey(), locked.get(entry.getKey()),
                    new Decider.Needs(entry.getValue(), everyRun.contains(entry.getKey()))));
        }
        return states;
    }

    /**
     * The state with every run of the execution: as stored, with what this batch decided so far for it on top (its
     * runs to create are not written yet).
     */
    private ExecutionState everyRun(String executionId, Decisions.Locked locked, ExecutionState state)
            throws SQLException {
        ExecutionState stored = decisions.state(executionId, locked, Decider.Needs.ALL);
        Map<String, TaskStatus> runs = new HashMap<>(stored.runs());
        runs.putAll(state.runs());
        return new ExecutionState(state.status(), state.remaining(), runs, true);
    }

    /** The run of a step the worker ran in memory after its claimed task: COMPLETED with its first attempt. */
    private Object[] chained(Success item, Plan plan, String step, List<Runnable> events) {
        Chained chained = item.chained().stream().filter(c -> c.task().name().equals(step)).findFirst()
                .orElseThrow(() -> new IllegalStateException("step " + step + " was not run in memory"));
        ClaimedTask task = chained.task();
        events.add(() -> taskEvent(task, TaskStatus.RUNNING, null, null));
        events.add(() -> taskEvent(task, TaskStatus.COMPLETED, chained.input(), chained.output()));
        return Decisions.newRun(task.id(), task.execution(), plan, step, TaskStatus.COMPLETED, 1, chained.input(),
                chained.output(), task.attemptStartedAt(), task.worker(), null, task.attemptStartedAt(),
                task.attemptStartedAt(), finishedAt(chained.finishedAt()));
    }

    /** A successor's first attempt, claimed for the worker that finished its predecessor. */
    private ClaimedTask handOff(Success item, Plan plan, String step) {
        ClaimedTask finished = item.task();
        Plan.Step planned = plan.step(step);
        int maxAttempts = planned.settings(finished.execution().stepDefaults()).retry().maxAttempts();
        return new ClaimedTask(finished.execution().taskRun(step), finished.worker(), finished.execution(),
                step, planned.type().name(), 1, maxAttempts, finished.executionInputs(),
                finished.executionCreatedAt(), now);
    }

    private void taskEvent(ClaimedTask task, TaskStatus status, StoredJson input, StoredJson output) {
        try {
            outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(), status,
                    task.attempt(), input, output, null), now);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    private Instant finishedAt(Instant finishedAt) {
        return finishedAt == null ? now : finishedAt;
    }

    /** Writes the steps remaining of each execution that goes on; a settled one is written as it settles. */
    private void countDown(Map<String, Decisions.Locked> locked, Map<String, ExecutionState> states,
            Set<String> settling) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        new TreeMap<>(states).forEach((execution, state) -> {
            if (!settling.contains(execution) && state.remaining() != locked.get(execution).remaining()) {
                rows.add(new Object[] {state.remaining(), execution});
            }
        });
        sql.batch("UPDATE executions SET remaining_tasks = ? WHERE id = ?", rows);
    }

    /**
     * Computes the outputs of each execution the decider completed and completes it, or fails it when they cannot be
     * computed or are larger than the {@link OutputLimits}. Outputs the workers hold are used as they are; only the
     * missing ones are read.
     */
    private void settle(List<Success> items, Map<String, List<Integer>> settling,
            Map<String, Decisions.Locked> locked, Completion[] results) throws SQLException {
        if (settling.isEmpty()) {
            return;
        }
        Map<String, Map<String, JsonNode>> outputs = new HashMap<>();
        List<Object> incomplete = new ArrayList<>();
        Set<String> missing = new TreeSet<>();
        for (Map.Entry<String, List<Integer>> entry : settling.entrySet()) {
            Map<String, JsonNode> inHand = new HashMap<>();
            entry.getValue().forEach(i -> inHand.putAll(items.get(i).outputsInHand()));
            outputs.put(entry.getKey(), inHand);
            TaskTransitions.Settler settler = items.get(entry.getValue().getLast()).settler();
            if (!inHand.keySet().containsAll(settler.needs())) {
                incomplete.add(entry.getKey());
                settler.needs().stream().filter(name -> !inHand.containsKey(name)).forEach(missing::add);
            }
        }
        if (!incomplete.isEmpty()) {
            // Only the outputs the settlers read: an execution's other outputs may be many, each up to the cap.
            sql.query("SELECT execution_id, name, output FROM task_runs WHERE execution_id IN ("
                    + Sql.placeholders(incomplete.size()) + ") AND status = " + StatusSql.of(TaskStatus.COMPLETED)
                    + " AND name IN (" + Sql.placeholders(missing.size()) + ")",
                    r -> outputs.get(r.string("execution_id")).putIfAbsent(r.string("name"), r.json("output")),
                    Sql.concat(incomplete.toArray(), missing));
        }
        List<Object[]> rows = new ArrayList<>();
        List<ExecutionRef> completed = new ArrayList<>();
        List<StoredJson> completedOutputs = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : new TreeMap<>(settling).entrySet()) {
            Success last = items.get(entry.getValue().getLast());
            ExecutionRef execution = last.task().execution();
            ExecutionStatus status;
            try {
                StoredJson values = limits.executionOutputs(last.settler().outputs(outputs.get(entry.getKey())));
                rows.add(new Object[] {values, now, now, execution.id()});
                completed.add(execution);
                completedOutputs.add(values);
                status = ExecutionStatus.COMPLETED;
            } catch (SettleException e) {
                // Decided on the execution as it was before this batch completed it.
                Plan plan = plans.plan(execution.workflowId(), execution.workflowVersion());
                ExecutionState before = new ExecutionState(locked.get(execution.id()).status(), 0, Map.of(), false);
                Decision failed = decider.decide(plan, before, new Happening.OutputsFailed());
                decisions.end(execution, plan, failed.runs(), failed.execution().orElseThrow(),
                        TaskTransitions.error(e.getMessage(), null));
                status = ExecutionStatus.FAILED;
            }
            for (int i : entry.getValue()) {
                results[i] = Completion.settled(status);
            }
        }
        sql.batch("UPDATE executions SET status = " + StatusSql.of(ExecutionStatus.COMPLETED)
                + ", outputs = ?, completed_at = ?, remaining_tasks = 0, purge_at = "
                + Decisions.purgeAt(ExecutionStatus.COMPLETED) + " WHERE id = ?", rows);
        for (int k = 0; k < completed.size(); k++) {
            outbox.execution(sql, completed.get(k), ExecutionStatus.COMPLETED, completedOutputs.get(k), null, now);
        }
    }

    private static List<Integer> byTaskId(List<Success> items) {
        List<Integer> order = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> items.get(i).task().id()));
        return order;
    }
}
