package io.dataflow.engine.store;

import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.User;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The users of each organization. Every method is scoped by organization. */
public final class UserStore {

    private static final String COLUMNS = "id, organization_id, name, email, instance_admin, created_at";

    private final Database database;
    private final Clock clock;

    public UserStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Adds a user to an organization.
     *
     * @param email optional; unique within the organization
     * @throws EmailTakenException when another user of the organization has the email
     */
    public User create(String organizationId, String name, String email) {
        try {
            return database.transaction(sql -> insert(sql, organizationId, name, email, false, clock.instant()));
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new EmailTakenException(email) : e;
        }
    }

    /** A live user of the organization. */
    public Optional<User> find(String organizationId, String userId) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM users WHERE id = ? AND organization_id = ?"
                + " AND deleted_at IS NULL", UserStore::map, userId, organizationId));
    }

    /** The organization's live users, newest first. */
    public Page<User> list(String organizationId, String cursor, int limit) {
        String after = cursor == null ? null : Ids.idInCursor(cursor);
        List<User> rows = database.read(sql -> sql.query("SELECT " + COLUMNS + " FROM users WHERE organization_id = ?"
                + " AND deleted_at IS NULL AND (CAST(? AS VARCHAR(40)) IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
                UserStore::map, organizationId, after, after, limit + 1));
        return WorkflowStore.page(rows, limit, User::id);
    }

    /**
     * Removes a user: its keys are revoked and the workflows shared with it no longer are. Workflows it owns stay,
     * for the organization's administrators to manage.
     *
     * @return false when the organization has no such live user
     */
    public boolean delete(String organizationId, String userId) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            if (sql.update("UPDATE users SET deleted_at = ? WHERE id = ? AND organization_id = ?"
                    + " AND deleted_at IS NULL", now, userId, organizationId) == 0) {
                return false;
            }
            sql.update("UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", now, userId);
            sql.update("DELETE FROM workflow_shares WHERE user_id = ?", userId);
            return true;
        });
    }

    static User insert(Sql sql, String organizationId, String name, String email, boolean instanceAdmin, Instant now)
            throws SQLException {
        String id = Ids.next("usr");
        sql.update("INSERT INTO users (id, organization_id, name, email, instance_admin, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, organizationId, name, email, instanceAdmin, now);
        return new User(id, organizationId, name, email, instanceAdmin, now);
    }

    private static User map(Sql.Row r) throws SQLException {
        return new User(r.string("id"), r.string("organization_id"), r.string("name"), r.string("email"),
                r.bool("instance_admin"), r.instant("created_at"));
    }
}
