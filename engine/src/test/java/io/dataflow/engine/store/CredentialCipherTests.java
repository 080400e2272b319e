package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-GCM with a random nonce per value, bound to the credential's organization and name. */
class CredentialCipherTests {

    private final CredentialCipher cipher = CredentialCipher.fromBase64(CredentialCipher.newKeyBase64(), "test key");

    @Test
    void roundTrips() {
        String sealed = cipher.encrypt("{\"api_key\":\"sk-123\"}", "org-1", "openai");

        assertThat(sealed).doesNotContain("sk-123");
        assertThat(cipher.decrypt(sealed, "org-1", "openai")).isEqualTo("{\"api_key\":\"sk-123\"}");
    }

    @Test
    void eachEncryptionUsesAFreshNonce() {
        String first = cipher.encrypt("same", "org-1", "a");
        String second = cipher.encrypt("same", "org-1", "a");

        assertThat(first).isNotEqualTo(second);
        byte[] a = Base64.getDecoder().decode(first);
        byte[] b = Base64.getDecoder().decode(second);
        assertThat(java.util.Arrays.copyOf(a, 12)).isNotEqualTo(java.util.Arrays.copyOf(b, 12));
    }

    @Test
    void anotherKeyDoesNotDecrypt() {
        String sealed = cipher.encrypt("secret", "org-1", "a");
        CredentialCipher other = CredentialCipher.fromBase64(CredentialCipher.newKeyBase64(), "other key");

        assertThatThrownBy(() -> other.decrypt(sealed, "org-1", "a"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another master key");
    }

    @Test
    void anotherOrganizationOrNameDoesNotDecrypt() {
        String sealed = cipher.encrypt("secret", "org-1", "a");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "org-2", "a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.decrypt(sealed, "org-1", "b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void alteredCiphertextDoesNotDecrypt() {
        byte[] sealed = Base64.getDecoder().decode(cipher.encrypt("secret", "org-1", "a"));
        sealed[sealed.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(Base64.getEncoder().encodeToString(sealed), "org-1", "a"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void malformedMasterKeysAreRejectedWithWhereTheyCameFrom() {
        assertThatThrownBy(() -> CredentialCipher.fromBase64("not base64!", "DATAFLOW_MASTER_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATAFLOW_MASTER_KEY is not valid base64");
        assertThatThrownBy(() -> CredentialCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16]),
                "DATAFLOW_MASTER_KEY"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATAFLOW_MASTER_KEY decodes to 16 bytes");
    }
}
