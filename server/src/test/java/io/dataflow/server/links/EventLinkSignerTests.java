package io.dataflow.server.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Event link tokens: what one signer makes it takes back; a change anywhere, or another key, and it takes nothing. */
class EventLinkSignerTests {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final EventLinkSigner.Target TARGET = new EventLinkSigner.Target("org-01m8a", "wf-01m8b",
            "ex-01m8c");

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    @Test
    void aTokenGivesBackTheIdsItWasMadeFor() {
        EventLinkSigner signer = EventLinkSigner.fromMasterKey(key());

        String token = signer.token(TARGET);

        assertThat(token).matches("[A-Za-z0-9_-]{44,}");
        assertThat(signer.token(TARGET)).isEqualTo(token);
        assertThat(signer.verify(token)).contains(TARGET);
    }

    @Test
    void everyOneCharacterChangeIsRefused() {
        EventLinkSigner signer = new EventLinkSigner(key());
        String token = signer.token(TARGET);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != token.charAt(i)) {
                    String changed = token.substring(0, i) + c + token.substring(i + 1);
                    assertThat(signer.verify(changed)).as(changed).isEmpty();
                }
            }
        }
        assertThat(signer.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(signer.verify(token.substring(1))).isEmpty();
        assertThat(signer.verify(token + "A")).isEmpty();
        assertThat(signer.verify(token + "=")).isEmpty();
    }

    @Test
    void idsCannotBeSwappedUnderAnotherTokensMac() {
        EventLinkSigner signer = new EventLinkSigner(key());
        String mine = signer.token(TARGET);
        String other = signer.token(new EventLinkSigner.Target("org-01m8a", "wf-01m8b", "ex-01m8d"));
        String forgedIds = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "org-01m8a\nwf-01m8b\nex-01m8d".getBytes(StandardCharsets.UTF_8));

        String mac = mine.substring(mine.length() - EventLinkSigner.MAC_CHARS);

        assertThat(signer.verify(other.substring(0, other.length() - EventLinkSigner.MAC_CHARS) + mac)).isEmpty();
        assertThat(signer.verify(forgedIds + mac)).isEmpty();
    }

    @Test
    void anotherKeysTokenIsRefusedAndTheKeyIsDerivedFromTheMasterKey() {
        byte[] master = key();
        String token = EventLinkSigner.fromMasterKey(master).token(TARGET);

        assertThat(EventLinkSigner.fromMasterKey(master.clone()).verify(token)).contains(TARGET);
        assertThat(EventLinkSigner.fromMasterKey(key()).verify(token)).isEmpty();
        // The master key itself is not the link key: a label keeps the two apart.
        assertThat(new EventLinkSigner(master).verify(token)).isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnError() {
        EventLinkSigner signer = new EventLinkSigner(key());

        for (String garbage : new String[] {null, "", ".", "..", "a.", ".a", "a.b.c", "%%%.%%%", "a".repeat(43),
                "a".repeat(44), "a".repeat(600), "b3JnCndmCmV4" + "A".repeat(43), "\u0000".repeat(50), "é".repeat(50)}) {
            assertThat(signer.verify(garbage)).as(String.valueOf(garbage)).isEmpty();
        }
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[RANDOM.nextInt(300)];
            RANDOM.nextBytes(bytes);
            assertThat(signer.verify(new String(bytes, StandardCharsets.ISO_8859_1))).isEmpty();
        }
    }

    @Test
    void refusesKeysTooShortAndIdsThatCouldBeReadOtherwise() {
        assertThatThrownBy(() -> new EventLinkSigner(new byte[16])).hasMessageContaining("at least 32 bytes");
        EventLinkSigner signer = new EventLinkSigner(key());
        assertThatThrownBy(() -> signer.token(new EventLinkSigner.Target("org\nwf", "x", "y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.token(new EventLinkSigner.Target("org", "", "y")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
