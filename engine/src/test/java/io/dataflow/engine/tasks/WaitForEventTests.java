package io.dataflow.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskParked;
import io.dataflow.engine.spi.TaskServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code wait_for_event}: the wait it parks for, and what it refuses. */
class WaitForEventTests {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final TaskContext CONTEXT = new TaskContext("org-1", "ex-1", "answer", 1, Json.MAPPER,
            TaskServices.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
    private final WaitForEvent wait = new WaitForEvent();

    @Test
    void itParksForItsEventTypeUntilItsTimeout() {
        assertThatThrownBy(() -> wait.execute(CONTEXT, Json.object().put("event_type", "approval").put("timeout",
                "3 days"))).isInstanceOfSatisfying(TaskParked.class, parked -> {
                    assertThat(parked.eventType()).isEqualTo("approval");
                    assertThat(parked.until()).isEqualTo(NOW.plus(Duration.ofDays(3)));
                    assertThat(parked.output()).isNull();
                });
    }

    @Test
    void theTimeoutDefaultsToADay() {
        assertThatThrownBy(() -> wait.execute(CONTEXT, Json.object().put("event_type", "go")))
                .isInstanceOfSatisfying(TaskParked.class,
                        parked -> assertThat(parked.until()).isEqualTo(NOW.plus(Duration.ofHours(24))));
    }

    @Test
    void aBadTypeOrTimeoutFailsForGoodAndIsRefusedAtCreationWhenLiteral() {
        assertThat(TaskRuns.failure(wait, CONTEXT, Json.object().put("event_type", "no spaces")).getMessage())
                .isEqualTo("input 'event_type' must be 1 to 100 letters, digits, '-' and '_', got 'no spaces'");
        assertThat(TaskRuns.failure(wait, CONTEXT, Json.object().put("event_type", "go").put("timeout", "2 years"))
                .getMessage()).contains("input 'timeout' is longer than the most a task may wait, 365 days");
        assertThat(wait.checkLiteralInputs(Json.object().put("event_type", "x".repeat(101)).put("timeout", "soon")))
                .extracting(Problem::pointer).containsExactly("/event_type", "/timeout");
        assertThat(wait.checkLiteralInputs(Json.object().put("event_type", "approval-2").put("timeout", "P3D")))
                .isEmpty();
    }
}
