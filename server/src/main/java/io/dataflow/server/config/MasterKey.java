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
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's master key: {@code DATAFLOW_MASTER_KEY} when set, otherwise {@code <data dir>/master-key}, created with
 * a new random key (mode 600) on first start. A malformed key stops the server with a message naming where it came
 * from. Credentials are encrypted with it, and the keys of other uses are derived from it ({@link #bytes}), so the
 * nodes that share a database share one secret. Losing the key loses every stored credential, so it is never
 * replaced once it exists.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    static final String FILE_NAME = "master-key";

    private final byte[] bytes;

    private MasterKey(String base64, String source) {
        CredentialCipher.fromBase64(base64, source); // refuses a malformed key, naming its source
        this.bytes = Base64.getDecoder().decode(base64.trim());
    }

    /** The cipher credentials are encrypted with. */
    CredentialCipher cipher() {
        return new CredentialCipher(bytes);
    }

    /** The raw key, for a key derived from it under a label of its own (as the event links' is). */
    byte[] bytes() {
        return bytes.clone();
    }

    static MasterKey load(DataflowSettings settings) {
        if (settings.masterKey() != null) {
            return new MasterKey(settings.masterKey(), "DATAFLOW_MASTER_KEY");
        }
        Path file = settings.dataDir().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new MasterKey(Files.readString(file, StandardCharsets.UTF_8), "the master key file " + file);
            }
            String key = CredentialCipher.newKeyBase64();
            write(file, key);
            log.info("Created a master key for credentials in {}; keep a copy, credentials cannot be read without it"
                    + " (or set DATAFLOW_MASTER_KEY)", file);
            return new MasterKey(key, "the new master key");
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
