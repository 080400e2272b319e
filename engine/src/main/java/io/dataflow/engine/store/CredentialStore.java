package io.dataflow.engine.store;

import io.dataflow.engine.model.Credential;
import io.dataflow.engine.model.CredentialPolicy;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.spi.CredentialVault;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organizations' credentials, their values encrypted by a {@link CredentialCipher}, with the rules for using
 * them ({@link CredentialPolicy}) in the clear beside them. Every method is scoped by organization. Callers that
 * cache values {@linkplain #onChange listen} for changes to drop them.
 */
public final class CredentialStore {

    private static final String COLUMNS = "id, organization_id, name, type, usable_by, templates, ciphertext,"
            + " created_at, updated_at";

    private final Database database;
    private final CredentialCipher cipher;
    private final Clock clock;
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();

    public CredentialStore(Database database, CredentialCipher cipher, Clock clock) {
        this.database = database;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * Calls {@code listener} with the organization id and name of each credential created, replaced or deleted
     * here (created too: a cache may remember that it was missing), once the change has committed.
     */
    public void onChange(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    /** Stores a new credential with the {@linkplain CredentialPolicy#DEFAULT default rules}. */
    public Credential create(String organizationId, String name, String type, ObjectNode value) {
        return create(organizationId, name, type, CredentialPolicy.DEFAULT, value);
    }

    /**
     * Stores a new credential.
     *
     * @throws CredentialNameTakenException when the organization already has one of that name
     */
    public Credential create(String organizationId, String name, String type, CredentialPolicy policy,
            ObjectNode value) {
        String id = Ids.next("cred");
        // As the databases keep it, so the answer equals what later reads show.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            database.transaction(sql -> {
                notifyAfterCommit(sql, organizationId, name);
                return sql.update("INSERT INTO credentials (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id,
                        organizationId, name, type, policy.usableBy().name(), policy.templates(),
                        cipher.encrypt(Json.write(value), organizationId, name), now, now);
            });
        } catch (DataAccessException e) {
            throw e.isUniqueViolation() ? new CredentialNameTakenException(name) : e;
        }
        return new Credential(id, organizationId, name, type, policy, fieldNames(value), now, now);
    }

    /**
     * Replaces the value, type and rules; empty when the organization has no credential of that name. Tasks that
     * ask for it afterwards get the new value under the new rules.
     */
    public Optional<Credential> replace(String organizationId, String name, String type, CredentialPolicy policy,
            ObjectNode value) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            int changed = sql.update("UPDATE credentials SET type = ?, usable_by = ?, templates = ?, ciphertext = ?,"
                    + " updated_at = ? WHERE organization_id = ? AND name = ?", type, policy.usableBy().name(),
                    policy.templates(), cipher.encrypt(Json.write(value), organizationId, name), now, organizationId,
                    name);
            if (changed == 0) {
                return Optional.<Credential>empty();
            }
            notifyAfterCommit(sql, organizationId, name);
            return sql.one("SELECT " + COLUMNS + " FROM credentials WHERE organization_id = ? AND name = ?",
                    this::map, organizationId, name);
        });
    }

    /** Deletes the credential; false when the organization has none of that name. */
    public boolean delete(String organizationId, String name) {
        return database.transaction(sql -> {
            boolean deleted = sql.update("DELETE FROM credentials WHERE organization_id = ? AND name = ?",
                    organizationId, name) == 1;
            if (deleted) {
                notifyAfterCommit(sql, organizationId, name);
            }
            return deleted;
        });
    }

    /** The credential's metadata. */
    public Optional<Credential> find(String organizationId, String name) {
        return database.read(sql -> sql.one("SELECT " + COLUMNS + " FROM credentials WHERE organization_id = ?"
                + " AND name = ?", this::map, organizationId, name));
    }

    /** The organization's credentials, newest first. */
    public Page<Credential> list(String organizationId, String cursor, int limit) {
        String after = cursor == null ? null : Ids.idInCursor(cursor);
        List<Credential> rows = database.read(sql -> sql.query("SELECT " + COLUMNS + " FROM credentials"
                + " WHERE organization_id = ? AND (CAST(? AS VARCHAR(40)) IS NULL OR id < ?)"
                + " ORDER BY id DESC LIMIT ?", this::map, organizationId, after, after, limit + 1));
        return WorkflowStore.page(rows, limit, Credential::id);
    }

    /** The decrypted value (an object of fields) with the rules for using it. */
    public Optional<CredentialVault.Entry> entry(String organizationId, String name) {
        return database.read(sql -> sql.one("SELECT usable_by, templates, ciphertext FROM credentials"
                + " WHERE organization_id = ? AND name = ?", r -> new CredentialVault.Entry(
                        decrypt(r.string("ciphertext"), organizationId, name), policy(r)), organizationId, name));
    }

    private void notifyAfterCommit(Sql sql, String organizationId, String name) {
        sql.afterCommit(() -> listeners.forEach(listener -> listener.accept(organizationId, name)));
    }

    private ObjectNode decrypt(String ciphertext, String organizationId, String name) {
        return (ObjectNode) Json.parse(cipher.decrypt(ciphertext, organizationId, name));
    }

    /** Metadata only; the field names are read from the decrypted value, which is not kept. */
    private Credential map(Sql.Row r) throws SQLException {
        String organizationId = r.string("organization_id");
        String name = r.string("name");
        return new Credential(r.string("id"), organizationId, name, r.string("type"), policy(r),
                fieldNames(decrypt(r.string("ciphertext"), organizationId, name)), r.instant("created_at"),
                r.instant("updated_at"));
    }

    private static CredentialPolicy policy(Sql.Row r) throws SQLException {
        return new CredentialPolicy(r.enumValue("usable_by", CredentialPolicy.UsableBy.class),
                r.bool("templates"));
    }

    private static List<String> fieldNames(ObjectNode value) {
        return List.copyOf(value.propertyNames());
    }
}
