package io.dataflow.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks on the {@code /accounts} API's answers: Cloudflare's envelope. */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * Asserts that the answer is a failed envelope with this status, as {@code application/json}, with
     * {@code result} null and no messages, and returns the codes of its errors, in order.
     */
    public static List<Integer> assertFailure(RawHttp.Response response, int status) {
        assertThat(response.status()).as("status of %s", response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type of %s", response.text())
                .startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body).as("envelope: %s", response.text()).isNotNull();
        assertThat(body.get("success").asBoolean(true)).as("success").isFalse();
        assertThat(body.has("result") && body.get("result").isNull()).as("result is null: %s", response.text())
                .isTrue();
        assertThat(body.get("messages").isArray() && body.get("messages").isEmpty()).as("messages").isTrue();
        List<Integer> codes = new ArrayList<>();
        for (JsonNode error : body.get("errors")) {
            assertThat(error.get("message").asString()).as("message").isNotBlank();
            codes.add(error.get("code").asInt());
        }
        assertThat(codes).as("codes").isNotEmpty();
        return codes;
    }

    /** The message of the answer's first error. */
    public static String firstMessage(RawHttp.Response response) {
        return response.json().get("errors").get(0).get("message").asString();
    }
}
