package io.dataflow.server.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the tokens of event links: {@code <ids><mac>}, where {@code <ids>} is the base64url of the
 * organization, workflow and execution ids (one a line) and {@code <mac>} the {@value #MAC_CHARS} characters of
 * base64url of HMAC-SHA256 over {@code <ids>} under the link key. (No separator: a dot would make the token look like a
 * file name with an extension to browsers and to Spring's download guard.) Every id that decides where an event goes is under the MAC, so a token for one
 * execution can never be turned into one for another, and the 256-bit MAC cannot be guessed. The ids themselves are
 * readable by whoever holds the link; they are not secrets (the API needs a key for anything else).
 *
 * <p>The link key is derived from the server's master key ({@link #fromMasterKey}), so every node that can read the
 * credentials (they share the master key) also accepts the links the others made, and an operator keeps one secret.
 */
public final class EventLinkSigner {

    /**
     * The label the link key is derived under: HMAC-SHA256(master key, label). A distinct label keeps this key apart
     * from any other use of the master key; a new label would void every link given out.
     */
    static final String KEY_LABEL = "dataflow approval links v1";
    /** Longer than any token this signer makes (about 170 characters), so garbage is refused before any work. */
    static final int MAX_TOKEN_CHARS = 512;
    private static final String ALGORITHM = "HmacSHA256";
    /** Base64url without padding of the 32 bytes of an HMAC-SHA256. */
    public static final int MAC_CHARS = 43;
    private static final char SEPARATOR = '\n';
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    /** Where an event link sends its events. */
    public record Target(String organizationId, String workflowId, String executionId) {
    }

    /** @param linkKey at least 32 bytes */
    public EventLinkSigner(byte[] linkKey) {
        if (linkKey == null || linkKey.length < 32) {
            throw new IllegalArgumentException("an event link key must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(linkKey.clone(), ALGORITHM);
    }

    /** A signer whose key is HMAC-SHA256({@code masterKey}, {@value #KEY_LABEL}). */
    public static EventLinkSigner fromMasterKey(byte[] masterKey) {
        return new EventLinkSigner(hmac(new SecretKeySpec(masterKey, ALGORITHM), KEY_LABEL));
    }

    /** The token of the link to this execution; the same every time for the same ids. */
    public String token(Target target) {
        String ids = id(target.organizationId()) + SEPARATOR + id(target.workflowId()) + SEPARATOR
                + id(target.executionId());
        String encoded = ENCODER.encodeToString(ids.getBytes(StandardCharsets.UTF_8));
        return encoded + mac(encoded);
    }

    /**
     * Where a token sends events, when this signer made it; empty for anything else (changed, cut, another key's,
     * or not a token at all). The MAC is compared in constant time, as text, so no second spelling of it passes.
     */
    public Optional<Target> verify(String token) {
        if (token == null || token.length() <= MAC_CHARS || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int split = token.length() - MAC_CHARS;
        String encoded = token.substring(0, split);
        byte[] expected = mac(encoded).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(split).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        // Signed by this key, so made by token(): well-formed. Still checked, as a bad key could have signed it.
        String[] ids;
        try {
            ids = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)
                    .split(String.valueOf(SEPARATOR), -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ids.length != 3 || ids[0].isEmpty() || ids[1].isEmpty() || ids[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(ids[0], ids[1], ids[2]));
    }

    private String mac(String encoded) {
        return ENCODER.encodeToString(hmac(key, encoded));
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    private static String id(String id) {
        if (id == null || id.isEmpty() || id.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("not an id: " + id);
        }
        return id;
    }
}
