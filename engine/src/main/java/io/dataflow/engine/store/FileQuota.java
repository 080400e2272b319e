package io.dataflow.engine.store;

import java.util.Optional;

/**
 * How many files, and how many bytes of them, one organization may store; 0 for no limit. The store checks it in
 * the transaction that adds a file, so a file over it is never stored.
 */
public record FileQuota(long maxFiles, long maxBytes) {

    /** No limit on either. */
    public static final FileQuota NONE = new FileQuota(0, 0);

    public FileQuota {
        if (maxFiles < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("file quotas must be 0 (no limit) or positive, got " + maxFiles
                    + " files and " + maxBytes + " bytes");
        }
    }

    /** Whether either limit is set. */
    public boolean limited() {
        return maxFiles > 0 || maxBytes > 0;
    }

    /**
     * Why a file may not be stored, if it may not.
     *
     * @param after the organization's files with the new one counted in
     * @param what the new file, for the message: {@code file 'report.pdf'}
     * @param size the new file's size
     */
    public Optional<FileQuotaExceededException> refusal(OrganizationUsage.Files after, String what, long size) {
        if (maxFiles > 0 && after.count() > maxFiles) {
            return Optional.of(new FileQuotaExceededException(FileQuotaExceededException.Limit.FILES, maxFiles,
                    "the organization already stores " + (after.count() - 1) + " files; its limit is " + maxFiles
                    + " files"));
        }
        if (maxBytes > 0 && after.bytes() > maxBytes) {
            return Optional.of(new FileQuotaExceededException(FileQuotaExceededException.Limit.BYTES, maxBytes,
                    what + " (" + size + " bytes) would take the organization's stored files to "
                    + after.bytes() + " bytes, over its limit of " + maxBytes + " bytes"));
        }
        return Optional.empty();
    }
}
