package io.dataflow.engine.store;

import io.dataflow.engine.model.ApiKey;
import io.dataflow.engine.model.CountedPage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API keys. A key belongs to a user of an organization and carries scopes. Keys are random, high-entropy strings,
 * so a single SHA-256 is a safe way to store them: what is stored cannot be used to call the API, and the secret
 * exists only in the answer that issues it.
 */
public final class ApiKeyStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String COLUMNS = "k.id, k.organization_id, k.user_id, k.name, k.key_prefix, k.scopes,"
            + " k.created_at, k.revoked_at, u.instance_admin";
    private static final String FROM = " FROM api_keys k JOIN users u ON u.id = k.user_id";

    private final Database database;
    private final Clock clock;

    public ApiKeyStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** A key issued now: the only time its secret text exists outside the caller's hands. */
    public record IssuedKey(ApiKey key, String secret) {
    }

    /**
     * Issues a key of a live user of the organization, unless the user already has {@code maxLiveKeys} keys that
     * are not revoked. The user's row is locked while counting, so concurrent issues cannot together pass the limit.
     *
     * @param maxLiveKeys the most unrevoked keys the user may have; 0 for no limit
     * @return empty when the organization has no such live user
     * @throws IllegalArgumentException when {@code scopes} is empty or holds a scope that does not exist
     * @throws LimitReachedException when the user already has {@code maxLiveKeys} unrevoked keys
     */
    public Optional<IssuedKey> create(String organizationId, String userId, String name, Set<String> scopes,
            long maxLiveKeys) {
        checkScopes(scopes);
        return database.transaction(sql -> {
            if (sql.one("SELECT id FROM users WHERE id = ? AND organization_id = ? AND deleted_at IS NULL "
                    + sql.dialect().lockRows(), r -> r.string("id"), userId, organizationId).isEmpty()) {
                return Optional.<IssuedKey>empty();
            }
            if (maxLiveKeys > 0) {
                long live = sql.one("SELECT COUNT(*) AS n FROM api_keys WHERE user_id = ? AND revoked_at IS NULL",
                        r -> r.longValue("n"), userId).orElse(0L);
                if (live >= maxLiveKeys) {
                    throw new LimitReachedException(LimitReachedException.Limit.API_KEYS_PER_USER, maxLiveKeys,
                            "user " + userId + " already has " + live + " API keys that are not revoked; the limit"
                            + " is " + maxLiveKeys + " per user");
                }
            }
            return Optional.of(insert(sql, organizationId, userId, name, scopes, null, clock.instant()));
        });
    }

    /** The live key whose secret text this is. */
    public Optional<ApiKey> authenticate(String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return database.read(sql -> sql.one("SELECT " + COLUMNS + FROM + " WHERE k.key_hash = ?"
                + " AND k.revoked_at IS NULL AND u.deleted_at IS NULL", ApiKeyStore::map, hash(secret)));
    }

    public Optional<ApiKey> find(String organizationId, String keyId) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + FROM + " WHERE k.id = ? AND k.organization_id = ?",
                ApiKeyStore::map, keyId, organizationId));
    }

    /**
     * An organization's keys, revoked ones included, newest first, {@code limit} of them after skipping
     * {@code offset}.
     *
     * @param userId only this user's keys, or null for all
     */
    public CountedPage<ApiKey> list(String organizationId, String userId, int offset, int limit) {
        String where = " WHERE k.organization_id = ? AND (CAST(? AS VARCHAR(40)) IS NULL OR k.user_id = ?)";
        return database.read(sql -> {
            long total = sql.one("SELECT COUNT(*) AS n FROM api_keys k" + where, r -> r.longValue("n"),
                    organizationId, userId, userId).orElse(0L);
            List<ApiKey> items = total <= offset ? List.of() : sql.query("SELECT " + COLUMNS + FROM + where
                    + " ORDER BY k.created_at DESC, k.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ApiKeyStore::map,
                    organizationId, userId, userId, offset, limit);
            return new CountedPage<>(total, items);
        });
    }

    /**
     * Revokes a key; it stops working at once here and within a key cache's lifetime on every node.
     *
     * @return the key as it is now, or empty when the organization has no such key
     */
    public Optional<ApiKey> revoke(String organizationId, String keyId) {
        database.transaction(sql -> sql.update("UPDATE api_keys SET revoked_at = ? WHERE id = ?"
                + " AND organization_id = ? AND revoked_at IS NULL", clock.instant(), keyId, organizationId));
        return find(organizationId, keyId);
    }

    static void checkScopes(Set<String> scopes) {
        if (scopes.isEmpty() || !ApiKey.SCOPES.containsAll(scopes)) {
            throw new IllegalArgumentException("scopes must be some of " + ApiKey.SCOPES + ", got " + scopes);
        }
    }

    static IssuedKey insert(Sql sql, String orgId, String userId, String name, Set<String> scopes, String chosen,
            Instant now) throws SQLException {
        String secret = chosen != null ? chosen : newKeySecret();
        String id = Ids.next("key");
        String prefix = secret.substring(0, Math.min(8, secret.length()));
        sql.update("INSERT INTO api_keys (id, organization_id, user_id, name, key_hash, key_prefix, scopes, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, orgId, userId, name, hash(secret), prefix,
                String.join(" ", scopes), now);
        boolean instanceAdmin = sql.one("SELECT instance_admin FROM users WHERE id = ?", r -> r.bool("instance_admin"),
                userId).orElse(false);
        return new IssuedKey(new ApiKey(id, orgId, userId, name, prefix, scopes, instanceAdmin, now, null), secret);
    }

    private static ApiKey map(Sql.Row r) throws SQLException {
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(r.string("scopes").split(" ")));
        return new ApiKey(r.string("id"), r.string("organization_id"), r.string("user_id"), r.string("name"),
                r.string("key_prefix"), scopes, r.bool("instance_admin"), r.instant("created_at"),
                r.instant("revoked_at"));
    }

    static String newKeySecret() {
        StringBuilder key = new StringBuilder("dfp_");
        for (int i = 0; i < 40; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
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
