package io.dataflow.engine.store;

import io.dataflow.engine.model.CountedPage;
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
     * Adds a user to an organization, unless it already has {@code maxUsers} live users. The organization's row is
     * locked while counting, so concurrent additions cannot together pass the limit.
     *
     * @param email optional; unique among the organization's live users
     * @param instanceAdmin whether the user may create organizations
     * @param maxUsers the most live users the organization may have; 0 for no limit
     * @throws EmailTakenException when another live user of the organization has the email
     * @throws LimitReachedException when the organization already has {@code maxUsers} live users
     */
    public User create(String organizationId, String name, String email, boolean instanceAdmin, long maxUsers) {
        try {
            return database.transaction(sql -> {
                sql.one("SELECT id FROM organizations WHERE id = ? " + sql.dialect().lockRows(), r -> r.string("id"),
                        organizationId);
                if (maxUsers > 0) {
                    long live = sql.one("SELECT COUNT(*) AS n FROM users WHERE organization_id = ?"
                            + " AND deleted_at IS NULL", r -> r.longValue("n"), organizationId).orElse(0L);
                    if (live >= maxUsers) {
                        throw new LimitReachedException(LimitReachedException.Limit.USERS_PER_ORGANIZATION, maxUsers,
                                "the organization already has " + live + " users; its limit is " + maxUsers);
                    }
                }
                return insert(sql, organizationId, name, email, instanceAdmin, clock.instant());
            });
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new EmailTakenException(email) : e;
        }
    }

    /** A live user of the organization. */
    public Optional<User> find(String organizationId, String userId) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM users WHERE id = ? AND organization_id = ?"
                + " AND deleted_at IS NULL", UserStore::map, userId, organizationId));
    }

    /** The organization's live users, newest first, {@code limit} of them after skipping {@code offset}. */
    public CountedPage<User> list(String organizationId, int offset, int limit) {
        return database.read(sql -> {
            long total = sql.one("SELECT COUNT(*) AS n FROM users WHERE organization_id = ? AND deleted_at IS NULL",
                    r -> r.longValue("n"), organizationId).orElse(0L);
            List<User> items = total <= offset ? List.of() : sql.query("SELECT " + COLUMNS + " FROM users"
                    + " WHERE organization_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC"
                    + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", UserStore::map, organizationId, offset, limit);
            return new CountedPage<>(total, items);
        });
    }

    /**
     * Removes a user: its row stays (workflows and versions name it) with {@code deleted_at} set and its email
     * cleared, so that a new user may take the email; its keys are revoked and the workflows shared with it no longer
     * are. Workflows it owns stay, for the organization's administrators to manage.
     *
     * @return false when the organization has no such live user
     */
    public boolean delete(String organizationId, String userId) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            if (sql.update("UPDATE users SET deleted_at = ?, email = NULL WHERE id = ? AND organization_id = ?"
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
