package io.dataflow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A definition as the store writes it with {@link Json#MAPPER} and reads it back. */
class DefinitionJsonTests {

    private static final InputDecl URL = new InputDecl("url", PortType.TEXT, null, true, null, "/inputs/0");

    @Test
    void openInputsSurviveTheStoredJson() {
        Definition open = new Definition(List.of(URL), List.of(), List.of(), WorkflowSettings.DEFAULT, true);

        Definition read = Json.MAPPER.readValue(Json.write(open), Definition.class);

        assertThat(read.openInputs()).isTrue();
        assertThat(read).isEqualTo(open);
    }

    @Test
    void aClosedDefinitionIsStoredAsBeforeOpenInputsExisted() {
        Definition closed = new Definition(List.of(URL), List.of(), List.of(), WorkflowSettings.DEFAULT);

        String json = Json.write(closed);

        // Unchanged text keeps the content hashes of stored versions, so saving one unchanged makes no new version.
        assertThat(Json.parse(json).has("openInputs")).isFalse();
        assertThat(Json.MAPPER.readValue(json, Definition.class)).isEqualTo(closed);
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
    }
}
