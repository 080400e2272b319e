package io.dataflow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wait before a retry: the policy's backoff, or longer when the failing service asks for longer. */
class RetryPolicyTests {

    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10));

    @Test
    void theBackoffGrowsUpToItsMaximum() {
        assertThat(policy.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(6)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aLongerRequestedWaitWinsAndAShorterOneDoesNot() {
        assertThat(policy.delayBefore(2, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayBefore(3, Optional.of(Duration.ofMillis(500)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayBefore(3, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRequestedWaitIsCappedAtAnHour() {
        assertThat(policy.delayBefore(2, Optional.of(Duration.ofDays(1)))).isEqualTo(RetryPolicy.MAX_REQUESTED_WAIT);
    }
}
