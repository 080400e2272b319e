package io.dataflow.engine.store;

import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.FileStore;
import io.dataflow.engine.spi.TaskFailure;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Files kept in the engine's database, so that every node sharing it reads the same files: what tasks output on
 * {@code file} ports and what callers upload. Every read is scoped by organization; another organization's file
 * is the same as no file. Content is held in memory whole while stored or read, which the size limit bounds.
 */
public final class DatabaseFileStore implements FileStore {

    /** The longest name and content type kept; longer ones are cut. */
    private static final int MAX_TEXT = 255;
    private static final String INFO_COLUMNS = "id, organization_id, execution_id, name, content_type, size, sha256,"
            + " created_at";

    private final Database database;
    private final Clock clock;
    private final long maxBytes;
    private final FileQuota quota;

    /** @param maxBytes the most bytes one file may have */
    public DatabaseFileStore(Database database, Clock clock, long maxBytes) {
        this(database, clock, maxBytes, FileQuota.NONE);
    }

    /**
     * @param maxBytes the most bytes one file may have
     * @param quota how many files and bytes one organization may store in all
     */
    public DatabaseFileStore(Database database, Clock clock, long maxBytes, FileQuota quota) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("the file size limit must be positive, got " + maxBytes);
        }
        this.database = database;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.quota = quota;
    }

    /** The most bytes one file may have. */
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public ObjectNode save(String organizationId, String executionId, String name, String contentType,
            byte[] content) throws TaskFailure {
        try {
            return insert(organizationId, executionId, name, contentType, content).reference();
        } catch (FileTooLargeException | FileQuotaExceededException e) {
            throw TaskFailure.permanent(e.getMessage());
        }
    }

    /**
     * Stores a file a caller uploaded, belonging to no execution, so that it can be given as a workflow input.
     *
     * @throws FileTooLargeException when the content is larger than {@link #maxBytes()}
     * @throws FileQuotaExceededException when the organization may not store another file this large
     */
    public StoredFileInfo upload(String organizationId, String name, String contentType, byte[] content) {
        return insert(organizationId, null, name, contentType, content);
    }

    @Override
    public StoredFile read(String organizationId, JsonNode file) throws TaskFailure {
        String id = FileStore.idOf(file).orElseThrow(() -> TaskFailure.permanent("a file must be given as a file"
                + " reference object or a file id, got " + PortType.describe(file)));
        return content(organizationId, id).orElseThrow(() -> TaskFailure.permanent("there is no file '" + id
                + "' in this organization"));
    }

    @Override
    public Optional<ObjectNode> find(String organizationId, JsonNode file) {
        return FileStore.idOf(file).flatMap(id -> info(organizationId, id)).map(StoredFileInfo::reference);
    }

    /** What the store knows about one of the organization's files, without reading its content. */
    public Optional<StoredFileInfo> info(String organizationId, String fileId) {
        return database.read(sql -> sql.one("SELECT " + INFO_COLUMNS + " FROM files WHERE id = ?"
                + " AND organization_id = ?", DatabaseFileStore::info, fileId, organizationId));
    }

    /** One of the organization's files with its content. */
    public Optional<StoredFile> content(String organizationId, String fileId) {
        return database.read(sql -> sql.one("SELECT id, name, content_type, content FROM files WHERE id = ?"
                + " AND organization_id = ?", r -> new StoredFile(r.string("id"), r.string("name"),
                        r.string("content_type"), r.bytes("content")), fileId, organizationId));
    }


    private StoredFileInfo insert(String organizationId, String executionId, String name, String contentType,
            byte[] content) {
        String fileName = clip(name == null || name.isBlank() ? "file" : name.strip());
        if (content.length > maxBytes) {
            throw new FileTooLargeException(fileName, content.length, maxBytes);
        }
        StoredFileInfo info = new StoredFileInfo(Ids.next("file"), organizationId, executionId, fileName,
                clip(contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip()),
                content.length, sha256(content), clock.instant());
        database.transaction(sql -> {
            sql.update("INSERT INTO files (" + INFO_COLUMNS + ", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    info.id(), organizationId, executionId, info.name(), info.contentType(), info.size(),
                    info.sha256(), info.createdAt(), content);
            checkQuota(sql, info);
            return null;
        });
        return info;
    }

    /**
     * Rolls the insert back when it takes the organization over its quota. The organization's row is locked first,
     * so concurrent inserts of one organization count one after the other and together never pass the quota; the
     * lock is taken after the (possibly large) insert, so it is held only for the count and the commit. On
     * PostgreSQL it is a no-key lock, which does not hold up inserts of the organization's other rows.
     */
    private void checkQuota(Sql sql, StoredFileInfo info) throws SQLException {
        if (!quota.limited()) {
            return;
        }
        sql.one("SELECT id FROM organizations WHERE id = ? FOR " + (database.dialect() == SqlDialect.POSTGRESQL
                ? "NO KEY UPDATE" : "UPDATE"), r -> r.string("id"), info.organizationId());
        Optional<FileQuotaExceededException> refusal = quota.refusal(
                OrganizationUsage.files(sql, info.organizationId()), "file '" + info.name() + "'", info.size());
        if (refusal.isPresent()) {
            throw refusal.get();
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StoredFileInfo info(Sql.Row r) throws SQLException {
        return new StoredFileInfo(r.string("id"), r.string("organization_id"), r.string("execution_id"),
                r.string("name"), r.string("content_type"), r.longValue("size"), r.string("sha256"),
                r.instant("created_at"));
    }
}
