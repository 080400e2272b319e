package io.dataflow.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookDispatcherBackoffTests {

    @Test
    void doublesFromTheBaseUpToTenMinutes() {
        Duration base = Duration.ofMillis(500);

        assertThat(WebhookDispatcher.backoff(base, 1)).isEqualTo(Duration.ofMillis(500));
        assertThat(WebhookDispatcher.backoff(base, 2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(WebhookDispatcher.backoff(base, 3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(WebhookDispatcher.backoff(base, 11)).isEqualTo(Duration.ofMillis(512_000));
        assertThat(WebhookDispatcher.backoff(base, 12)).isEqualTo(Duration.ofMinutes(10));
        assertThat(WebhookDispatcher.backoff(base, 1_000)).isEqualTo(Duration.ofMinutes(10));
    }
}
