package io.dataflow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A definition as the store writes it with {@link Json#MAPPER} and reads it back. */
class DefinitionJsonTests {

    private static final InputDecl URL = new InputDecl("url", PortType.TEXT, null, true, null, "/inputs/0");

    @Test
    void openInputsSurviveTheStoredJson() {
        Definition open = new Definition(List.of(URL), List.of(), List.of(), WorkflowSettings.NONE, true);

        Definition read = Json.MAPPER.readValue(Json.write(open), Definition.class);

        assertThat(read.openInputs()).isTrue();
        assertThat(read).isEqualTo(open);
    }

    @Test
    void aClosedDefinitionIsStoredAsBeforeOpenInputsExisted() {
        Definition closed = new Definition(List.of(URL), List.of(), List.of(), WorkflowSettings.NONE);

        String json = Json.write(closed);

        // Unchanged text keeps the content hashes of stored versions, so saving one unchanged makes no new version.
        assertThat(Json.parse(json).has("openInputs")).isFalse();
        assertThat(Json.MAPPER.readValue(json, Definition.class)).isEqualTo(closed);
    }

    @Test
    void settingsLeftUnsetStayUnsetAndAreLeftOut() {
        Definition none = new Definition(List.of(URL), List.of(), List.of(), WorkflowSettings.NONE);
        Definition timed = new Definition(List.of(URL), List.of(), List.of(),
                new WorkflowSettings(null, Duration.ofSeconds(9)));

        assertThat(Json.parse(Json.write(none)).get("settings").isEmpty()).isTrue();
        assertThat(Json.MAPPER.readValue(Json.write(none), Definition.class).settings())
                .isEqualTo(WorkflowSettings.NONE);
        assertThat(Json.MAPPER.readValue(Json.write(timed), Definition.class)).isEqualTo(timed);
    }

    @Test
    void anExponentialPolicyIsStoredAsBeforeBackoffKindsExisted() {
        TaskDef task = new TaskDef("a", "Echo", Json.object(), RetryPolicy.DEFAULT, null, "/tasks/0", null);
        Definition definition = new Definition(List.of(), List.of(task), List.of(), WorkflowSettings.NONE);

        String json = Json.write(definition);

        assertThat(Json.parse(json).at("/tasks/0/retry").propertyNames()).containsExactlyInAnyOrder("maxAttempts",
                "initialDelay", "multiplier", "maxDelay");
        assertThat(Json.MAPPER.readValue(json, Definition.class)).isEqualTo(definition);
    }

    @Test
    void aLinearPolicySurvivesTheStoredJson() {
        TaskDef task = new TaskDef("a", "Echo", Json.object(), RetryPolicy.linear(4, Duration.ofSeconds(2),
                RetryPolicy.MAX_DELAY), Duration.ofMillis(1500), "/tasks/0", null);
        Definition definition = new Definition(List.of(), List.of(task), List.of(), WorkflowSettings.NONE);

        Definition read = Json.MAPPER.readValue(Json.write(definition), Definition.class);

        assertThat(read).isEqualTo(definition);
        assertThat(read.tasks().getFirst().retry().backoff()).isEqualTo(RetryPolicy.Backoff.LINEAR);
    }

    @Test
    void aDefinitionStoredWithoutTheFieldReadsAsClosed() {
        String stored = """
                {"inputs": [], "tasks": [], "outputs": [],
                 "settings": {"retry": {"maxAttempts": 1, "initialDelay": 1.0, "multiplier": 2.0, "maxDelay": 60.0},
                              "taskTimeout": 30.0}}""";

        Definition read = Json.MAPPER.readValue(stored, Definition.class);

        assertThat(read.openInputs()).isFalse();
        assertThat(read.settings().retry().maxAttempts()).isEqualTo(1);
        assertThat(read.settings().retry().backoff()).isEqualTo(RetryPolicy.Backoff.EXPONENTIAL);
        assertThat(read.settings().taskTimeout()).isEqualTo(Duration.ofSeconds(30));
    }
}
