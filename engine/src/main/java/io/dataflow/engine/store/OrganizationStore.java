package io.dataflow.engine.store;

import io.dataflow.engine.model.ApiKey;
import io.dataflow.engine.model.Organization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Organizations and their API keys. Keys are random, high-entropy strings, so a single SHA-256 is a safe way to
 * store them: what is stored cannot be used to call the API.
 */
public final class OrganizationStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Database database;
    private final Clock clock;

    public OrganizationStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A key issued now: the only time its secret text exists outside the caller's hands. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    /**
     * On an empty database, creates the default organization and an admin key. Runs in one transaction, so of
     * several nodes starting together exactly one creates them.
     *
     * @param chosenKey the admin key to use, or null to generate one
     * @return the issued key, or empty when the database already had an organization
     */
    public Optional<IssuedKey> bootstrap(String chosenKey) {
        return database.transaction(sql -> {
            if (sql.one("SELECT id FROM organizations FETCH FIRST 1 ROWS ONLY", r -> r.string("id")).isPresent()) {
                return Optional.<IssuedKey>empty();
            }
            Instant now = clock.instant();
            String orgId = Ids.next("org");
            sql.update("INSERT INTO organizations (id, name, webhook_secret, created_at) VALUES (?, ?, ?, ?)",
                    orgId, "default", newWebhookSecret(), now);
            return Optional.of(insertKey(sql, orgId, "admin", Set.of(ApiKey.ADMIN), chosenKey, now));
        });
    }

    /** Makes sure {@code key} exists as an admin key of the oldest organization (for DATAFLOW_ADMIN_API_KEY). */
    public void ensureAdminKey(String key) {
        database.transaction(sql -> {
            if (sql.one("SELECT id FROM api_keys WHERE key_hash = ?", r -> r.string("id"), hash(key)).isEmpty()) {
                String orgId = sql.one("SELECT id FROM organizations ORDER BY id FETCH FIRST 1 ROWS ONLY",
                        r -> r.string("id")).orElseThrow();
                insertKey(sql, orgId, "admin", Set.of(ApiKey.ADMIN), key, clock.instant());
            }
            return null;
        });
    }

    /** Creates an organization with its first admin key. */
    public IssuedKey createOrganization(String name) {
        return database.transaction(sql -> {
            Instant now = clock.instant();
            String orgId = Ids.next("org");
            sql.update("INSERT INTO organizations (id, name, webhook_secret, created_at) VALUES (?, ?, ?, ?)",
                    orgId, name, newWebhookSecret(), now);
            return insertKey(sql, orgId, "admin", Set.of(ApiKey.ADMIN), null, now);
        });
    }

    /**
     * Issues another key of an organization with these scopes (for example {@code workflows:read} and
     * {@code workflows:execute}, or {@link ApiKey#ADMIN}).
     *
     * @throws IllegalArgumentException when {@code scopes} is empty or a scope holds a space
     */
    public IssuedKey createKey(String organizationId, String name, Set<String> scopes) {
        if (scopes.isEmpty() || scopes.stream().anyMatch(scope -> scope.isBlank() || scope.contains(" "))) {
            throw new IllegalArgumentException("scopes must be non-empty words, got " + scopes);
        }
        return database.transaction(sql -> insertKey(sql, organizationId, name, scopes, null, clock.instant()));
    }

    /** The live key whose secret text this is. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return database.read(sql -> sql.one("SELECT id, organization_id, name, key_prefix, scopes, created_at"
                + " FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", OrganizationStore::mapKey, hash(secret)));
    }

    public Optional<Organization> find(String organizationId) {
        return database.read(sql -> sql.one("SELECT id, name, webhook_secret, created_at FROM organizations"
                + " WHERE id = ?", r -> new Organization(r.string("id"), r.string("name"), r.string("webhook_secret"),
                        r.instant("created_at")), organizationId));
    }

    private static IssuedKey insertKey(Sql sql, String orgId, String name, Set<String> scopes, String chosen,
            Instant now) throws SQLException {
        String secret = chosen != null ? chosen : newKeySecret();
        String id = Ids.next("key");
        String prefix = secret.substring(0, Math.min(8, secret.length()));
        sql.update("INSERT INTO api_keys (id, organization_id, name, key_hash, key_prefix, scopes, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", id, orgId, name, hash(secret), prefix, String.join(" ", scopes), now);
        return new IssuedKey(new ApiKey(id, orgId, name, prefix, scopes, now), secret);
    }

    private static ApiKey mapKey(Sql.Row r) throws SQLException {
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(r.string("scopes").split(" ")));
        return new ApiKey(r.string("id"), r.string("organization_id"), r.string("name"), r.string("key_prefix"),
                scopes, r.instant("created_at"));
    }

    static String newKeySecret() {
        StringBuilder key = new StringBuilder("dfp_");
        for (int i = 0; i < 40; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    static String newWebhookSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
