package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.TaskRuns.failure;
import static io.dataflow.engine.tasks.TaskRuns.input;
import static io.dataflow.engine.tasks.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class EchoTests {

    private final Echo type = new Echo();

    @Test
    void passesTextOn() throws Exception {
        assertThat(run(type, input("!dlrow ,olleH"))).isEqualTo(input("!dlrow ,olleH"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "1.5", "true", "null", "[1,\"a\"]", "{\"a\":{\"b\":[]}}"})
    void passesAnyValueOn(String json) throws Exception {
        ObjectNode input = Json.object().set("text", Json.parse(json));
        assertThat(run(type, input)).isEqualTo(input);
    }

    @Test
    void outputSharesNothingWithInput() throws Exception {
        ObjectNode input = (ObjectNode) Json.parse("{\"text\":{\"a\":1}}");
        ObjectNode output = run(type, input);
        ((ObjectNode) input.get("text")).put("a", 2);
        assertThat(output.get("text").get("a").intValue()).isEqualTo(1);
    }

    @Test
    void failsWithoutInput() {
        var failure = failure(type, Json.object());
        assertThat(failure).hasMessage("input 'text' is required");
        assertThat(failure.retryable()).isFalse();
    }
}
