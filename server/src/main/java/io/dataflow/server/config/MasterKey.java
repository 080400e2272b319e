package io.dataflow.server.config;

import io.dataflow.engine.store.CredentialCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key credentials are encrypted with: {@code DATAFLOW_MASTER_KEY} when set, otherwise
 * {@code <data dir>/master-key}, created with a new random key (mode 600) on first start. A malformed key stops the
 * server with a message naming where it came from. Losing the key loses every stored credential, so it is never
 * replaced once it exists.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE_NAME = "master-key";

    private MasterKey() {
    }

    static CredentialCipher cipher(DataflowSettings settings) {
        if (settings.masterKey() != null) {
            return CredentialCipher.fromBase64(settings.masterKey(), "DATAFLOW_MASTER_KEY");
        }
        Path file = settings.dataDir().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return CredentialCipher.fromBase64(Files.readString(file, StandardCharsets.UTF_8),
                        "the master key file " + file);
            }
            String key = CredentialCipher.newKeyBase64();
            write(file, key);
            log.info("Created a master key for credentials in {}; keep a copy, credentials cannot be read without it"
                    + " (or set DATAFLOW_MASTER_KEY)", file);
            return CredentialCipher.fromBase64(key, "the new master key");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master key file " + file, e);
        }
    }

    /** Fails when the file exists: of two nodes sharing the directory, one writes it and the other stops loudly. */
    private static void write(Path file, String key) throws IOException {
        Files.createDirectories(file.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } else {
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        }
    }
}
