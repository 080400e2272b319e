package io.dataflow.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Retry-After as seconds or as an HTTP date; anything else asks for nothing. */
class RetryAfterTests {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void secondsAreTakenAsTheyAre() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void anHttpDateIsTheWaitUntilThen() {
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 08:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void aDateAlreadyPastOrAnythingElseAsksForNoWait() {
        assertThat(RetryAfter.parse("Mon, 30 Nov 2026 07:59:00 GMT", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }
}
