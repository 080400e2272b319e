package io.dataflow.engine.store;

import io.dataflow.engine.model.Binding;
import io.dataflow.engine.model.BindingVersion;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.NamedExecution;
import io.dataflow.engine.model.NamedExecutionFilter;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Retention;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Bindings ({@link Binding}), their versions, and reading the executions started through them. Every method is
 * scoped by organization, or by a binding found within one. Starting named executions is
 * {@link ExecutionStore#insertAll}'s.
 */
public final class BindingStore {

    private static final String COLUMNS = "id, organization_id, name, workflow_id, class_name, current_version_id,"
            + " created_at, modified_at, triggered_at";
    private static final String VERSION_COLUMNS = "id, binding_id, workflow_id, workflow_version, class_name,"
            + " success_retention_ms, error_retention_ms, created_at";
    private static final String NAMED_COLUMNS = "binding_id, binding_version_id, execution_name, ";

    private final Database database;
    private final TaskTransitions transitions;
    private final Clock clock;

    /** @param transitions terminates a deleted binding's unfinished executions */
    public BindingStore(Database database, TaskTransitions transitions, Clock clock) {
        this.database = database;
        this.transitions = transitions;
        this.clock = clock;
    }

    /**
     * What binding a name did.
     *
     * @param created whether the binding was made now
     * @param versioned whether a new version was made (always when created)
     */
    public record Bound(Binding binding, boolean created, boolean versioned) {
    }

    /**
     * Binds a name to a workflow's version under a label: makes the binding with its first version, or a new version
     * of a live binding when the workflow, its version or the label differs from its current version's; else
     * changes nothing. The caller checks that the workflow is a live workflow of the organization.
     */
    public Bound bind(String organizationId, String name, String workflowId, int workflowVersion, String className,
            Retention retention) {
        for (int attempt = 0; ; attempt++) {
            try {
                return database.transaction(sql -> bind(sql, organizationId, name, workflowId, workflowVersion,
                        className, retention));
            } catch (DataAccessException e) {
                // Two first binds of one name at once: the loser binds again, now over the winner's binding.
                if (!e.isUniqueViolation() || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private Bound bind(Sql sql, String organizationId, String name, String workflowId, int workflowVersion,
            String className, Retention retention) throws SQLException {
        Instant now = now();
        Optional<Binding> current = sql.one("SELECT " + COLUMNS + " FROM workflow_bindings WHERE organization_id = ?"
                + " AND name_key = ? AND deleted_at IS NULL FOR UPDATE", BindingStore::map, organizationId, name);
        if (current.isEmpty()) {
            String id = Ids.next("bnd");
            String versionId = Ids.next("ver");
            sql.update("INSERT INTO workflow_bindings (" + COLUMNS + ", name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " NULL, ?)", id, organizationId, name, workflowId, className, versionId, now, now, name);
            insertVersion(sql, new BindingVersion(versionId, id, workflowId, workflowVersion, className, retention,
                    now));
            return new Bound(new Binding(id, organizationId, name, workflowId, className, versionId, now, now, null),
                    true, true);
        }
        Binding binding = current.get();
        BindingVersion version = version(sql, binding.id(), binding.versionId()).orElseThrow();
        if (version.workflowId().equals(workflowId) && version.workflowVersion() == workflowVersion
                && Objects.equals(version.className(), className) && version.retention().equals(retention)) {
            return new Bound(binding, false, false);
        }
        String versionId = Ids.next("ver");
        insertVersion(sql, new BindingVersion(versionId, binding.id(), workflowId, workflowVersion, className,
                retention, now));
        sql.update("UPDATE workflow_bindings SET workflow_id = ?, class_name = ?, current_version_id = ?,"
                + " modified_at = ? WHERE id = ?", workflowId, className, versionId, now, binding.id());
        return new Bound(new Binding(binding.id(), organizationId, name, workflowId, className, versionId,
                binding.createdAt(), now, binding.triggeredAt()), false, true);
    }

    /** Now, at the precision both databases keep, so what a change returns is what a read returns later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void insertVersion(Sql sql, BindingVersion version) throws SQLException {
        sql.update("INSERT INTO workflow_binding_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                version.id(), version.bindingId(), version.workflowId(), version.workflowVersion(),
                version.className(), millis(version.retention().success()), millis(version.retention().error()),
                version.createdAt());
    }

    /** A live binding of the organization by its name. */
    public Optional<Binding> find(String organizationId, String name) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM workflow_bindings WHERE organization_id = ?"
                + " AND name_key = ? AND deleted_at IS NULL", BindingStore::map, organizationId, name));
    }

    /**
     * The organization's live bindings by name, those whose name contains {@code search} (ignoring case) when it is
     * not null, skipping {@code offset}, with how many match in all.
     */
    public CountedPage<Binding> list(String organizationId, String search, int offset, int limit) {
        List<Object> params = new ArrayList<>(List.of(organizationId));
        StringBuilder where = new StringBuilder(" FROM workflow_bindings WHERE organization_id = ?"
                + " AND deleted_at IS NULL");
        if (search != null && !search.isEmpty()) {
            where.append(" AND LOWER(name) LIKE ? ESCAPE '\\'");
            params.add("%" + search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        Object[] filter = params.toArray();
        List<Object> paged = new ArrayList<>(params);
        paged.add(offset);
        paged.add(limit);
        return database.read(sql -> {
            long total = sql.one("SELECT COUNT(*) AS n" + where, r -> r.longValue("n"), filter).orElse(0L);
            List<Binding> items = total <= offset ? List.of() : sql.query("SELECT " + COLUMNS + where
                    + " ORDER BY name, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", BindingStore::map, paged.toArray());
            return new CountedPage<>(total, items);
        });
    }

    /**
     * Deletes a live binding and every execution started through it, in one transaction, so that a crash or a
     * failure anywhere leaves the binding and all of its executions as they were: its unfinished executions are
     * terminated through the engine's controls (as asking for it would), then each execution is deleted with
     * everything it left behind ({@link ExecutionStore#delete}'s way), then the binding is marked deleted and its
     * name freed. Its versions stay, as history. The workflows it bound are not touched. Locking the binding first
     * orders the delete after any start through it under way, and refuses those that come after.
     *
     * <p>One transaction holds every execution of the binding: fine for thousands; a binding with millions would
     * want a durable job instead (as {@code bulk_jobs} does for terminating many).
     *
     * @return false when there is no such live binding
     */
    public boolean delete(String organizationId, String name) {
        return database.transaction(sql -> {
            Optional<Binding> binding = sql.one("SELECT " + COLUMNS + " FROM workflow_bindings"
                    + " WHERE organization_id = ? AND name_key = ? AND deleted_at IS NULL FOR UPDATE",
                    BindingStore::map, organizationId, name);
            if (binding.isEmpty()) {
                return false;
            }
            record Owned(String id, String workflowId, ExecutionStatus status) {
            }
            List<Owned> executions = sql.query("SELECT id, workflow_id, status FROM executions WHERE binding_id = ?"
                    + " ORDER BY id FOR UPDATE", r -> new Owned(r.string("id"), r.string("workflow_id"),
                    r.enumValue("status", ExecutionStatus.class)), binding.get().id());
            Map<String, List<String>> unfinished = new LinkedHashMap<>();
            for (Owned owned : executions) {
                if (!owned.status().isTerminal()) {
                    unfinished.computeIfAbsent(owned.workflowId(), w -> new ArrayList<>()).add(owned.id());
                }
            }
            for (Map.Entry<String, List<String>> entry : unfinished.entrySet()) {
                transitions.actAll(sql, organizationId, entry.getKey(), entry.getValue(), ExecutionAction.TERMINATE);
            }
            for (Owned owned : executions) {
                ExecutionStore.deleteRows(sql, owned.id());
            }
            sql.update("UPDATE workflow_bindings SET deleted_at = ?, name_key = id WHERE id = ?", now(),
                    binding.get().id());
            return true;
        });
    }

    /** A binding's versions, newest first, skipping {@code offset}, with how many it has. */
    public CountedPage<BindingVersion> versions(String bindingId, int offset, int limit) {
        return database.read(sql -> {
            long total = sql.one("SELECT COUNT(*) AS n FROM workflow_binding_versions WHERE binding_id = ?",
                    r -> r.longValue("n"), bindingId).orElse(0L);
            List<BindingVersion> items = total <= offset ? List.of() : sql.query("SELECT " + VERSION_COLUMNS
                    + " FROM workflow_binding_versions WHERE binding_id = ? ORDER BY id DESC OFFSET ? ROWS"
                    + " FETCH NEXT ? ROWS ONLY", BindingStore::mapVersion, bindingId, offset, limit);
            return new CountedPage<>(total, items);
        });
    }

    /** A version of a binding by its id. */
    public Optional<BindingVersion> version(String bindingId, String versionId) {
        return database.read(sql -> version(sql, bindingId, versionId));
    }

    private static Optional<BindingVersion> version(Sql sql, String bindingId, String versionId) throws SQLException {
        return sql.one("SELECT " + VERSION_COLUMNS + " FROM workflow_binding_versions WHERE id = ? AND binding_id = ?",
                BindingStore::mapVersion, versionId, bindingId);
    }

    /** How many executions of the binding are in each status: every status present, zero or more. */
    public Map<ExecutionStatus, Long> countByStatus(String bindingId) {
        return countByStatus(List.of(bindingId)).get(bindingId);
    }

    /**
     * How many executions of each binding are in each status (every status present, zero or more), in one query:
     * a page of bindings is counted at once.
     */
    public Map<String, Map<ExecutionStatus, Long>> countByStatus(List<String> bindingIds) {
        Map<String, Map<ExecutionStatus, Long>> counts = new LinkedHashMap<>();
        for (String bindingId : bindingIds) {
            Map<ExecutionStatus, Long> zero = new EnumMap<>(ExecutionStatus.class);
            for (ExecutionStatus status : ExecutionStatus.values()) {
                zero.put(status, 0L);
            }
            counts.put(bindingId, zero);
        }
        if (bindingIds.isEmpty()) {
            return counts;
        }
        database.read(sql -> sql.query("SELECT binding_id, status, COUNT(*) AS n FROM executions WHERE binding_id IN ("
                + Sql.placeholders(bindingIds.size()) + ") GROUP BY binding_id, status",
                r -> counts.get(r.string("binding_id")).put(r.enumValue("status", ExecutionStatus.class),
                        r.longValue("n")), bindingIds.toArray()));
        return counts;
    }

    /** An execution of the binding by its name, with its inputs, outputs and error. */
    public Optional<NamedExecution> findExecution(String bindingId, String name) {
        return database.read(sql -> sql.one("SELECT " + NAMED_COLUMNS + ExecutionStore.COLUMNS + " FROM executions"
                + " WHERE binding_id = ? AND execution_name = ?", BindingStore::mapNamed, bindingId, name));
    }

    /**
     * A page of the binding's executions that match the filter, without their inputs, outputs and error, skipping
     * {@code offset}, with how many match in all.
     */
    public CountedPage<NamedExecution> listExecutions(String bindingId, NamedExecutionFilter filter, int offset,
            int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(bindingId, filter, params);
        Object[] counted = params.toArray();
        params.add(offset);
        params.add(limit);
        return database.read(sql -> {
            long total = sql.one("SELECT COUNT(*) AS n" + where, r -> r.longValue("n"), counted).orElse(0L);
            List<NamedExecution> items = total <= offset ? List.of() : sql.query("SELECT " + NAMED_COLUMNS
                    + ExecutionStore.SUMMARY_COLUMNS + where + order(filter) + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                    BindingStore::mapNamed, params.toArray());
            return new CountedPage<>(total, items);
        });
    }

    /**
     * A page of the binding's executions that match the filter, without their inputs, outputs and error, after the
     * cursor of the page before (null for the first), which executions started meanwhile do not shift.
     *
     * @throws IllegalArgumentException for a cursor this server did not make
     */
    public Page<NamedExecution> listExecutions(String bindingId, NamedExecutionFilter filter, String cursor,
            int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(where(bindingId, filter, params));
        if (cursor != null) {
            where.append(filter.oldestFirst() ? " AND id > ?" : " AND id < ?");
            params.add(Ids.idInCursor(cursor));
        }
        params.add(limit + 1);
        List<NamedExecution> rows = database.read(sql -> sql.query("SELECT " + NAMED_COLUMNS
                + ExecutionStore.SUMMARY_COLUMNS + where + order(filter) + " LIMIT ?", BindingStore::mapNamed,
                params.toArray()));
        return WorkflowStore.page(rows, limit, named -> named.execution().id());
    }

    private static String where(String bindingId, NamedExecutionFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder(" FROM executions WHERE binding_id = ?");
        params.add(bindingId);
        if (!filter.statuses().isEmpty()) {
            where.append(" AND status IN (").append(Sql.placeholders(filter.statuses().size())).append(')');
            filter.statuses().forEach(s -> params.add(s.name()));
        }
        if (filter.createdFrom() != null) {
            where.append(" AND created_at >= ?");
            params.add(filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            where.append(" AND created_at <= ?");
            params.add(filter.createdTo());
        }
        return where.toString();
    }

    private static String order(NamedExecutionFilter filter) {
        return filter.oldestFirst() ? " ORDER BY id" : " ORDER BY id DESC";
    }

    private static Binding map(Sql.Row r) throws SQLException {
        return new Binding(r.string("id"), r.string("organization_id"), r.string("name"), r.string("workflow_id"),
                r.string("class_name"), r.string("current_version_id"), r.instant("created_at"),
                r.instant("modified_at"), r.instant("triggered_at"));
    }

    private static BindingVersion mapVersion(Sql.Row r) throws SQLException {
        return new BindingVersion(r.string("id"), r.string("binding_id"), r.string("workflow_id"),
                r.integer("workflow_version"), r.string("class_name"), new Retention(
                        duration(r, "success_retention_ms"), duration(r, "error_retention_ms")),
                r.instant("created_at"));
    }

    /** A period as the store keeps it: whole milliseconds, NULL when not set. */
    static Long millis(Duration period) {
        return period == null ? null : period.toMillis();
    }

    /** A period the store keeps in milliseconds; null when NULL. */
    static Duration duration(Sql.Row r, String column) throws SQLException {
        Long millis = r.nullableLong(column);
        return millis == null ? null : Duration.ofMillis(millis);
    }

    private static NamedExecution mapNamed(Sql.Row r) throws SQLException {
        return new NamedExecution(r.string("binding_id"), r.string("binding_version_id"), r.string("execution_name"),
                ExecutionStore.map(r));
    }
}
