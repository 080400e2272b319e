package io.dataflow.engine.store;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.TaskStatus;
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
    private final Instant now;
    private final Duration lease;

    CompletionBatch(Sql sql, EventOutbox outbox, TaskTransitions transitions, Instant now, Duration lease) {
        this.sql = sql;
        this.outbox = outbox;
        this.transitions = transitions;
        this.now = now;
        this.lease = lease;
    }

    /** A task run that became ready in this batch. */
    private record Ready(String id, String executionId, String name, String type, int attempt, int maxAttempts,
            int position) {
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
        Map<String, List<Integer>> settling = new LinkedHashMap<>();
        for (int i : recorded) {
            String execution = items.get(i).task().execution().id();
            Integer left = remaining.get(execution);
            results[i] = Completion.progressed(Optional.empty(), false);
            if (left == null) {
                continue; // the execution ended meanwhile (failed or cancelled); its other tasks went with it
            }
            if (left > 0) {
                if (!items.get(i).successors().isEmpty()) {
                    advancing.add(i);
                }
            } else {
                settling.computeIfAbsent(execution, e -> new ArrayList<>()).add(i);
            }
        }
        advance(items, advancing, results);
        settle(items, settling, results);
        return List.of(results);
    }

    /** Stores each result where its attempt is still the current one; returns the indexes of those stored. */
    private List<Integer> record(List<Success> items) throws SQLException {
        List<Integer> order = byTaskId(items);
        List<Object[]> rows = new ArrayList<>(items.size());
        for (int i : order) {
            Success item = items.get(i);
            rows.add(new Object[] {item.input(), item.output(), now, item.task().id(), item.task().attempt()});
        }
        int[] changed = sql.batch("UPDATE task_runs SET status = 'COMPLETED', input = ?, output = ?, error = NULL,"
                + " completed_at = ?, lease_owner = NULL, lease_expires_at = NULL"
                + " WHERE id = ? AND attempt = ? AND status = 'RUNNING'", rows);
        List<Integer> recorded = new ArrayList<>();
        List<Object[]> attempts = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            if (changed[k] > 0) {
                int i = order.get(k);
                recorded.add(i);
                ClaimedTask task = items.get(i).task();
                attempts.add(new Object[] {task.id(), task.attempt(), "COMPLETED", task.worker(), null,
                        task.attemptStartedAt() == null ? now : task.attemptStartedAt(), now});
            }
        }
        sql.batch(TaskTransitions.INSERT_ATTEMPT, attempts);
        for (int i : recorded) {
            Success item = items.get(i);
            ClaimedTask task = item.task();
            outbox.task(sql, task.execution(), new EventOutbox.TaskChange(task.id(), task.name(), task.type(),
                    TaskStatus.COMPLETED, task.attempt(), item.input(), item.output(), null), now);
        }
        recorded.sort(Comparator.naturalOrder());
        return recorded;
    }

    /**
     * Counts each execution down by its tasks recorded here; returns the tasks left of those still running.
     * Executions that ended meanwhile are absent.
     */
    private Map<String, Integer> countDown(List<Success> items, List<Integer> recorded) throws SQLException {
        Map<String, Integer> finished = new TreeMap<>();
        for (int i : recorded) {
            finished.merge(items.get(i).task().execution().id(), 1, Integer::sum);
        }
        List<Object[]> rows = new ArrayList<>(finished.size());
        finished.forEach((execution, count) -> rows.add(new Object[] {count, execution}));
        int[] counted = sql.batch("UPDATE executions SET remaining_tasks = remaining_tasks - ? WHERE id = ?"
                + " AND status = 'RUNNING'", rows);
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
     * Counts the successors' pending dependencies down and claims, for each finished task, the first of its
     * successors that became ready; others that became ready are left for the dispatcher.
     */
    private void advance(List<Success> items, List<Integer> advancing, Completion[] results) throws SQLException {
        if (advancing.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        Map<String, Set<String>> successorsByExecution = new TreeMap<>();
        for (int i : advancing) {
            Success item = items.get(i);
            String execution = item.task().execution().id();
            for (String successor : item.successors()) {
                rows.add(new Object[] {now, execution, successor});
                successorsByExecution.computeIfAbsent(execution, e -> new HashSet<>()).add(successor);
            }
        }
        sql.batch("UPDATE task_runs SET pending_deps = pending_deps - 1,"
                + " status = CASE WHEN pending_deps = 1 THEN 'READY' ELSE status END,"
                + " ready_at = CASE WHEN pending_deps = 1 THEN ? ELSE ready_at END"
                + " WHERE execution_id = ? AND name = ? AND status = 'PENDING'", rows);
        Map<String, List<Ready>> ready = new HashMap<>();
        sql.query("SELECT id, execution_id, name, type, attempt, max_attempts, position FROM task_runs"
                + " WHERE execution_id IN (" + Sql.placeholders(successorsByExecution.size()) + ")"
                + " AND status = 'READY' ORDER BY position", r -> {
                    String execution = r.string("execution_id");
                    String name = r.string("name");
                    // A successor that is READY now became ready here: it could not run before this task finished.
                    if (successorsByExecution.get(execution).contains(name)) {
                        ready.computeIfAbsent(execution, e -> new ArrayList<>()).add(new Ready(r.string("id"),
                                execution, name, r.string("type"), r.integer("attempt"), r.integer("max_attempts"),
                                r.integer("position")));
                    }
                    return null;
                }, successorsByExecution.keySet().toArray());
        List<ClaimedTask> claims = new ArrayList<>();
        Map<Integer, ClaimedTask> claimedFor = new HashMap<>();
        for (int i : advancing) {
            ClaimedTask task = items.get(i).task();
            List<Ready> candidates = ready.getOrDefault(task.execution().id(), List.of());
            Ready first = candidates.stream().filter(c -> items.get(i).successors().contains(c.name())).findFirst()
                    .orElse(null);
            if (first != null) {
                candidates.remove(first);
                ClaimedTask next = new ClaimedTask(first.id(), task.worker(), task.execution(), first.name(),
                        first.type(), first.attempt() + 1, first.maxAttempts(), task.executionInputs(),
                        task.executionCreatedAt(), now);
                claims.add(next);
                claimedFor.put(i, next);
            }
        }
        claims.sort(Comparator.comparing(ClaimedTask::id));
        List<Object[]> claimRows = new ArrayList<>(claims.size());
        for (ClaimedTask next : claims) {
            claimRows.add(new Object[] {next.attempt(), next.worker(), now.plus(lease), now, next.id()});
        }
        sql.batch("UPDATE task_runs SET status = 'RUNNING', attempt = ?, lease_owner = ?, lease_expires_at = ?,"
                + " started_at = ?, error = NULL WHERE id = ?", claimRows);
        for (ClaimedTask next : claims) {
            outbox.task(sql, next.execution(), new EventOutbox.TaskChange(next.id(), next.name(), next.type(),
                    TaskStatus.RUNNING, next.attempt(), null, null, null), now);
        }
        for (int i : advancing) {
            boolean othersReady = !ready.getOrDefault(items.get(i).task().execution().id(), List.of()).isEmpty();
            results[i] = Completion.progressed(Optional.ofNullable(claimedFor.get(i)), othersReady);
        }
    }

    /** Computes the outputs of each execution with nothing left and completes it, or fails it if they cannot be. */
    private void settle(List<Success> items, Map<String, List<Integer>> settling, Completion[] results)
            throws SQLException {
        if (settling.isEmpty()) {
            return;
        }
        Map<String, Map<String, JsonNode>> outputs = new HashMap<>();
        sql.query("SELECT execution_id, name, output FROM task_runs WHERE execution_id IN ("
                + Sql.placeholders(settling.size()) + ") AND status = 'COMPLETED'",
                r -> outputs.computeIfAbsent(r.string("execution_id"), e -> new HashMap<>())
                        .put(r.string("name"), r.json("output")), settling.keySet().toArray());
        List<Object[]> rows = new ArrayList<>();
        List<ExecutionRef> completed = new ArrayList<>();
        List<JsonNode> completedOutputs = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> entry : new TreeMap<>(settling).entrySet()) {
            Success last = items.get(entry.getValue().getLast());
            ExecutionRef execution = last.task().execution();
            ExecutionStatus status;
            try {
                JsonNode values = last.settler().outputs(outputs.getOrDefault(entry.getKey(), Map.of()));
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
        sql.batch("UPDATE executions SET status = 'COMPLETED', outputs = ?, completed_at = ? WHERE id = ?"
                + " AND status = 'RUNNING'", rows);
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
