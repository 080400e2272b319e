package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.store.ExecutionStore.ExecutionDetail;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A workflow with open inputs, started through the engine: undeclared inputs are taken and read by the templates,
 * an undeclared one that was not given reads nothing, and the declared ones are still checked.
 */
class OpenInputsTests {

    private static TestDatabase.Fresh database;
    private static EngineHarness engine;

    @BeforeAll
    static void start() {
        database = TestDatabase.H2.fresh();
        engine = EngineHarness.start(database.database());
    }

    @AfterAll
    static void stop() {
        engine.close();
        database.close();
    }

    private static String workflow() {
        return engine.createWorkflow(new TestDefinition().openInputs()
                .input("count", PortType.INTEGER)
                .task("echo", "Echo", "{'text': {'all': '{{ inputs }}', 'city': '{{ inputs.city }}'}}")
                .output("all", PortType.ANY, "{{ tasks.echo.outputs.text.all }}")
                .output("city", PortType.ANY, "{{ tasks.echo.outputs.text.city }}"));
    }

    @Test
    void undeclaredInputsReachTheTemplates() {
        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow(), "{'count': 2, 'city': 'Oslo'}"));

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.execution().outputs().get("city").asString()).isEqualTo("Oslo");
        assertThat(done.execution().outputs().get("all")).isEqualTo(Json.parse("{\"count\": 2, \"city\": \"Oslo\"}"));
    }

    @Test
    void anUndeclaredInputThatWasNotGivenReadsNothing() {
        ExecutionDetail done = engine.awaitTerminal(engine.start(workflow(), "{'count': 2}"));

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        JsonNode city = done.execution().outputs().path("city");
        assertThat(city.isNull() || city.isMissingNode()).as("city is %s", city).isTrue();
    }

    @Test
    void declaredInputsAreStillChecked() {
        String workflow = workflow();

        assertThatThrownBy(() -> engine.start(workflow, "{'count': 'two', 'city': 'Oslo'}"))
                .isInstanceOfSatisfying(InvalidDefinitionException.class, e -> assertThat(e.problems())
                        .extracting(Problem::pointer).containsExactly("/count"));
    }
}
