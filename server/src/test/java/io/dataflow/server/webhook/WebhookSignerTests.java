package io.dataflow.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignerTests {

    /** The example of the Standard Webhooks specification (and of its reference libraries' tests). */
    @Test
    void signsTheSpecificationsExample() {
        WebhookSigner signer = WebhookSigner.forSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature = signer.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theWhsecPrefixIsOptional() {
        assertThat(WebhookSigner.forSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("msg_1", 1L, "{}"))
                .isEqualTo(WebhookSigner.forSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").sign("msg_1", 1L, "{}"));
    }

    @Test
    void theSignatureCoversIdTimestampAndBody() {
        WebhookSigner signer = WebhookSigner.forSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String base = signer.sign("msg_1", 1L, "{}");

        assertThat(signer.sign("msg_2", 1L, "{}")).isNotEqualTo(base);
        assertThat(signer.sign("msg_1", 2L, "{}")).isNotEqualTo(base);
        assertThat(signer.sign("msg_1", 1L, "{ }")).isNotEqualTo(base);
    }
}
