package io.dataflow.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.store.CredentialCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key: from DATAFLOW_MASTER_KEY, or created once in the data directory, and never a malformed one. */
class MasterKeyTests {

    @TempDir
    Path dataDir;

    private DataflowSettings settings(String masterKey) {
        return new DataflowSettings(dataDir, "jdbc:h2:mem:x", "sa", "", 1, 1, null, false, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, masterKey,
                DataflowSettings.DEFAULT_MAX_FILE_BYTES);
    }

    @Test
    void isCreatedOnceInTheDataDirectoryReadableOnlyByItsOwner() throws Exception {
        CredentialCipher first = MasterKey.load(settings(null)).cipher();
        Path file = dataDir.resolve("master-key");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file);
        CredentialCipher second = MasterKey.load(settings(null)).cipher();
        assertThat(Files.readString(file)).isEqualTo(key);
        assertThat(second.decrypt(first.encrypt("v", "org", "n"), "org", "n")).isEqualTo("v");
    }

    @Test
    void theEnvironmentVariableWinsAndNothingIsWritten() {
        String key = CredentialCipher.newKeyBase64();

        CredentialCipher cipher = MasterKey.load(settings(key)).cipher();

        assertThat(Files.exists(dataDir.resolve("master-key"))).isFalse();
        assertThat(CredentialCipher.fromBase64(key, "k").decrypt(cipher.encrypt("v", "o", "n"), "o", "n"))
                .isEqualTo("v");
    }

    @Test
    void aMalformedKeyIsRejectedNamingWhereItCameFrom() throws Exception {
        assertThatThrownBy(() -> MasterKey.load(settings("c2hvcnQ=")))
                .hasMessageContaining("DATAFLOW_MASTER_KEY decodes to 5 bytes");
        Files.writeString(dataDir.resolve("master-key"), "%%%");
        assertThatThrownBy(() -> MasterKey.load(settings(null)).cipher())
                .hasMessageContaining("master-key is not valid base64");
    }

    @Test
    void givesTheSameBytesOnEveryStartSoLinksSignedWithThemStayValid() {
        byte[] first = MasterKey.load(settings(null)).bytes();
        byte[] second = MasterKey.load(settings(null)).bytes();

        assertThat(first).hasSize(CredentialCipher.KEY_BYTES).isEqualTo(second);
        String key = CredentialCipher.newKeyBase64();
        assertThat(MasterKey.load(settings(key)).bytes()).isEqualTo(java.util.Base64.getDecoder().decode(key))
                .isNotEqualTo(first);
    }
}
