package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.TaskRuns.failure;
import static io.dataflow.engine.tasks.TaskRuns.input;
import static io.dataflow.engine.tasks.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import org.junit.jupiter.api.Test;

class StaticTextInputTests {

    private final StaticTextInput type = new StaticTextInput();

    @Test
    void outputsItsText() throws Exception {
        assertThat(run(type, input("Hello, world!"))).isEqualTo(Json.parse("{\"text\":\"Hello, world!\"}"));
    }

    @Test
    void outputsEmptyText() throws Exception {
        assertThat(run(type, input("")).get("text").stringValue()).isEmpty();
    }

    @Test
    void failsWithoutText() {
        var failure = failure(type, Json.object());
        assertThat(failure).hasMessage("input 'text' is required");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void failsOnNonText() {
        var failure = failure(type, Json.object().put("text", 42));
        assertThat(failure).hasMessage("input 'text' must be text, got integer");
        assertThat(failure.retryable()).isFalse();
    }
}
