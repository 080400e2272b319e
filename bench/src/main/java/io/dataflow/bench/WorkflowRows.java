package io.dataflow.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Inserts drawn workflows straight into the server's PostgreSQL schema, as the rows {@code WorkflowStore.create}
 * writes: the workflow (its tags as a JSON array too), one {@code workflow_tags} row per tag and version 1, and the
 * counts by status when the server keeps them. Every
 * version copies the graph of a workflow the server created through the API (they all have the same one-node
 * graph), as does the owner: the bench key's user. Then {@code VACUUM ANALYZE}, as autovacuum does within a minute or
 * so of that many inserts on a live server (PostgreSQL 13 on vacuums after inserts too), so that the planner knows the
 * tables' sizes and the visibility map is set (an index-only scan reads the table for pages not marked all-visible).
 */
final class WorkflowRows {

    private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final int BATCH = 2_000;

    private WorkflowRows() {
    }

    /**
     * Inserts the drawn workflows {@code from} (inclusive) to {@code to} (exclusive), created and last changed
     * before {@code now} by their {@link WorkflowCorpus.Drawn#createdAgo()} and {@code updatedAgo}.
     */
    static void insert(PostgresSchema schema, int from, int to, Instant now) throws SQLException {
        try (Connection c = schema.connect()) {
            c.setAutoCommit(false);
            String organization;
            String owner;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT organization_id, owner_id FROM workflows ORDER BY id LIMIT 1")) {
                if (!r.next()) {
                    throw new SQLException("no workflow created through the API to copy");
                }
                organization = r.getString(1);
                owner = r.getString(2);
            }
            try (PreparedStatement workflow = c.prepareStatement("INSERT INTO workflows (id, organization_id, name,"
                    + " name_key, description, current_version, status, owner_id, tags, is_public, is_template,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, FALSE, ?, ?)");
                    PreparedStatement tag = c.prepareStatement("INSERT INTO workflow_tags (workflow_id, tag)"
                            + " VALUES (?, ?)")) {
                for (int n = from; n < to; n++) {
                    WorkflowCorpus.Drawn drawn = WorkflowCorpus.draw(n);
                    Instant created = now.minus(drawn.createdAgo());
                    String id = "wf-" + ulid(created, n);
                    workflow.setString(1, id);
                    workflow.setString(2, organization);
                    workflow.setString(3, drawn.name());
                    workflow.setString(4, drawn.name());
                    workflow.setString(5, drawn.description());
                    workflow.setString(6, drawn.status().toUpperCase(Locale.ROOT));
                    workflow.setString(7, owner);
                    workflow.setString(8, DataflowClient.JSON.writeValueAsString(drawn.tags()));
                    workflow.setBoolean(9, drawn.isPublic());
                    workflow.setTimestamp(10, Timestamp.from(created));
                    workflow.setTimestamp(11, Timestamp.from(now.minus(drawn.updatedAgo())));
                    workflow.addBatch();
                    for (String t : drawn.tags()) {
                        tag.setString(1, id);
                        tag.setString(2, t);
                        tag.addBatch();
                    }
                    if ((n - from + 1) % BATCH == 0) {
                        workflow.executeBatch();
                        tag.executeBatch();
                    }
                }
                workflow.executeBatch();
                tag.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO workflow_versions (workflow_id, version, definition, source, content_hash,"
                        + " created_at, created_by) SELECT w.id, 1, t.definition, t.source, t.content_hash,"
                        + " w.created_at, t.created_by FROM workflows w, (SELECT * FROM workflow_versions"
                        + " ORDER BY workflow_id, version LIMIT 1) t WHERE NOT EXISTS (SELECT 1 FROM workflow_versions"
                        + " v WHERE v.workflow_id = w.id)");
                if (hasTable(c, "workflow_status_counts")) {
                    s.executeUpdate("UPDATE workflow_status_counts SET live = (SELECT COUNT(*) FROM workflows w"
                            + " WHERE w.organization_id = workflow_status_counts.organization_id"
                            + " AND w.status = workflow_status_counts.status AND w.deleted_at IS NULL)");
                }
                if (hasTable(c, "workflow_listing_generations")) {
                    s.executeUpdate("UPDATE workflow_listing_generations SET generation = generation + 1");
                }
                c.commit();
                c.setAutoCommit(true);
                s.execute("VACUUM ANALYZE workflows");
                s.execute("VACUUM ANALYZE workflow_tags");
                s.execute("VACUUM ANALYZE workflow_versions");
            }
        }
    }

    /**
     * Whether the server has this table: the counts of workflows by status ({@code workflow_status_counts}, since
     * V17) and the listings' generations ({@code workflow_listing_generations}, since V18), which the rows inserted
     * here must move as the server's own creates do.
     */
    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(null, c.getSchema(), table, null)) {
            return r.next();
        }
    }

    /** A ULID (lower case, as the server's ids) of the time and 80 bits drawn from {@code n}. */
    private static String ulid(Instant time, int n) {
        StringBuilder id = new StringBuilder(26);
        long millis = time.toEpochMilli();
        for (int i = 9; i >= 0; i--) {
            id.append(CROCKFORD.charAt((int) (millis >>> (5 * i)) & 31));
        }
        SplittableRandom random = new SplittableRandom(~n);
        for (int i = 0; i < 16; i++) {
            id.append(CROCKFORD.charAt(random.nextInt(32)));
        }
        return id.toString();
    }
}
