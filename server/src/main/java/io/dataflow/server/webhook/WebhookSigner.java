package io.dataflow.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook messages as the Standard Webhooks specification (standardwebhooks.com) says: the signature is
 * {@code v1,} and the base64 HMAC-SHA256 of {@code {id}.{timestamp}.{body}}, keyed with the secret's bytes (the
 * base64 text after {@code whsec_}). Receivers verify with any Standard Webhooks library and the secret from
 * {@code GET /organization}. Immutable and thread-safe.
 */
final class WebhookSigner {

    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** A signer for a {@code whsec_...} secret (the prefix is optional, as in the spec's libraries). */
    static WebhookSigner forSecret(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] bytes = Base64.getDecoder().decode(encoded);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return new WebhookSigner(bytes);
    }

    /** The {@code webhook-signature} header's value for one attempt at sending {@code body}. */
    String sign(String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is stateful; one per call keeps the signer shareable
            mac.init(key);
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
