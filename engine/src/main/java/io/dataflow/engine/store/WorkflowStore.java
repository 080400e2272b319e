package io.dataflow.engine.store;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Workflows and their immutable versions. Every method is scoped by organization. */
public final class WorkflowStore {

    private static final String COLUMNS =
            "id, organization_id, name, description, current_version, created_at, updated_at";

    private final Database database;
    private final Clock clock;

    public WorkflowStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Stores a new workflow with version 1.
     *
     * @throws NameTakenException when a live workflow of the organization already has the name
     */
    public Workflow create(String organizationId, String name, String description, Definition definition,
            JsonNode source, String author) {
        String id = Ids.next("wf");
        Instant now = clock.instant();
        try {
            database.transaction(sql -> {
                sql.update("INSERT INTO workflows (id, organization_id, name, name_key, description, current_version,"
                        + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                        id, organizationId, name, name, description, now, now);
                insertVersion(sql, id, 1, definition, source, author, now);
                return null;
            });
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new NameTakenException(name) : e;
        }
        return new Workflow(id, organizationId, name, description, 1, now, now);
    }

    /**
     * Replaces the definition. A new version is made only when the content changed.
     *
     * @return the workflow after the change, or empty when there is no such live workflow
     * @throws NameTakenException when another live workflow already has the new name
     */
    public Optional<Workflow> update(String organizationId, String workflowId, String name, String description,
            Definition definition, JsonNode source, String author) {
        Instant now = clock.instant();
        try {
            return database.transaction(sql -> {
                Optional<Workflow> current = sql.one("SELECT " + COLUMNS + " FROM workflows WHERE id = ?"
                        + " AND organization_id = ? AND deleted_at IS NULL FOR UPDATE", WorkflowStore::map,
                        workflowId, organizationId);
                if (current.isEmpty()) {
                    return Optional.empty();
                }
                Workflow workflow = current.get();
                String hash = contentHash(definition, source);
                String currentHash = sql.one("SELECT content_hash FROM workflow_versions WHERE workflow_id = ?"
                        + " AND version = ?", r -> r.string("content_hash"), workflowId, workflow.currentVersion())
                        .orElse("");
                int version = workflow.currentVersion();
                if (!hash.equals(currentHash)) {
                    version++;
                    insertVersion(sql, workflowId, version, definition, source, author, now);
                }
                sql.update("UPDATE workflows SET name = ?, name_key = ?, description = ?, current_version = ?,"
                        + " updated_at = ? WHERE id = ?", name, name, description, version, now, workflowId);
                return Optional.of(new Workflow(workflowId, organizationId, name, description, version,
                        workflow.createdAt(), now));
            });
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new NameTakenException(name) : e;
        }
    }

    public Optional<Workflow> find(String organizationId, String workflowId) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM workflows WHERE id = ?"
                + " AND organization_id = ? AND deleted_at IS NULL", WorkflowStore::map, workflowId, organizationId));
    }

    /** Whether the organization has a live workflow with this id. */
    public boolean exists(String organizationId, String workflowId) {
        return database.read(sql -> sql.one("SELECT id FROM workflows WHERE id = ? AND organization_id = ?"
                + " AND deleted_at IS NULL", r -> r.string("id"), workflowId, organizationId)).isPresent();
    }

    /** Live workflows, newest first. */
    public Page<Workflow> list(String organizationId, String cursor, int limit) {
        String after = cursor == null ? null : Ids.idInCursor(cursor);
        List<Workflow> rows = database.read(sql -> sql.query("SELECT " + COLUMNS + " FROM workflows"
                + " WHERE organization_id = ? AND deleted_at IS NULL AND (CAST(? AS VARCHAR(40)) IS NULL OR id < ?)"
                + " ORDER BY id DESC LIMIT ?", WorkflowStore::map, organizationId, after, after, limit + 1));
        return page(rows, limit, Workflow::id);
    }

    /** Hides a workflow: it is no longer listed or found, and its name is free again. */
    public boolean delete(String organizationId, String workflowId) {
        Instant now = clock.instant();
        return database.read(sql -> sql.update("UPDATE workflows SET deleted_at = ?, name_key = id"
                + " WHERE id = ? AND organization_id = ? AND deleted_at IS NULL", now, workflowId, organizationId)) == 1;
    }

    /** A version of a workflow; versions are immutable, so callers may cache the result. */
    public Optional<WorkflowVersion> version(String workflowId, int version) {
        return database.read(sql -> sql.one("SELECT workflow_id, version, definition, source, content_hash,"
                + " created_at FROM workflow_versions WHERE workflow_id = ? AND version = ?",
                r -> new WorkflowVersion(r.string("workflow_id"), r.integer("version"),
                        Json.MAPPER.readValue(r.string("definition"), Definition.class), r.json("source"),
                        r.string("content_hash"), r.instant("created_at")),
                workflowId, version));
    }

    static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), Ids.cursorAfter(id.apply(items.getLast())));
    }

    private static void insertVersion(Sql sql, String workflowId, int version, Definition definition,
            JsonNode source, String author, Instant now) throws SQLException {
        sql.update("INSERT INTO workflow_versions (workflow_id, version, definition, source, content_hash,"
                + " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)", workflowId, version,
                Json.write(definition), source, contentHash(definition, source), now, author);
    }

    private static String contentHash(Definition definition, JsonNode source) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(Json.write(definition).getBytes(StandardCharsets.UTF_8));
            digest.update(Json.write(source).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Workflow map(Sql.Row r) throws SQLException {
        return new Workflow(r.string("id"), r.string("organization_id"), r.string("name"), r.string("description"),
                r.integer("current_version"), r.instant("created_at"), r.instant("updated_at"));
    }
}
