package io.dataflow.engine.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.spi.TaskContext;
import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.spi.TaskParked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code sleep}: the forms of its duration, its limits, and the parked outcome it gives. */
class SleepTests {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final TaskContext CONTEXT = new TaskContext("org-1", "ex-1", "nap", 1, Json.MAPPER,
            io.dataflow.engine.spi.TaskServices.NONE, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Sleep sleep = new Sleep();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1500          | PT1.5S",
            "PT10M         | PT10M",
            "P1DT2H        | PT26H",
            "10 minutes    | PT10M",
            "1 minute      | PT1M",
            "2 Weeks       | PT336H",
            "1 month       | PT720H",
            "1 year        | PT8760H",
            "365 days      | PT8760H",
            "' 3 seconds ' | PT3S",
            "0             | PT0S"})
    void aDurationIsMillisecondsIsoOrWords(String text, String expected) throws Exception {
        assertThat(SleepDuration.parse("duration", Json.parse("\"" + text + "\""))).isEqualTo(Duration.parse(expected));
    }

    @Test
    void aWholeNumberIsMilliseconds() throws Exception {
        assertThat(SleepDuration.parse("duration", Json.parse("2500"))).isEqualTo(Duration.ofMillis(2500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"366 days\"", "\"13 months\"", "\"P366D\"", "31536000001", "\"31536000001\"",
            "\"999999999999 years\""})
    void longerThan365DaysIsRefused(String json) {
        assertThatThrownBy(() -> SleepDuration.parse("duration", Json.parse(json))).isInstanceOf(TaskFailure.class)
                .hasMessageContaining("input 'duration' is longer than the most a task may wait, 365 days")
                .satisfies(e -> assertThat(((TaskFailure) e).retryable()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"soon\"", "\"10 fortnights\"", "\"-PT1S\"", "-5", "1.5", "true", "{}", "\"\""})
    void whatIsNoDurationIsRefusedNamingTheForms(String json) {
        assertThatThrownBy(() -> SleepDuration.parse("duration", Json.parse(json))).isInstanceOf(TaskFailure.class)
                .hasMessageContaining("input 'duration'");
    }

    @Test
    void aSleepParksUntilItsEndWithTheOutputItCompletesWith() {
        ObjectNode input = Json.object().put("value", "carried").put("duration", "10 minutes");

        assertThatThrownBy(() -> sleep.execute(CONTEXT, input)).isInstanceOfSatisfying(TaskParked.class, parked -> {
            assertThat(parked.until()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
            assertThat(parked.output().get("value").asString()).isEqualTo("carried");
            assertThat(parked.output().get("until").asString()).isEqualTo("2030-01-01T00:10:00Z");
        });
    }

    @Test
    void aSleepUntilATimeParksUntilIt() {
        ObjectNode input = Json.object().put("until", "2030-01-02T09:30:00+02:00");

        assertThatThrownBy(() -> sleep.execute(CONTEXT, input)).isInstanceOfSatisfying(TaskParked.class,
                parked -> assertThat(parked.until()).isEqualTo(Instant.parse("2030-01-02T07:30:00Z")));
    }

    @Test
    void aTimeAlreadyPastOrNoDurationCompletesAtOnce() throws Exception {
        JsonNode past = sleep.execute(CONTEXT, Json.object().put("value", 7).put("until", "2029-12-31T23:00:00Z"));
        assertThat(past.get("value").asInt()).isEqualTo(7);
        assertThat(past.get("until").asString()).isEqualTo("2029-12-31T23:00:00Z");

        JsonNode none = sleep.execute(CONTEXT, Json.object().put("duration", 0));
        assertThat(none.get("until").asString()).isEqualTo(NOW.toString());
    }

    @Test
    void exactlyOneOfDurationAndUntilIsGiven() {
        assertThat(TaskRuns.failure(sleep, CONTEXT, Json.object()).getMessage())
                .isEqualTo("give exactly one of the inputs 'duration' and 'until'");
        assertThat(TaskRuns.failure(sleep, CONTEXT, Json.object().put("duration", 5).put("until",
                "2030-01-02T00:00:00Z")).getMessage()).isEqualTo("give exactly one of the inputs 'duration' and 'until'");
    }

    @Test
    void aTimeMoreThan365DaysAheadOrNotRfc3339IsRefused() {
        assertThat(TaskRuns.failure(sleep, CONTEXT, Json.object().put("until", "2031-01-02T00:00:00Z")).getMessage())
                .contains("more than 365 days ahead");
        assertThat(TaskRuns.failure(sleep, CONTEXT, Json.object().put("until", "tomorrow")).getMessage())
                .isEqualTo("input 'until' must be a time in RFC 3339 such as '2030-01-01T09:00:00Z', got 'tomorrow'");
    }

    @Test
    void literalDurationsAndTimesAreCheckedWhenTheWorkflowIsCreated() {
        assertThat(sleep.checkLiteralInputs(Json.object().put("duration", "10 minutes").put("until",
                "2030-01-01T00:00:00Z"))).isEmpty();
        assertThat(sleep.checkLiteralInputs(Json.object().put("duration", "400 days").put("until", "noon")))
                .extracting(Problem::pointer).containsExactly("/duration", "/until");
    }
}
