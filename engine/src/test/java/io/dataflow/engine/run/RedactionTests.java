package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Secret values are replaced wherever they occur in what is stored of a task, encoded or not. */
class RedactionTests {

    /** Characters that URL encoders, JSON and base64 each write differently. */
    private static final String TRICKY = "p@ss/w+rd=\"q\\ x~*é!";

    private final Redaction redaction = Redaction.of(List.of(
            Json.parse("{\"api_key\": \"sk-abcdef\", \"user\": \"bob\", \"port\": 5432, \"nested\": {\"p\": \"sk-abc\"}}")));

    @Test
    void replacesEverySecretStringInTextLongestFirst() {
        assertThat(redaction.apply("key sk-abcdef and sk-abc, bob")).isEqualTo("key [redacted] and [redacted], bob");
    }

    @Test
    void replacesInStringsAndKeysOfACopy() {
        JsonNode value = Json.parse("{\"a\": [\"x sk-abcdef\"], \"sk-abc\": 1, \"n\": 5432}");

        JsonNode redacted = redaction.apply(value);

        assertThat(redacted).isEqualTo(Json.parse("{\"a\": [\"x [redacted]\"], \"[redacted]\": 1, \"n\": 5432}"));
        assertThat(value.get("a").get(0).asString()).isEqualTo("x sk-abcdef");
    }

    @Test
    void addressesAndAccountsStayReadableButPasswordsInsideThemDoNot() {
        Redaction credential = Redaction.of(List.of(Json.parse("""
                {"api_key": "sk-abcdef", "base_url": "https://api.example.com/v1", "user": "reporting",
                 "organization": "org-team", "url": "https://robot:hunter22@db.example.com/x?sslpassword=p4ss&mode=r",
                 "username": "jdbc:postgresql://h/db?user=u&password=s3cret;ApiKey=k3y-9"}""")));

        assertThat(credential.apply("POST https://api.example.com/v1/chat as reporting of org-team"))
                .isEqualTo("POST https://api.example.com/v1/chat as reporting of org-team");
        assertThat(credential.apply("robot:hunter22 p4ss mode=r password=s3cret ApiKey=k3y-9 sk-abcdef"))
                .isEqualTo("robot:[redacted] [redacted] mode=r password=[redacted] ApiKey=[redacted] [redacted]");
    }

    @Test
    void withoutSecretsNothingIsCopied() {
        JsonNode value = Json.parse("{\"a\": \"b\"}");

        assertThat(Redaction.of(List.of(Json.parse("{\"short\": \"abc\"}")))).isSameAs(Redaction.NONE);
        assertThat(Redaction.NONE.apply(value)).isSameAs(value);
        assertThat(Redaction.NONE.apply((String) null)).isNull();
    }

    private static Redaction redactionOf(String secret) {
        return Redaction.of(List.of(Json.object().put("password", secret)));
    }

    @Test
    void urlEncodedFormsAreRedactedWhicheverWayTheyWereEncoded() {
        Redaction redaction = redactionOf(TRICKY);
        String formEncoded = URLEncoder.encode(TRICKY, StandardCharsets.UTF_8);
        String percent20 = formEncoded.replace("+", "%20");
        // RFC 3986 style: '@', '/', '=', '!' and '*' may stay as they are in a query value.
        String partly = "p@ss/w%2Brd=%22q%5C%20x%7E*%C3%A9!";

        for (String encoded : List.of(formEncoded, percent20, lowerCaseHex(formEncoded), lowerCaseHex(percent20),
                partly)) {
            assertThat(encoded).isNotEqualTo(TRICKY);
            assertThat(redaction.apply("GET /items?password=" + encoded + "&page=2"))
                    .as(encoded).isEqualTo("GET /items?password=[redacted]&page=2");
        }
    }

    @Test
    void theJsonEscapedFormIsRedacted() {
        String escaped = Json.write(Json.object().put("p", TRICKY));

        assertThat(escaped).doesNotContain(TRICKY).contains("p@ss/w+rd=\\\"q\\\\ x~*é!");
        assertThat(redactionOf(TRICKY).apply(escaped)).isEqualTo("{\"p\":\"[redacted]\"}");
    }

    @Test
    void aBase64SecretAloneIsRedactedWhole() {
        byte[] bytes = TRICKY.getBytes(StandardCharsets.UTF_8);
        Redaction redaction = redactionOf(TRICKY);

        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getEncoder().withoutPadding(),
                Base64.getUrlEncoder(), Base64.getUrlEncoder().withoutPadding())) {
            String encoded = encoder.encodeToString(bytes);
            assertThat(redaction.apply("token " + encoded + " end")).as(encoded).isEqualTo("token [redacted] end");
        }
    }

    @Test
    void aSecretInsideLongerBase64IsRedactedAtEveryAlignment() {
        byte[] secret = TRICKY.getBytes(StandardCharsets.UTF_8);
        Redaction redaction = redactionOf(TRICKY);
        int secretChars = secret.length * 8 / 6;

        for (int before = 0; before < 6; before++) {
            for (int after : List.of(0, 1, 2, 5)) {
                byte[] text = new byte[before + secret.length + after];
                for (int i = 0; i < text.length; i++) {
                    text[i] = (byte) ('a' + i % 26);
                }
                System.arraycopy(secret, 0, text, before, secret.length);
                for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder(),
                        Base64.getUrlEncoder().withoutPadding())) {
                    String encoded = encoder.encodeToString(text);
                    String redacted = redaction.apply(encoded);
                    // What is left is the neighbours' characters, and at most one mixed one at each end.
                    int kept = redacted.length() - Redaction.MARK.length();
                    assertThat(redacted).as("%d bytes before, %d after: %s", before, after, encoded)
                            .contains(Redaction.MARK);
                    assertThat(encoded.length() - kept).as("%d bytes before, %d after: %s", before, after, encoded)
                            .isGreaterThanOrEqualTo(secretChars - 1);
                }
            }
        }
    }

    @Test
    void theUrlSafeAlphabetIsRedactedToo() {
        // Bytes whose base64 has '+' and '/', which the URL-safe alphabet writes '-' and '_'.
        String secret = "sk>>>?>??~~~";
        String standard = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(standard).contains("+").contains("/");
        assertThat(urlSafe).contains("-").contains("_");

        assertThat(redactionOf(secret).apply(standard + " " + urlSafe)).isEqualTo("[redacted] [redacted]");
    }

    @Test
    void aPasswordInsideBasicAuthorizationIsRedacted() {
        Redaction redaction = redactionOf(TRICKY);

        for (String user : List.of("al", "bob", "carl")) {
            String header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + TRICKY)
                    .getBytes(StandardCharsets.UTF_8));
            String redacted = redaction.apply(header);
            assertThat(redacted).as(header).startsWith("Basic ").contains(Redaction.MARK);
            assertThat(redacted.length() - Redaction.MARK.length()).as(header)
                    .isLessThanOrEqualTo("Basic ".length() + (user.length() + 1) * 8 / 6 + 1 + 2 + 2);
        }
    }

    @Test
    void theQueryAnHttpRequestSendsIsRedacted() {
        String secret = "p@ss/w+rd=0123";
        // As http.request writes a query value.
        String sent = URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20");

        assertThat(sent).isEqualTo("p%40ss%2Fw%2Brd%3D0123");
        assertThat(redactionOf(secret).apply("{\"url\": \"https://h/x?key=" + sent + "\"}"))
                .isEqualTo("{\"url\": \"https://h/x?key=[redacted]\"}");
    }

    private static String lowerCaseHex(String encoded) {
        return java.util.regex.Pattern.compile("%[0-9A-F]{2}").matcher(encoded)
                .replaceAll(m -> m.group().toLowerCase(Locale.ROOT));
    }
}
