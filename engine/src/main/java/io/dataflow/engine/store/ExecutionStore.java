package io.dataflow.engine.store;

import com.github.f4b6a3.ulid.Ulid;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionListing;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Retention;
import io.dataflow.engine.model.StartedBy;
import io.dataflow.engine.model.StepDefaults;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.model.WorkflowStatus;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.core.type.TypeReference;

/** Executions and their task runs: creating them and reading them back. Every read is scoped by organization. */
public final class ExecutionStore {

    static final String COLUMNS = "id, organization_id, workflow_id, workflow_version, status, inputs, outputs,"
            + " error, webhook_url, trigger_source, created_at, started_at, completed_at, run_number, rerun_of,"
            + " step_defaults";
    /**
     * The condition under which a start's row is inserted, on the workflow's row: it is the organization's, live,
     * takes executions, and still runs the version the execution was planned on (unless the start is pinned to it).
     */
    private static final String STARTABLE = " WHERE id = ? AND organization_id = ?"
            + " AND (COALESCE(deployed_version, current_version) = ? OR ?) AND deleted_at IS NULL"
            + " AND status IN " + StatusSql.in(WorkflowStatus.EXECUTABLE);
    /** The columns of a list: the large ones (inputs, outputs, error), which no list shows, read as null. */
    static final String SUMMARY_COLUMNS = "id, organization_id, workflow_id, workflow_version, status,"
            + " NULL AS inputs, NULL AS outputs, NULL AS error, webhook_url, trigger_source, created_at, started_at,"
            + " completed_at, run_number, rerun_of, step_defaults";

    private final Database database;
    private final EventOutbox outbox;
    private final Runnable readyNow;

    /** @param ready told when new executions' first tasks can be claimed */
    public ExecutionStore(Database database, EventOutbox outbox, ReadyWork ready) {
        this.database = database;
        this.outbox = outbox;
        this.readyNow = ready::readyNow;
    }

    /**
     * An execution to create, with the READY runs of the steps that wait for nothing, and who started it. The runs
     * of the other steps are created when they become runnable.
     *
     * @param steps the plan's steps, in definition order
     */
    public record NewExecution(Execution execution, List<PlannedStep> steps, StartedBy startedBy, Reuse reuse,
            boolean pinned, Named named) {

        /** An execution started through no binding. */
        public NewExecution(Execution execution, List<PlannedStep> steps, StartedBy startedBy, Reuse reuse,
                boolean pinned) {
            this(execution, steps, startedBy, reuse, pinned, null);
        }

        /** A new execution of the version the workflow runs now that reuses nothing. */
        public NewExecution(Execution execution, List<PlannedStep> steps, StartedBy startedBy) {
            this(execution, steps, startedBy, null, false);
        }

        /** A rerun runs the version of the execution it reruns, whichever the workflow runs now. */
        public NewExecution(Execution execution, List<PlannedStep> steps, StartedBy startedBy, Reuse reuse) {
            this(execution, steps, startedBy, reuse, reuse != null);
        }

        /** Started by no known key: no admin rights. */
        public NewExecution(Execution execution, List<PlannedStep> steps) {
            this(execution, steps, StartedBy.UNKNOWN);
        }

        /** The steps whose runs are created with the execution, READY. */
        private List<PlannedStep> ready() {
            return steps.stream().filter(step -> reuse == null ? step.first() : reuse.ready().contains(step.name()))
                    .toList();
        }

        private int remaining() {
            return steps.size() - (reuse == null ? 0 : reuse.steps().size());
        }
    }

    /**
     * The binding an execution is started through, the binding's version it starts on, and its name among the
     * binding's executions.
     */
    public record Named(String bindingId, String bindingVersionId, String name, Retention retention) {

        public Named {
            retention = retention == null ? Retention.NONE : retention;
        }

        /** Kept for the server's retention. */
        public Named(String bindingId, String bindingVersionId, String name) {
            this(bindingId, bindingVersionId, name, Retention.NONE);
        }
    }

    /**
     * What an execution that reruns another from a step takes from it (its run {@code run}): the runs of
     * {@code steps}, completed there, are copied as they are (input, output, attempt), and the runs of {@code ready}
     * are created READY. Its version is the other's, whether or not it is still the workflow's current one.
     */
    public record Reuse(String executionId, int run, Set<String> steps, Set<String> ready) {
        public Reuse {
            steps = Set.copyOf(steps);
            ready = Set.copyOf(ready);
        }
    }

    /**
     * Creates queued executions and the runs of their first steps in one transaction. An execution is created only
     * while its version is still the one the workflow runs (unless pinned), the workflow is not deleted and takes
     * executions, checked in the same statement that inserts it.
     *
     * <p>An execution started through a binding ({@link NewExecution#named}) is created only while the binding lives
     * and no execution of it has its name. The binding's row is locked first, so that starts through one binding
     * take names one after the other and a binding being deleted either sees the execution or refuses it; the
     * binding's {@code triggered_at} is set when one is created.
     *
     * @return for each execution, in order, whether it was created (false: the version is no longer the one the
     *     workflow runs, or the workflow is gone or takes no executions; or its binding is gone, or its name taken)
     */
    public List<Boolean> insertAll(List<NewExecution> executions) {
        return database.transaction(sql -> {
            Set<String> liveBindings = lockBindings(sql, executions);
            List<Object[]> plain = new ArrayList<>();
            List<Object[]> named = new ArrayList<>();
            for (NewExecution next : executions) {
                Execution execution = next.execution();
                Named name = next.named();
                Object[] common = {execution.id(), execution.workflowVersion(), execution.status(),
                        execution.inputs(), execution.webhookUrl(), execution.triggerSource(), execution.createdAt(),
                        execution.run(), execution.rerunOf(), execution.stepDefaults(), next.remaining(),
                        next.startedBy().keyId(), next.startedBy().admin()};
                Object[] workflow = {execution.workflowId(), execution.organizationId(), execution.workflowVersion(),
                        next.pinned()};
                if (name == null) {
                    plain.add(concat(common, workflow));
                } else {
                    named.add(concat(common, new Object[] {name.bindingId(), name.bindingVersionId(), name.name(),
                            BindingStore.millis(name.retention().success()),
                            BindingStore.millis(name.retention().error())},
                            workflow, new Object[] {liveBindings.contains(name.bindingId()), name.bindingId(),
                                    name.name()}));
                }
            }
            // Executions of no binding are inserted as before bindings existed: the statement names none of its
            // columns, and PostgreSQL's indexes of them hold bound executions only (V20).
            int[] plainInserted = sql.batch("INSERT INTO executions (" + COLUMNS + ", remaining_tasks,"
                    + " event_sequence, started_by_key, started_by_admin) SELECT ?, organization_id, id, ?, ?, ?, NULL,"
                    + " NULL, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, 0, ?, ? FROM workflows" + STARTABLE, plain);
            int[] namedInserted = sql.batch("INSERT INTO executions (" + COLUMNS + ", remaining_tasks,"
                    + " event_sequence, started_by_key, started_by_admin, binding_id, binding_version_id,"
                    + " execution_name, success_retention_ms, error_retention_ms) SELECT ?, organization_id, id, ?, ?,"
                    + " ?, NULL, NULL, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ? FROM workflows"
                    + STARTABLE + " AND ? AND NOT EXISTS (SELECT 1 FROM"
                    + " executions x WHERE x.binding_id = ? AND x.execution_name = ?)", named);
            int[] inserted = new int[executions.size()];
            for (int i = 0, p = 0, n = 0; i < executions.size(); i++) {
                inserted[i] = executions.get(i).named() == null ? plainInserted[p++] : namedInserted[n++];
            }
            Map<String, Instant> triggered = new TreeMap<>();
            for (int i = 0; i < executions.size(); i++) {
                if (inserted[i] > 0 && executions.get(i).named() != null) {
                    triggered.merge(executions.get(i).named().bindingId(), executions.get(i).execution().createdAt(),
                            (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            for (Map.Entry<String, Instant> binding : triggered.entrySet()) {
                sql.update("UPDATE workflow_bindings SET triggered_at = ? WHERE id = ?", binding.getValue(),
                        binding.getKey());
            }
            List<Boolean> created = new ArrayList<>(executions.size());
            List<Object[]> taskRows = new ArrayList<>();
            List<Object[]> copies = new ArrayList<>();
            for (int i = 0; i < executions.size(); i++) {
                created.add(inserted[i] > 0);
                if (inserted[i] > 0) {
                    addTaskRows(executions.get(i), taskRows);
                    addCopies(executions.get(i), copies);
                }
            }
            sql.batch("INSERT INTO task_runs (id, execution_id, position, name, type, status, attempt, max_attempts,"
                    + " input, output, lease_owner, created_at, started_at, completed_at) SELECT ?, ?, position, name,"
                    + " type, status, attempt, max_attempts, input, output, lease_owner, ?, started_at, completed_at"
                    + " FROM task_runs WHERE id = ? AND status = " + StatusSql.of(TaskStatus.COMPLETED), copies);
            sql.batch("INSERT INTO task_runs (id, execution_id, position, name, type, status, attempt, max_attempts,"
                    + " ready_at, created_at) VALUES (?, ?, ?, ?, ?, " + StatusSql.of(TaskStatus.READY) + ", 0, ?, ?, ?)",
                    taskRows);
            for (int i = 0; i < executions.size(); i++) {
                if (inserted[i] > 0) {
                    Execution execution = executions.get(i).execution();
                    outbox.execution(sql, ExecutionRef.of(execution), execution.status(), null, null,
                            execution.createdAt());
                    sql.afterCommit(readyNow);
                }
            }
            return created;
        });
    }

    /**
     * Locks the live bindings the executions are started through, in id order, and returns their ids: a binding
     * deleted meanwhile is not among them.
     */
    private static Set<String> lockBindings(Sql sql, List<NewExecution> executions) throws SQLException {
        Set<String> ids = new TreeSet<>();
        executions.stream().filter(next -> next.named() != null).forEach(next -> ids.add(next.named().bindingId()));
        Set<String> live = new HashSet<>();
        for (String id : ids) {
            sql.one("SELECT id FROM workflow_bindings WHERE id = ? AND deleted_at IS NULL FOR UPDATE",
                    r -> r.string("id"), id).ifPresent(live::add);
        }
        return live;
    }

    /** The parts one after the other (they may hold nulls). */
    private static Object[] concat(Object[]... parts) {
        List<Object> all = new ArrayList<>();
        for (Object[] part : parts) {
            all.addAll(Arrays.asList(part));
        }
        return all.toArray();
    }

    /** The reused runs of an execution that reruns another, copied from it. */
    private static void addCopies(NewExecution next, List<Object[]> rows) {
        if (next.reuse() == null) {
            return;
        }
        String executionId = next.execution().id();
        for (String step : next.reuse().steps()) {
            rows.add(new Object[] {Ids.taskRun(executionId, 1, step), executionId, next.execution().createdAt(),
                    Ids.taskRun(next.reuse().executionId(), next.reuse().run(), step)});
        }
    }

    private static void addTaskRows(NewExecution next, List<Object[]> rows) {
        Instant now = next.execution().createdAt();
        String executionId = next.execution().id();
        for (PlannedStep step : next.ready()) {
            rows.add(new Object[] {Ids.taskRun(executionId, next.execution().run(), step.name()), executionId,
                    step.position(), step.name(), step.type(), step.maxAttempts(), now, now});
        }
    }

    /**
     * An execution of a workflow with all its task runs and their attempts, parsed. An answer that shows an
     * execution uses {@link #findStored} instead, which never holds more than a few task runs.
     *
     * @param plans the steps of an execution's plan, in definition order: a step without a run shows as PENDING
     */
    public Optional<ExecutionDetail> find(String organizationId, String workflowId, String executionId,
            Function<Execution, List<PlannedStep>> plans) {
        return database.read(sql -> {
            Optional<Execution> execution = sql.one("SELECT " + COLUMNS + " FROM executions WHERE id = ?"
                    + " AND organization_id = ? AND workflow_id = ?", ExecutionStore::map,
                    executionId, organizationId, workflowId);
            if (execution.isEmpty()) {
                return Optional.<ExecutionDetail>empty();
            }
            return Optional.of(new ExecutionDetail(execution.get(), TaskRunReader.page(sql, execution.get(),
                    plans.apply(execution.get()), -1, Integer.MAX_VALUE, false)));
        });
    }

    /**
     * An execution of a workflow as stored, for writing it out: its JSON unparsed, its task runs read a page at a
     * time as they are written.
     *
     * @param plans the steps of an execution's plan, in definition order: a step without a run shows as PENDING
     */
    public Optional<StoredExecution> findStored(String organizationId, String workflowId, String executionId,
            Function<Execution, List<PlannedStep>> plans) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM executions WHERE id = ?"
                + " AND organization_id = ? AND workflow_id = ?", r -> map(r, true), executionId, organizationId,
                workflowId)).map(execution -> new StoredExecution(database, execution, plans.apply(execution)));
    }

    /** An execution with its tasks in definition order. */
    public record ExecutionDetail(Execution execution, List<TaskRun> tasks) {
    }

    /**
     * Executions of a workflow, newest first, optionally only those in the given statuses; without their inputs,
     * outputs and error (null here), which a list does not show and which may be large.
     */
    public Page<Execution> list(String organizationId, String workflowId, Set<ExecutionStatus> statuses,
            String cursor, int limit) {
        String after = cursor == null ? null : Ids.idInCursor(cursor);
        StringBuilder query = new StringBuilder("SELECT " + SUMMARY_COLUMNS + " FROM executions WHERE organization_id = ?"
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

    /**
     * Executions of a workflow, newest first, skipping {@code offset} of them, optionally only those in the given
     * statuses, with how many match in all; without their inputs, outputs and error (null here). For APIs that page
     * by offset: {@link #list} pages by cursor, which new executions do not shift.
     */
    public ExecutionListing list(String organizationId, String workflowId, Set<ExecutionStatus> statuses,
            int offset, int limit) {
        StringBuilder where = new StringBuilder(" FROM executions WHERE organization_id = ? AND workflow_id = ?");
        List<Object> params = new ArrayList<>(List.of(organizationId, workflowId));
        if (!statuses.isEmpty()) {
            where.append(" AND status IN (").append(Sql.placeholders(statuses.size())).append(')');
            statuses.forEach(s -> params.add(s.name()));
        }
        Object[] filter = params.toArray();
        List<Object> paged = new ArrayList<>(params);
        paged.add(offset);
        paged.add(limit);
        return database.read(sql -> {
            long total = sql.one("SELECT COUNT(*) AS n" + where, r -> r.longValue("n"), filter).orElse(0L);
            List<Execution> items = total <= offset ? List.of() : sql.query("SELECT " + SUMMARY_COLUMNS + where
                    + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ExecutionStore::map, paged.toArray());
            return new ExecutionListing(total, items);
        });
    }

    /**
     * An execution of the organization found by its id alone, without its inputs, outputs and error (null here):
     * which workflow it belongs to, for APIs that name an execution without its workflow.
     */
    public Optional<Execution> find(String organizationId, String executionId) {
        return database.read(sql -> sql.one("SELECT " + SUMMARY_COLUMNS + " FROM executions WHERE id = ?"
                + " AND organization_id = ?", ExecutionStore::map, executionId, organizationId));
    }

    /**
     * The earlier runs of an execution of the organization's workflow (before its restarts), newest first, a page at
     * a time: at most {@code limit} runs numbered below {@code beforeRun}. Empty when there is no such execution.
     */
    public Optional<List<EarlierRun>> earlierRuns(String organizationId, String workflowId, String executionId,
            int beforeRun, int limit) {
        return database.read(sql -> {
            if (sql.one("SELECT id FROM executions WHERE id = ? AND organization_id = ? AND workflow_id = ?",
                    r -> r.string("id"), executionId, organizationId, workflowId).isEmpty()) {
                return Optional.<List<EarlierRun>>empty();
            }
            return Optional.of(sql.query("SELECT run_number, status, error, outputs, tasks, events, started_at,"
                    + " completed_at, restarted_at FROM execution_runs WHERE execution_id = ? AND run_number < ?"
                    + " ORDER BY run_number DESC LIMIT ?", r -> new EarlierRun(r.integer("run_number"),
                            r.enumValue("status", ExecutionStatus.class), r.json("error"), r.json("outputs"),
                            r.instant("started_at"), r.instant("completed_at"), r.instant("restarted_at"),
                            Json.MAPPER.readValue(r.string("tasks"), TASK_RUNS),
                            Json.MAPPER.readValue(r.string("events"), EVENTS)),
                    executionId, beforeRun, limit));
        });
    }

    private static final TypeReference<List<TaskRun>> TASK_RUNS = new TypeReference<>() {
    };
    private static final TypeReference<List<EventStore.Event>> EVENTS = new TypeReference<>() {
    };

    /** The status of each run of an execution, by step name: the steps it reached. */
    public Map<String, TaskStatus> runStatuses(String executionId) {
        Map<String, TaskStatus> statuses = new HashMap<>();
        database.read(sql -> sql.query("SELECT name, status FROM task_runs WHERE execution_id = ?",
                r -> statuses.put(r.string("name"), r.enumValue("status", TaskStatus.class)), executionId));
        return statuses;
    }

    /** The executions that rerun an execution from a step, newest first, at most {@code limit} of them. */
    public List<String> reruns(String executionId, int limit) {
        return database.read(sql -> sql.query("SELECT id FROM executions WHERE rerun_of = ? ORDER BY id DESC LIMIT ?",
                r -> r.string("id"), executionId, limit));
    }

    /** What {@link #delete} did. */
    public enum Deletion {
        DELETED, NOT_FOUND, NOT_FINISHED
    }

    /**
     * Deletes a finished execution with everything it left behind, in one transaction: its task runs and their
     * attempts, the events sent to it, its earlier runs' history, its webhook deliveries (sent or not) and their
     * attempts, and the files its tasks produced. Files uploaded through the API and given to it as inputs belong to
     * the organization and stay. An execution that has
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
            deleteRows(sql, executionId);
            return Deletion.DELETED;
        });
    }

    /**
     * Up to {@code limit} ids of executions, in id order, that finished before {@code cutoff} and have no retention of
     * their own: those the server's retention purges.
     */
    public List<String> finishedBefore(Instant cutoff, int limit) {
        String createdBefore = "ex-" + Ulid.min(cutoff.toEpochMilli()).toLowerCase();
        return database.read(sql -> sql.query("SELECT id FROM executions WHERE id < ? AND completed_at < ?"
                + " AND status NOT IN " + StatusSql.in(ExecutionStatus.UNFINISHED) + " AND purge_at IS NULL"
                + " ORDER BY id LIMIT ?", r -> r.string("id"), createdBefore, cutoff, limit));
    }

    /**
     * Up to {@code limit} ids of executions whose own retention ran out before {@code now}, those due first first.
     */
    public List<String> duePurges(Instant now, int limit) {
        return database.read(sql -> sql.query("SELECT id FROM executions WHERE purge_at < ? ORDER BY purge_at"
                + " LIMIT ?", r -> r.string("id"), now, limit));
    }

    /**
     * Deletes an execution that finished before {@code cutoff} and has no retention of its own, as {@link #delete}
     * does; false when it is gone or was restarted or rerun since it was found ({@link #finishedBefore}).
     */
    public boolean purge(String executionId, Instant cutoff) {
        return purgeWhere(executionId, "completed_at < ? AND purge_at IS NULL", cutoff);
    }

    /**
     * Deletes an execution whose own retention ran out before {@code now}, as {@link #delete} does; false when it is
     * gone or was restarted since it was found ({@link #duePurges}).
     */
    public boolean purgeDue(String executionId, Instant now) {
        return purgeWhere(executionId, "purge_at < ?", now);
    }

    private boolean purgeWhere(String executionId, String condition, Instant time) {
        return database.transaction(sql -> {
            Optional<ExecutionStatus> status = sql.one("SELECT status FROM executions WHERE id = ? AND " + condition
                    + " FOR UPDATE", r -> r.enumValue("status", ExecutionStatus.class), executionId, time);
            if (status.isEmpty() || !status.get().isTerminal()) {
                return false;
            }
            deleteRows(sql, executionId);
            return true;
        });
    }

    /**
     * Deletes a finished execution's rows and everything it left behind, inside the caller's transaction, which
     * has locked the execution's row.
     */
    static void deleteRows(Sql sql, String executionId) throws SQLException {
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
        sql.update("DELETE FROM execution_events WHERE execution_id = ?", executionId);
        sql.update("DELETE FROM execution_runs WHERE execution_id = ?", executionId);
        sql.update("DELETE FROM task_runs WHERE execution_id = ?", executionId);
        sql.update("DELETE FROM files WHERE execution_id = ?", executionId);
        sql.update("DELETE FROM executions WHERE id = ?", executionId);
    }

    /** The executions of a workflow that have not finished, without their inputs, outputs and error (null here). */
    public List<Execution> unfinished(String organizationId, String workflowId) {
        return database.read(sql -> sql.query("SELECT " + SUMMARY_COLUMNS + " FROM executions WHERE organization_id = ?"
                + " AND workflow_id = ? AND status IN " + StatusSql.in(ExecutionStatus.UNFINISHED),
                ExecutionStore::map, organizationId, workflowId));
    }

    static Execution map(Sql.Row r) throws SQLException {
        return map(r, false);
    }

    /** @param raw whether the JSON columns stay unparsed ({@link Sql.Row#rawJson}) */
    private static Execution map(Sql.Row r, boolean raw) throws SQLException {
        return new Execution(r.string("id"), r.string("organization_id"), r.string("workflow_id"),
                r.integer("workflow_version"), r.enumValue("status", ExecutionStatus.class),
                TaskRunReader.json(r, "inputs", raw), TaskRunReader.json(r, "outputs", raw),
                TaskRunReader.json(r, "error", raw), r.string("webhook_url"), r.string("trigger_source"),
                r.instant("created_at"), r.instant("started_at"), r.instant("completed_at"), r.integer("run_number"),
                r.string("rerun_of"), r.enumValue("step_defaults", StepDefaults.class));
    }

}
