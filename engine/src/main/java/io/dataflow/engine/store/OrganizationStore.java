package io.dataflow.engine.store;

import io.dataflow.engine.model.ApiKey;
import io.dataflow.engine.model.Organization;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.User;
import io.dataflow.engine.store.ApiKeyStore.IssuedKey;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Organizations, each created with its first user, an administrator, and that user's admin key. */
public final class OrganizationStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Clock clock;

    public OrganizationStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** An organization just made, with its first user and that user's admin key (its secret shown only now). */
    public record NewOrganization(Organization organization, User admin, IssuedKey key) {
    }

    /**
     * On an empty database, creates the default organization, its first user (the instance administrator, who may
     * create organizations) and an admin key. Runs in one transaction, so of several nodes starting together exactly
     * one creates them.
     *
     * @param chosenKey the admin key to use, or null to generate one
     * @return the issued key, or empty when the database already had an organization
     */
    public Optional<IssuedKey> bootstrap(String chosenKey) {
        return database.transaction(sql -> {
            if (sql.one("SELECT id FROM organizations FETCH FIRST 1 ROWS ONLY", r -> r.string("id")).isPresent()) {
                return Optional.<IssuedKey>empty();
            }
            return Optional.of(insert(sql, "default", "admin", null, true, chosenKey).key());
        });
    }

    /**
     * Makes sure {@code key} exists as an admin key of the instance administrator (for DATAFLOW_ADMIN_API_KEY).
     */
    public void ensureAdminKey(String key) {
        database.transaction(sql -> {
            if (sql.one("SELECT id FROM api_keys WHERE key_hash = ?", r -> r.string("id"), ApiKeyStore.hash(key))
                    .isEmpty()) {
                record Admin(String userId, String organizationId) {
                }
                Admin admin = sql.one("SELECT id, organization_id FROM users WHERE instance_admin = TRUE"
                        + " AND deleted_at IS NULL ORDER BY id FETCH FIRST 1 ROWS ONLY",
                        r -> new Admin(r.string("id"), r.string("organization_id"))).orElse(null);
                if (admin == null) {
                    String orgId = sql.one("SELECT id FROM organizations ORDER BY id FETCH FIRST 1 ROWS ONLY",
                            r -> r.string("id")).orElseThrow();
                    User user = UserStore.insert(sql, orgId, "admin", null, true, clock.instant());
                    admin = new Admin(user.id(), orgId);
                }
                ApiKeyStore.insert(sql, admin.organizationId(), admin.userId(), "admin", Set.of(ApiKey.ADMIN), key,
                        clock.instant());
            }
            return null;
        });
    }

    /**
     * Creates an organization with its first user, an administrator of it, and that user's admin key.
     *
     * @param adminName the first user's name
     * @param adminEmail the first user's email, or null
     */
    public NewOrganization create(String name, String adminName, String adminEmail) {
        return database.transaction(sql -> insert(sql, name, adminName, adminEmail, false, null));
    }

    /** Creates an organization with a first user named "admin"; returns that user's admin key. */
    public IssuedKey createOrganization(String name) {
        return create(name, "admin", null).key();
    }

    /**
     * Issues a key with these scopes to a new user of the organization named after the key (for tests and tools;
     * the API issues keys to existing users through {@link ApiKeyStore}).
     *
     * @throws IllegalArgumentException when {@code scopes} is empty or holds a scope that does not exist
     */
    public IssuedKey createKey(String organizationId, String name, Set<String> scopes) {
        ApiKeyStore.checkScopes(scopes);
        return database.transaction(sql -> {
            Instant now = clock.instant();
            User user = UserStore.insert(sql, organizationId, name, null, false, now);
            return ApiKeyStore.insert(sql, organizationId, user.id(), name, scopes, null, now);
        });
    }

    public Optional<Organization> find(String organizationId) {
        return database.read(sql -> sql.one("SELECT id, name, webhook_secret, created_at FROM organizations"
                + " WHERE id = ?", OrganizationStore::map, organizationId));
    }

    /** Every organization, newest first, {@code limit} of them after {@code offset} (for instance administrators). */
    public CountedPage<Organization> list(int offset, int limit) {
        return database.read(sql -> {
            long total = sql.one("SELECT COUNT(*) AS n FROM organizations", r -> r.longValue("n")).orElse(0L);
            List<Organization> items = total <= offset ? List.of() : sql.query("SELECT id, name, webhook_secret,"
                    + " created_at FROM organizations ORDER BY created_at DESC, id DESC"
                    + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", OrganizationStore::map, offset, limit);
            return new CountedPage<>(total, items);
        });
    }

    private NewOrganization insert(Sql sql, String name, String adminName, String adminEmail, boolean instanceAdmin,
            String chosenKey) throws SQLException {
        Instant now = clock.instant();
        String orgId = Ids.next("org");
        String secret = newWebhookSecret();
        sql.update("INSERT INTO organizations (id, name, webhook_secret, created_at) VALUES (?, ?, ?, ?)",
                orgId, name, secret, now);
        WorkflowStatusCounts.create(sql, orgId);
        WorkflowListingCounts.create(sql, orgId);
        User admin = UserStore.insert(sql, orgId, adminName, adminEmail, instanceAdmin, now);
        IssuedKey key = ApiKeyStore.insert(sql, orgId, admin.id(), "admin", Set.of(ApiKey.ADMIN), chosenKey, now);
        return new NewOrganization(new Organization(orgId, name, secret, now), admin, key);
    }

    private static Organization map(Sql.Row r) throws SQLException {
        return new Organization(r.string("id"), r.string("name"), r.string("webhook_secret"), r.instant("created_at"));
    }

    static String newWebhookSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
