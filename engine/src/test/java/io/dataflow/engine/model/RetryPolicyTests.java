package io.dataflow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
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
    void aMultiplierOfOneKeepsTheWaitConstant() {
        RetryPolicy constant = new RetryPolicy(4, Duration.ofSeconds(3), 1.0, Duration.ofMinutes(1));

        assertThat(constant.delayBefore(2)).isEqualTo(Duration.ofSeconds(3));
        assertThat(constant.delayBefore(4)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aLinearBackoffWaitsTheFirstDelayTimesTheRetrysNumber() {
        RetryPolicy linear = RetryPolicy.linear(5, Duration.ofSeconds(3), Duration.ofSeconds(10));

        assertThat(linear.delayBefore(2)).isEqualTo(Duration.ofSeconds(3));
        assertThat(linear.delayBefore(3)).isEqualTo(Duration.ofSeconds(6));
        assertThat(linear.delayBefore(4)).isEqualTo(Duration.ofSeconds(9));
        assertThat(linear.delayBefore(5)).as("capped").isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anExponentialBackoffOfTwoDoublesEachWait() {
        // delay * 2^(retry - 1), as executions started through a binding retry by default.
        RetryPolicy doubling = new RetryPolicy(6, Duration.ofSeconds(10), 2.0, RetryPolicy.MAX_DELAY);

        assertThat(List.of(2, 3, 4, 5, 6).stream().map(doubling::delayBefore).map(Duration::toSeconds).toList())
                .containsExactly(10L, 20L, 40L, 80L, 160L);
    }

    @Test
    void aPolicyKnowsWhetherItsCapShortensAWait() {
        assertThat(policy.capsAWait()).as("8 s before its fifth attempt").isFalse();
        assertThat(new RetryPolicy(6, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)).capsAWait())
                .as("16 s before its sixth attempt").isTrue();
        assertThat(RetryPolicy.linear(4, Duration.ofSeconds(1), Duration.ofSeconds(2)).capsAWait()).isTrue();
        assertThat(new RetryPolicy(1, Duration.ofHours(1), 2.0, Duration.ZERO).capsAWait()).isFalse();
    }

    @Test
    void aPolicyRefusesWhatItCannotMean() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, 1.0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(RetryPolicy.MAX_RETRIES + 2, Duration.ZERO, 1.0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, 0.5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ZERO, 2.0, Duration.ZERO, RetryPolicy.Backoff.LINEAR))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(-1), 1.0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRequestedWaitIsCappedAtAnHour() {
        assertThat(policy.delayBefore(2, Optional.of(Duration.ofDays(1)))).isEqualTo(RetryPolicy.MAX_REQUESTED_WAIT);
    }
}
