package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Secret values are replaced wherever they occur in what is stored of a task. */
class RedactionTests {

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
}
