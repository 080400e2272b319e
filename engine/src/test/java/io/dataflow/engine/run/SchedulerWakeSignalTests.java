package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's wake-up signal with a clock that only the test moves: a retry's wake-up time is kept until it is
 * due, however close it is and however many others are waiting, so a retry never waits for the fallback poll.
 */
class SchedulerWakeSignalTests {

    /** Long enough that a wait ending by the fallback is clearly not the answer a due time gives. */
    private static final Duration FALLBACK = Duration.ofSeconds(1);

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final WakeSignal signal = new WakeSignal(clock);

    @Test
    void aSignalWakesTheWaiter() throws InterruptedException {
        signal.signal();
        assertThat(signal.await(FALLBACK)).isTrue();
    }

    @Test
    void aWakeUpTimeLessThanAMillisecondAwayIsNotDueYetAndIsKept() throws InterruptedException {
        signal.wakeAt(clock.instant().plusNanos(500_000));
        signal.await(FALLBACK); // consumes the signal wakeAt gives

        assertThat(signal.await(Duration.ofMillis(1))).as("before the wake-up time").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(signal.await(FALLBACK)).as("once the wake-up time passed").isTrue();
    }

    @Test
    void everyWakeUpTimeIsKeptNotOnlyTheEarliest() throws InterruptedException {
        Instant start = clock.instant();
        signal.wakeAt(start.plusSeconds(2));
        signal.wakeAt(start.plusSeconds(1));
        signal.await(FALLBACK);

        clock.set(start.plusSeconds(1));
        assertThat(signal.await(FALLBACK)).as("at the first wake-up time").isTrue();
        clock.set(start.plusSeconds(2));
        assertThat(signal.await(FALLBACK)).as("at the second wake-up time").isTrue();
    }
}
