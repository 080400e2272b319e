package io.dataflow.engine.store;

import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Lifecycle;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowListing;
import io.dataflow.engine.model.WorkflowQuery;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.model.WorkflowVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Workflows and their immutable versions. Every method is scoped by organization; the ones taking an
 * {@link Access} see only the workflows it may read.
 */
public final class WorkflowStore {

    private static final String COLUMNS = "w.id, w.organization_id, w.name, w.description, w.current_version,"
            + " w.status, w.owner_id, w.tags, w.is_public, w.is_template, w.deployed_version, w.created_at,"
            + " w.updated_at";
    private static final String VERSION_COLUMNS = "workflow_id, version, definition, source, content_hash,"
            + " created_at, version_tag, description, created_by";
    /** The workflows an access may read: 3 parameters, its admin flag and its user id twice. */
    private static final String READABLE = " AND (? OR w.owner_id = ? OR w.is_public OR EXISTS (SELECT 1 FROM"
            + " workflow_shares s WHERE s.workflow_id = w.id AND s.user_id = ?))";
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
    };

    private final Database database;
    private final Clock clock;
    private final WorkflowListingCounts listingCounts = new WorkflowListingCounts();

    public WorkflowStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * What a new workflow is made of.
     *
     * @param ownerId the user who creates it, and so owns it
     */
    public record NewWorkflow(String organizationId, String ownerId, String name, String description,
            WorkflowStatus status, List<String> tags, boolean isPublic, boolean isTemplate, Definition definition,
            JsonNode source) {

        public NewWorkflow {
            status = status == null ? WorkflowStatus.DRAFT : status;
            tags = tags == null ? List.of() : List.copyOf(new LinkedHashSet<>(tags));
        }

        /** A private draft without tags. */
        public static NewWorkflow draft(String organizationId, String name, String description, Definition definition,
                JsonNode source, String ownerId) {
            return new NewWorkflow(organizationId, ownerId, name, description, WorkflowStatus.DRAFT, List.of(), false,
                    false, definition, source);
        }
    }

    /**
     * A change to a workflow: what is null stays as it is.
     *
     * @param definition with {@code source}, the new definition; a new version is made only when it changed
     */
    public record WorkflowChange(String name, String description, List<String> tags, Boolean isPublic,
            Boolean isTemplate, Definition definition, JsonNode source) {

        public WorkflowChange {
            tags = tags == null ? null : List.copyOf(new LinkedHashSet<>(tags));
            if ((definition == null) != (source == null)) {
                throw new IllegalArgumentException("a definition comes with its source");
            }
        }
    }

    /**
     * Stores a new workflow with version 1.
     *
     * @throws NameTakenException when a live workflow of the organization already has the name
     */
    public Workflow create(NewWorkflow next) {
        String id = Ids.next("wf");
        Instant now = clock.instant();
        try {
            database.transaction(sql -> {
                sql.update("INSERT INTO workflows (id, organization_id, name, name_key, description, current_version,"
                        + " status, owner_id, tags, is_public, is_template, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)", id, next.organizationId(), next.name(),
                        next.name(), next.description(), next.status().name(), next.ownerId(),
                        Json.write(next.tags()), next.isPublic(), next.isTemplate(), now, now);
                insertTags(sql, id, next.tags());
                insertVersion(sql, id, 1, next.definition(), next.source(), next.ownerId(), now, null, null);
                WorkflowStatusCounts.add(sql, next.organizationId(), next.status(), 1);
                WorkflowListingCounts.changed(sql, next.organizationId());
                return null;
            });
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new NameTakenException(next.name()) : e;
        }
        return new Workflow(id, next.organizationId(), next.name(), next.description(), 1, next.status(),
                next.ownerId(), next.tags(), next.isPublic(), next.isTemplate(), null, now, now);
    }

    /**
     * Changes a workflow. A new version is made only when the definition's content changed.
     *
     * @param author the user making the change, recorded on a new version
     * @return the workflow after the change, or empty when there is no such live workflow
     * @throws NameTakenException when another live workflow already has the new name
     */
    public Optional<Workflow> update(String organizationId, String workflowId, WorkflowChange change, String author) {
        Instant now = clock.instant();
        try {
            return database.transaction(sql -> {
                Optional<Workflow> current = lock(sql, organizationId, workflowId);
                if (current.isEmpty()) {
                    return Optional.<Workflow>empty();
                }
                Workflow w = current.get();
                int version = w.currentVersion();
                if (change.definition() != null) {
                    String hash = contentHash(change.definition(), change.source());
                    String currentHash = sql.one("SELECT content_hash FROM workflow_versions WHERE workflow_id = ?"
                            + " AND version = ?", r -> r.string("content_hash"), workflowId, version).orElse("");
                    if (!hash.equals(currentHash)) {
                        version++;
                        insertVersion(sql, workflowId, version, change.definition(), change.source(), author, now,
                                null, null);
                    }
                }
                Workflow next = new Workflow(w.id(), w.organizationId(), or(change.name(), w.name()),
                        or(change.description(), w.description()),
                        version, w.status(), w.ownerId(), or(change.tags(), w.tags()), or(change.isPublic(),
                        w.isPublic()), or(change.isTemplate(), w.isTemplate()), w.deployedVersion(), w.createdAt(),
                        now);
                sql.update("UPDATE workflows SET name = ?, name_key = ?, description = ?, current_version = ?,"
                        + " tags = ?, is_public = ?, is_template = ?, updated_at = ? WHERE id = ?", next.name(),
                        next.name(), next.description(), version, Json.write(next.tags()), next.isPublic(),
                        next.isTemplate(), now, workflowId);
                if (change.tags() != null) {
                    sql.update("DELETE FROM workflow_tags WHERE workflow_id = ?", workflowId);
                    insertTags(sql, workflowId, next.tags());
                }
                WorkflowListingCounts.changed(sql, organizationId);
                return Optional.of(next);
            });
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new NameTakenException(change.name()) : e;
        }
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }

    /**
     * Decides a lifecycle change (status, deployed version) on the workflow's row, locked while it decides, and stores
     * the workflow a {@link Lifecycle.Changed} names.
     *
     * @return what {@code decide} answered, or {@link Lifecycle.NoWorkflow} when there is no such live workflow
     */
    public Lifecycle transition(String organizationId, String workflowId, Function<Workflow, Lifecycle> decide) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            Optional<Workflow> current = lock(sql, organizationId, workflowId);
            if (current.isEmpty()) {
                return new Lifecycle.NoWorkflow();
            }
            Lifecycle outcome = decide.apply(current.get());
            if (outcome instanceof Lifecycle.Changed(Workflow next)) {
                sql.update("UPDATE workflows SET status = ?, deployed_version = ?, updated_at = ? WHERE id = ?",
                        next.status().name(), next.deployedVersion(), now, workflowId);
                WorkflowStatusCounts.move(sql, organizationId, current.get().status(), next.status());
                WorkflowListingCounts.changed(sql, organizationId);
            }
            return outcome;
        });
    }

    private static Optional<Workflow> lock(Sql sql, String organizationId, String workflowId) throws SQLException {
        return sql.one("SELECT " + COLUMNS + " FROM workflows w WHERE w.id = ? AND w.organization_id = ?"
                + " AND w.deleted_at IS NULL FOR UPDATE", WorkflowStore::map, workflowId, organizationId);
    }

    /** A live workflow of the organization, whoever may read it. */
    public Optional<Workflow> find(String organizationId, String workflowId) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM workflows w WHERE w.id = ?"
                + " AND w.organization_id = ? AND w.deleted_at IS NULL", WorkflowStore::map, workflowId,
                organizationId));
    }

    /** A live workflow the access may read. */
    public Optional<Workflow> find(Access access, String workflowId) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM workflows w WHERE w.id = ?"
                + " AND w.organization_id = ? AND w.deleted_at IS NULL" + READABLE, WorkflowStore::map,
                workflowId, access.organizationId(), access.admin(), access.userId(), access.userId()));
    }

    /** The live workflow the access may read with this name (names are unique among an organization's live ones). */
    public Optional<Workflow> findByName(Access access, String name) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM workflows w WHERE w.name_key = ?"
                + " AND w.organization_id = ? AND w.deleted_at IS NULL" + READABLE, WorkflowStore::map,
                name, access.organizationId(), access.admin(), access.userId(), access.userId()));
    }

    /** Whether the organization has a live workflow with this id. */
    public boolean exists(String organizationId, String workflowId) {
        return find(organizationId, workflowId).isPresent();
    }

    /** Live workflows the access may read, newest first, a cursor page at a time. */
    public Page<Workflow> list(Access access, String cursor, int limit) {
        String after = cursor == null ? null : Ids.idInCursor(cursor);
        List<Workflow> rows = database.read(sql -> sql.query("SELECT " + COLUMNS + " FROM workflows w"
                + " WHERE w.organization_id = ? AND w.deleted_at IS NULL" + READABLE
                + " AND (CAST(? AS VARCHAR(40)) IS NULL OR w.id < ?) ORDER BY w.id DESC LIMIT ?", WorkflowStore::map,
                access.organizationId(), access.admin(), access.userId(), access.userId(), after, after, limit + 1));
        return page(rows, limit, Workflow::id);
    }

    /** Live workflows the access may read that match the query, with how many match in all. */
    public WorkflowListing list(Access access, WorkflowQuery query) {
        List<Object> params = new ArrayList<>(List.of(access.organizationId()));
        StringBuilder where = new StringBuilder(" FROM workflows w WHERE w.organization_id = ?"
                + " AND w.deleted_at IS NULL" + readable(access, params));
        if (query.status() != null) {
            where.append(" AND w.status = ?");
            params.add(query.status().name());
        }
        if (query.tag() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM workflow_tags t WHERE t.workflow_id = w.id AND t.tag = ?)");
            params.add(query.tag());
        }
        if (query.search() != null) {
            String pattern = "%" + query.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.append(" AND (LOWER(w.name) LIKE ? ESCAPE '\\' OR LOWER(w.description) LIKE ? ESCAPE '\\')");
            params.add(pattern);
            params.add(pattern);
        }
        if (query.template() != null) {
            where.append(" AND w.is_template = ?");
            params.add(query.template());
        }
        String direction = query.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + switch (query.sort()) {
            case NAME -> "w.name";
            case CREATED_AT -> "w.created_at";
            case UPDATED_AT -> "w.updated_at";
            case STATUS -> "w.status";
            case VERSION -> "w.current_version";
        } + direction + ", w.id" + direction;
        Object[] filter = params.toArray();
        List<Object> paged = new ArrayList<>(params);
        paged.add(query.offset());
        paged.add(query.limit());
        return database.read(sql -> {
            WorkflowListingCounts.Lookup lookup = listingCounts.find(sql, access, query);
            long total;
            if (lookup.count() != null) {
                total = lookup.count();
            } else {
                total = sql.one("SELECT COUNT(*) AS n" + where, r -> r.longValue("n"), filter).orElse(0L);
                listingCounts.keep(lookup, total);
            }
            List<Workflow> items = total <= query.offset() ? List.of() : sql.query("SELECT " + COLUMNS + where
                    + order + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", WorkflowStore::map, paged.toArray());
            return new WorkflowListing(total, items);
        });
    }

    /**
     * How many live workflows the access may read have each status (every status present, zero or more). An
     * administrator reads them all, so their counts are the organization's, kept as workflows change.
     */
    public Map<WorkflowStatus, Long> countByStatus(Access access) {
        if (access.admin()) {
            return database.read(sql -> WorkflowStatusCounts.read(sql, access.organizationId()));
        }
        return database.read(sql -> {
            Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
            for (WorkflowStatus status : WorkflowStatus.values()) {
                counts.put(status, 0L);
            }
            List<Object> params = new ArrayList<>(List.of(access.organizationId()));
            sql.query("SELECT w.status, COUNT(*) AS n FROM workflows w WHERE w.organization_id = ?"
                    + " AND w.deleted_at IS NULL" + readable(access, params) + " GROUP BY w.status", r -> {
                        counts.put(WorkflowStatus.valueOf(r.string("status")), r.longValue("n"));
                        return null;
                    }, params.toArray());
            return counts;
        });
    }

    /**
     * {@link #READABLE} for an access that is not an administrator's, adding its parameters; nothing for an
     * administrator, who reads every workflow of the organization. Leaving the condition out rather than binding
     * {@code TRUE} lets PostgreSQL count from an index alone (a prepared statement's generic plan still has to read
     * {@code owner_id} and {@code is_public} for a bound flag).
     */
    private static String readable(Access access, List<Object> params) {
        if (access.admin()) {
            return "";
        }
        params.add(false);
        params.add(access.userId());
        params.add(access.userId());
        return READABLE;
    }

    /** Hides a workflow: it is no longer listed or found, and its name is free again. */
    public boolean delete(String organizationId, String workflowId) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            Optional<Workflow> current = lock(sql, organizationId, workflowId);
            if (current.isEmpty()) {
                return false;
            }
            sql.update("UPDATE workflows SET deleted_at = ?, name_key = id WHERE id = ?", now, workflowId);
            WorkflowStatusCounts.add(sql, organizationId, current.get().status(), -1);
            WorkflowListingCounts.changed(sql, organizationId);
            return true;
        });
    }

    /** A version of a workflow; versions are immutable, so callers may cache the result. */
    public Optional<WorkflowVersion> version(String workflowId, int version) {
        return database.read(sql -> sql.one("SELECT " + VERSION_COLUMNS + " FROM workflow_versions"
                + " WHERE workflow_id = ? AND version = ?", WorkflowStore::mapVersion, workflowId, version));
    }

    /** Every version of a workflow that was its definition at some time, oldest first (no execution's own). */
    public List<WorkflowVersion> versions(String workflowId) {
        return database.read(sql -> sql.query("SELECT " + VERSION_COLUMNS + " FROM workflow_versions"
                + " WHERE workflow_id = ? AND version > 0 ORDER BY version", WorkflowStore::mapVersion, workflowId));
    }

    /**
     * Makes a new version that snapshots the current definition under a tag, and makes it current.
     *
     * @return the new version's number, or empty when there is no such live workflow
     * @throws VersionTagTakenException when another version of the workflow has the tag
     */
    public Optional<Integer> tagVersion(String organizationId, String workflowId, String tag, String description,
            String author) {
        Instant now = clock.instant();
        try {
            return database.transaction(sql -> {
                Optional<Workflow> current = lock(sql, organizationId, workflowId);
                if (current.isEmpty()) {
                    return Optional.<Integer>empty();
                }
                int version = current.get().currentVersion() + 1;
                sql.update("INSERT INTO workflow_versions (" + VERSION_COLUMNS + ") SELECT workflow_id, ?, definition,"
                        + " source, content_hash, ?, ?, ?, ? FROM workflow_versions WHERE workflow_id = ?"
                        + " AND version = ?", version, now, tag, description, author, workflowId, version - 1);
                sql.update("UPDATE workflows SET current_version = ?, updated_at = ? WHERE id = ?", version, now,
                        workflowId);
                return Optional.of(version);
            });
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new VersionTagTakenException(tag) : e;
        }
    }

    /**
     * Stores a definition that one execution runs instead of the workflow's own: a version numbered below zero,
     * never current and never listed.
     *
     * @return its number, or empty when there is no such live workflow
     */
    public Optional<Integer> snapshotForExecution(String organizationId, String workflowId, Definition definition,
            JsonNode source, String author) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            if (lock(sql, organizationId, workflowId).isEmpty()) {
                return Optional.<Integer>empty();
            }
            int version = sql.one("SELECT MIN(version) AS v FROM workflow_versions WHERE workflow_id = ?",
                    r -> r.integer("v"), workflowId).map(lowest -> Math.min(lowest, 0) - 1).orElse(-1);
            insertVersion(sql, workflowId, version, definition, source, author, now, null, null);
            return Optional.of(version);
        });
    }

    /** A user the workflow is shared with, since when. */
    public record Share(String userId, Instant sharedAt) {
    }

    /** Shares a workflow with a user (again: nothing changes). The caller checks both are of one organization. */
    public void share(String workflowId, String userId) {
        try {
            database.transaction(sql -> {
                if (sql.update("INSERT INTO workflow_shares (workflow_id, user_id, shared_at)"
                        + " SELECT ?, ?, ? FROM workflows WHERE id = ? AND NOT EXISTS (SELECT 1 FROM workflow_shares"
                        + " WHERE workflow_id = ? AND user_id = ?)", workflowId, userId, clock.instant(), workflowId,
                        workflowId, userId) == 1) {
                    WorkflowListingCounts.changedWorkflow(sql, workflowId);
                }
                return null;
            });
        } catch (DataAccessException e) {
            if (!e.isUniqueViolation()) { // else shared at the same moment by another request: done
                throw e;
            }
        }
    }

    /** @return false when the workflow was not shared with the user */
    public boolean unshare(String workflowId, String userId) {
        return database.transaction(sql -> {
            if (sql.update("DELETE FROM workflow_shares WHERE workflow_id = ? AND user_id = ?", workflowId,
                    userId) == 0) {
                return false;
            }
            WorkflowListingCounts.changedWorkflow(sql, workflowId);
            return true;
        });
    }

    /** The users a workflow is shared with, in the order it was shared with them. */
    public List<Share> shares(String workflowId) {
        return database.read(sql -> sql.query("SELECT user_id, shared_at FROM workflow_shares WHERE workflow_id = ?"
                + " ORDER BY shared_at, user_id", r -> new Share(r.string("user_id"), r.instant("shared_at")),
                workflowId));
    }

    static <T> Page<T> page(List<T> rows, int limit, Function<T, String> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), Ids.cursorAfter(id.apply(items.getLast())));
    }

    private static void insertTags(Sql sql, String workflowId, List<String> tags) throws SQLException {
        List<Object[]> rows = tags.stream().map(tag -> new Object[] {workflowId, tag}).toList();
        if (!rows.isEmpty()) {
            sql.batch("INSERT INTO workflow_tags (workflow_id, tag) VALUES (?, ?)", rows);
        }
    }

    private static void insertVersion(Sql sql, String workflowId, int version, Definition definition,
            JsonNode source, String author, Instant now, String tag, String description) throws SQLException {
        sql.update("INSERT INTO workflow_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                workflowId, version, Json.write(definition), source, contentHash(definition, source), now, tag,
                description, author);
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
        String deployed = r.string("deployed_version");
        return new Workflow(r.string("id"), r.string("organization_id"), r.string("name"), r.string("description"),
                r.integer("current_version"), WorkflowStatus.valueOf(r.string("status")),
                r.string("owner_id"), Json.MAPPER.readValue(r.string("tags"), TAGS), r.bool("is_public"),
                r.bool("is_template"), deployed == null ? null : Integer.valueOf(deployed), r.instant("created_at"),
                r.instant("updated_at"));
    }

    private static WorkflowVersion mapVersion(Sql.Row r) throws SQLException {
        return new WorkflowVersion(r.string("workflow_id"), r.integer("version"),
                Json.MAPPER.readValue(r.string("definition"), Definition.class), r.json("source"),
                r.string("content_hash"), r.instant("created_at"), r.string("version_tag"), r.string("description"),
                r.string("created_by"));
    }
}
