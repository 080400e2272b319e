package io.dataflow.engine.tasks;

import static io.dataflow.engine.tasks.TaskRuns.failure;
import static io.dataflow.engine.tasks.TaskRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.spi.TaskFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class JsonTransformTests {

    private final JsonTransform type = new JsonTransform();

    private static ObjectNode transform(String data, String expression) {
        ObjectNode input = Json.object().put("expression", expression);
        input.set("data", Json.parse(data));
        return input;
    }

    @Test
    void reshapesData() throws Exception {
        ObjectNode input = transform("{\"items\": [{\"sku\": \"a\", \"price\": 2.5, \"qty\": 4}, {\"sku\": \"b\", \"price\": 10, \"qty\": 1}]}",
                "{ \"skus\": items.sku, \"total\": $sum(items.(price * qty)) }");
        assertThat(run(type, input)).isEqualTo(Json.parse("{\"result\": {\"skus\": [\"a\", \"b\"], \"total\": 20}}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2, 3]          | $count($)       | 3",
        "\"hello\"          | $uppercase($)   | \"HELLO\"",
        "{\"a\": null}      | a               | null",
        "{\"a\": 1}         | nothing.here    | null",
        "{\"a\": [1, 2]}    | a[$ > 1]        | 2",
    })
    void resultMayBeAnyJsonValue(String data, String expression, String result) throws Exception {
        assertThat(run(type, transform(data, expression)).get("result")).isEqualTo(Json.parse(result));
    }

    @Test
    void invalidExpressionFailsForGoodWithPosition() {
        TaskFailure failure = failure(type, transform("{}", "items[price > ]"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("input 'expression' is not valid JSONata: ")
                .hasMessageContaining("at position");
    }

    @Test
    void endlessLoopIsStoppedAtTheTimeout() {
        ObjectNode input = transform("{}", "($f := function($x){ $f($x) }; $f(1))").put("timeout_ms", 100);
        TaskFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> failure(type, input));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessage("input 'expression' ran longer than 100 ms and was stopped");
    }

    @Test
    void deepRecursionIsStopped() {
        ObjectNode input = transform("{}", "($f := function($x){ 1 + $f($x) }; $f(1))");
        TaskFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> failure(type, input));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("input 'expression' nested deeper than 200 levels");
    }

    @Test
    void evaluationErrorFailsForGood() {
        TaskFailure failure = failure(type, transform("{\"a\": \"x\"}", "a + 1"));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageStartingWith("input 'expression' failed: ");
    }

    @Test
    void functionResultFailsForGood() {
        assertThat(failure(type, transform("{}", "function($x){ $x }")))
                .hasMessageStartingWith("input 'expression' failed: the result is a function");
    }

    @Test
    void emptyExpressionFails() {
        assertThat(failure(type, transform("{}", "  "))).hasMessage("input 'expression' must not be empty");
    }

    @Test
    void missingDataFails() {
        assertThat(failure(type, Json.object().put("expression", "$"))).hasMessage("input 'data' is required");
    }

    @Test
    void nonPositiveTimeoutFails() {
        assertThat(failure(type, transform("{}", "$").put("timeout_ms", 0)))
                .hasMessage("input 'timeout_ms' must be at least 1, got 0");
    }

    @Test
    void isPure() {
        assertThat(type.pure()).isTrue();
    }
}
