package io.dataflow.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credential values at rest with AES-256-GCM under the master key. Each value gets a fresh random 12-byte
 * nonce, stored in front of the ciphertext; the associated data binds a ciphertext to its organization and name,
 * so a ciphertext moved to another row does not decrypt. Thread-safe: a {@link Cipher} is made per call.
 */
public final class CredentialCipher {

    /** Length of the master key in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /** @param masterKey exactly {@link #KEY_BYTES} bytes */
    public CredentialCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes, got "
                    + (masterKey == null ? "none" : masterKey.length));
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /**
     * A cipher for a master key given as base64 text (as in {@code DATAFLOW_MASTER_KEY}).
     *
     * @throws IllegalArgumentException naming {@code source} when the text is not base64 of {@link #KEY_BYTES} bytes
     */
    public static CredentialCipher fromBase64(String text, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text == null ? "" : text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64; it must be the base64 of "
                    + KEY_BYTES + " random bytes (e.g. from `openssl rand -base64 32`)", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException(source + " decodes to " + bytes.length + " bytes; it must be the"
                    + " base64 of " + KEY_BYTES + " random bytes (e.g. from `openssl rand -base64 32`)");
        }
        return new CredentialCipher(bytes);
    }

    /** A new random master key, base64-encoded. */
    public static String newKeyBase64() {
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The base64 of nonce and ciphertext for {@code plaintext}, bound to the organization and name. */
    public String encrypt(String plaintext, String organizationId, String name) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(organizationId, name));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /**
     * The plaintext of a value {@link #encrypt} made for the same organization and name.
     *
     * @throws IllegalStateException when it does not decrypt: another master key, another organization or name, or
     *     altered data
     */
    public String decrypt(String ciphertext, String organizationId, String name) {
        byte[] in = Base64.getDecoder().decode(ciphertext);
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("credential '" + name + "' has a truncated ciphertext");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(organizationId, name));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("credential '" + name + "' does not decrypt: it was stored under another"
                    + " master key, or altered", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    private static byte[] associatedData(String organizationId, String name) {
        // Organization ids never contain '/', so the pair is unambiguous.
        return (organizationId + "/" + name).getBytes(StandardCharsets.UTF_8);
    }
}
