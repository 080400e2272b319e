package io.dataflow.engine.store;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.store.TaskTransitions.Chained;
import io.dataflow.engine.store.TaskTransitions.Completion;
import io.dataflow.engine.store.TaskTransitions.SettleException;
import io.dataflow.engine.store.TaskTransitions.Settler;
import io.dataflow.engine.store.TaskTransitions.Success;
import io.dataflow.engine.store.TaskTransitions.Successor;
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
 * statements whatever their number: store the results fenced on the attempt (a stale worker's result changes
 * nothing), count each execution down, move successors, claim one ready successor per finished task for the
 * same worker, and settle the executions that have nothing left. Rows are taken in id order, so batches of two
 * nodes lock them in the same order.
 */
final class CompletionBatch {

    private final Sql sql;
    private final EventOutbox outbox;
    private final TaskTransitions transitions;
    private final OutputLimits limits;
    private final Instant now;
    private final Duration lease;
    /** For each recorded item, how many of its task runs were stored: its attempt and the chain's stored prefix. */
    private final Map<Integer, Integer> recordedTasks = new HashMap<>();
    /** Recorded items whose chain was not stored whole, because their execution ended meanwhile. */
    private final Set<Integer> incompleteChains = new HashSet<>();

    CompletionBatch(Sql sql, EventOutbox outbox, TaskTransitions transitions, OutputLimits limits, Instant now,
            Duration lease) {
        this.sql = sql;
        this.outbox = outbox;
        this.transitions = transitions;
        this.limits = limits;
        this.now = now;
        this.lease = lease;
    }

    /** Applies the items and returns what each one changed, in the same order. */
    List<Completion> apply(List<Success> items) throws SQLException {
        Completion[] results = new Completion[items.size()];
        Arrays.fill(results, Completion.STALE);
        List<Integer> recorded = record(items);
        if (recorded.isEmpty()) {
            return List.of(results);
        }
        Map<String, Integer> remaining = countDown(items, recorded);
        List<Integer> advancing = new ArrayList<>();
        List<Integer> cut = new ArrayList<>();
        Map<String, List<Integer>> settling = new LinkedHashMap<>();
        for (int i : recorded) {
            String execution = items.get(i).task().execution().id();
            Integer left = remaining.get(execution);
            results[i] = Completion.progressed(Optional.empty());
            if (left == null) {
                continue; // the execution ended meanwhile (failed or cancelled); its other tasks went with it
            }
            if (incompleteChains.contains(i)) {
                cut.add(i);
            } else if (left > 0) {
                if (!items.get(i).successors().isEmpty()) {
                    advancing.add(i);
                }
            } else {
                settling.computeIfAbsent(execution, e -> new ArrayList<>()).add(i);
            }
        }
        advance(items, advancing, cut, results);
        settle(items, settling, results);
        return List.of(results);
    }

    /**
     * Stores each result where its attempt is still the current one, then the results of the chain run after it;
     * returns the indexes of the items stored. {@link #recordedTasks} says how many task runs of each were stored.
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
                + ", input = ?, output = ?, error = NULL,"
                + " completed_at = ?, lease_expires_at = NULL"
                + " WHERE id = ? AND attempt = ? AND status = " + StatusSql.of(TaskStatus.RUNNING), rows);
        List<Integer> recorded = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            if (changed[k] > 0) {
                recorded.add(order.get(k));
            }
        }
        for (int i : recorded) {
            Success item = items.get(i);
            ClaimedTask task = item.task();
            recordedTasks.put(i, 1);
            outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(),
                    TaskStatus.COMPLETED, task.attempt(), item.input(), item.output(), null), now);
        }
        recordChains(items, recorded);
        recorded.sort(Comparator.naturalOrder());
        return recorded;
    }

    /**
     * Stores the tasks each recorded item ran in memory after its attempt: each goes from PENDING straight to
     * COMPLETED with its first attempt. Only the items whose own attempt was current get here, so a stale worker's
     * chain changes nothing either. A chained task that is no longer PENDING belongs to an execution that ended
     * meanwhile; it and the rest of its chain are left as they are.
     */
    private void recordChains(List<Success> items, List<Integer> recorded) throws SQLException {
        List<Chained> steps = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i : recorded) {
            for (Chained step : items.get(i).chained()) {
                steps.add(step);
                owners.add(i);
            }
        }
        if (steps.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(steps.size());
        for (Chained step : steps) {
            ClaimedTask task = step.task();
            rows.add(new Object[] {task.worker(), step.input(), step.output(), task.attemptStartedAt(),
                    task.attemptStartedAt(), finishedAt(step.finishedAt()), task.id()});
        }
        int[] changed = sql.batch("UPDATE task_runs SET status = " + StatusSql.of(TaskStatus.COMPLETED)
                + ", pending_deps = 0, attempt = 1,"
                + " lease_owner = ?, input = ?, output = ?, error = NULL, ready_at = ?, started_at = ?,"
                + " completed_at = ?, lease_expires_at = NULL WHERE id = ? AND status = "
                + StatusSql.of(TaskStatus.PENDING), rows);
        Set<Integer> cut = new HashSet<>();
        for (int k = 0; k < steps.size(); k++) {
            int owner = owners.get(k);
            if (changed[k] == 0 || cut.contains(owner)) {
                cut.add(owner);
                continue;
            }
            recordedTasks.merge(owner, 1, Integer::sum);
            ClaimedTask task = steps.get(k).task();
            outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(),
                    TaskStatus.RUNNING, 1, null, null, null), now);
            outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(),
                    TaskStatus.COMPLETED, 1, steps.get(k).input(), steps.get(k).output(), null), now);
        }
        for (int owner : cut) {
            if (recordedTasks.get(owner) < items.get(owner).tasks()) {
                incompleteChains.add(owner);
            }
        }
    }

    private Instant finishedAt(Instant finishedAt) {
        return finishedAt == null ? now : finishedAt;
    }

    /**
     * Counts each execution down by its tasks recorded here; returns the tasks left of those still running.
     * Executions that ended meanwhile are absent.
     */
    private Map<String, Integer> countDown(List<Success> items, List<Integer> recorded) throws SQLException {
        Map<String, Integer> finished = new TreeMap<>();
        for (int i : recorded) {
            finished.merge(items.get(i).task().execution().id(), recordedTasks.get(i), Integer::sum);
        }
        List<Object[]> rows = new ArrayList<>(finished.size());
        finished.forEach((execution, count) -> rows.add(new Object[] {count, execution}));
        int[] counted = sql.batch("UPDATE executions SET remaining_tasks = remaining_tasks - ? WHERE id = ?"
                + " AND status IN " + StatusSql.in(ExecutionStatus.UNFINISHED), rows);
        List<String> running = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            if (counted[k] > 0) {
                running.add((String) rows.get(k)[1]);
            }
        }
        Map<String, Integer> remaining = new HashMap<>();
        if (!running.isEmpty()) {
            sql.query("SELECT id, remaining_tasks FROM executions WHERE id IN (" + Sql.placeholders(running.size())
                    + ")", r -> remaining.put(r.string("id"), r.integer("remaining_tasks")), running.toArray());
        }
        return remaining;
    }

    /**
     * Claims for each finished task the first successor that waited only for it, straight from PENDING to RUNNING,
     * and counts the other successors' pending dependencies down: those that reach zero become READY for the
     * dispatcher. A task run's id follows from its execution and position, so none of this reads a row first.
     */
    private void advance(List<Success> items, List<Integer> advancing, List<Integer> cut, Completion[] results)
            throws SQLException {
        if (advancing.isEmpty() && cut.isEmpty()) {
            return;
        }
        List<ClaimedTask> claims = new ArrayList<>();
        Map<Integer, ClaimedTask> claimedFor = new HashMap<>();
        List<Object[]> countDowns = new ArrayList<>();
        for (int i : cut) {
            // A chained task not found by its derived id (stored before ids were derived): it becomes READY instead.
            ClaimedTask first = items.get(i).chained().get(recordedTasks.get(i) - 1).task();
            countDowns.add(new Object[] {now, first.execution().id(), first.name()});
            results[i] = Completion.progressed(Optional.empty());
        }
        for (int i : advancing) {
            ClaimedTask task = items.get(i).task();
            List<Successor> successors = items.get(i).successors().stream()
                    .sorted(Comparator.comparingInt(Successor::position)).toList();
            for (Successor successor : successors) {
                if (!claimedFor.containsKey(i) && successor.dependencies() == 1) {
                    ClaimedTask next = new ClaimedTask(Ids.taskRun(task.execution().id(), successor.position()),
                            task.worker(), task.execution(), successor.name(), successor.type(), 1,
                            successor.maxAttempts(), task.executionInputs(), task.executionCreatedAt(), now);
                    claims.add(next);
                    claimedFor.put(i, next);
                } else {
                    countDowns.add(new Object[] {now, task.execution().id(), successor.name()});
                }
            }
        }
        claims.sort(Comparator.comparing(ClaimedTask::id));
        List<Object[]> claimRows = new ArrayList<>(claims.size());
        for (ClaimedTask next : claims) {
            claimRows.add(new Object[] {next.worker(), now.plus(lease), now, now, next.id()});
        }
        // A PENDING task run has never been attempted, so this is its first attempt.
        int[] claimed = sql.batch("UPDATE task_runs SET pending_deps = 0, status = "
                + StatusSql.of(TaskStatus.RUNNING) + ", attempt = 1,"
                + " lease_owner = ?, lease_expires_at = ?, started_at = ?, ready_at = ?, error = NULL"
                + " WHERE id = ? AND status = " + StatusSql.of(TaskStatus.PENDING), claimRows);
        Set<ClaimedTask> missed = new HashSet<>();
        for (int k = 0; k < claims.size(); k++) {
            if (claimed[k] == 0) {
                // Not found by its derived id (a task run stored before ids were derived): count it down instead.
                ClaimedTask next = claims.get(k);
                missed.add(next);
                countDowns.add(new Object[] {now, next.execution().id(), next.name()});
            } else {
                outbox.task(sql, claims.get(k).execution(), new EventOutbox.TaskChange(claims.get(k).id(),
                        claims.get(k).name(), claims.get(k).type(), TaskStatus.RUNNING, 1, null, null, null), now);
            }
        }
        sql.batch("UPDATE task_runs SET pending_deps = pending_deps - 1,"
                + " status = CASE WHEN pending_deps = 1 THEN " + StatusSql.of(TaskStatus.READY) + " ELSE status END,"
                + " ready_at = CASE WHEN pending_deps = 1 THEN ? ELSE ready_at END"
                + " WHERE execution_id = ? AND name = ? AND status = " + StatusSql.of(TaskStatus.PENDING), countDowns);
        if (!countDowns.isEmpty()) {
            transitions.readyOnCommit(sql); // a successor whose count reached zero is READY for the dispatcher
        }
        for (int i : advancing) {
            ClaimedTask next = claimedFor.get(i);
            boolean found = next != null && !missed.contains(next);
            results[i] = Completion.progressed(found ? Optional.of(next) : Optional.empty());
        }
    }

    /**
     * Computes the outputs of each execution with nothing left and completes it, or fails it when they cannot be
     * computed or are larger than the {@link OutputLimits}. Outputs the workers hold are used as they are; only the
     * missing ones are read.
     */
    private void settle(List<Success> items, Map<String, List<Integer>> settling, Completion[] results)
            throws SQLException {
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
            Settler settler = items.get(entry.getValue().getLast()).settler();
            if (!inHand.keySet().containsAll(settler.needs())) {
                incomplete.add(entry.getKey());
                settler.needs().stream().filter(name -> !inHand.containsKey(name)).forEach(missing::add);
            }
        }
        if (!incomplete.isEmpty()) {
            // Only the outputs the settlers read: an execution's other outputs may be many, each up to the cap.
            sql.query("SELECT execution_id, name, output FROM task_runs WHERE execution_id IN ("
                    + Sql.placeholders(incomplete.size()) + ") AND status = " + StatusSql.of(TaskStatus.COMPLETED)
                    + " AND name IN ("
                    + Sql.placeholders(missing.size()) + ")",
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
                rows.add(new Object[] {values, now, execution.id()});
                completed.add(execution);
                completedOutputs.add(values);
                status = ExecutionStatus.COMPLETED;
            } catch (SettleException e) {
                transitions.failExecution(sql, execution, TaskTransitions.error(e.getMessage(), null), now);
                status = ExecutionStatus.FAILED;
            }
            for (int i : entry.getValue()) {
                results[i] = Completion.settled(status);
            }
        }
        sql.batch("UPDATE executions SET status = " + StatusSql.of(ExecutionStatus.COMPLETED)
                + ", outputs = ?, completed_at = ? WHERE id = ?"
                + " AND status IN " + StatusSql.in(ExecutionStatus.UNFINISHED), rows);
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
