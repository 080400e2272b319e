package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.definition.DefinitionCompiler;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.expression.TemplateResolver;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.spi.TaskTypeRegistry;
import io.dataflow.engine.store.ClaimedTask;
import io.dataflow.engine.store.ExecutionRef;
import io.dataflow.engine.store.TaskTransitions;
import io.dataflow.engine.testing.TestDefinition;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * A worker that holds what a workflow's outputs read computes them before handing its completion in, so the thread
 * that commits every worker's completions does not evaluate them.
 */
class WorkflowOutputsTests {

    private static final Plan PLAN = new DefinitionCompiler(TaskTypeRegistry.loadInstalled()).compile(
            new TestDefinition().task("a", "TextOperation.Uppercase", "{'text': 'x'}")
                    .output("picked", PortType.TEXT, "{{ tasks.a.outputs.text & $string($random()) }}").build());
    private static final ClaimedTask TASK = new ClaimedTask("task-1", "worker", new ExecutionRef("ex-1", "org-1",
            "wf-1", 1, null, "test"), "a", "TextOperation.Uppercase", 1, 1, Json.object(), Instant.now(),
            Instant.now());

    private static WorkflowOutputs outputs() {
        return new WorkflowOutputs(PLAN, TASK, new TemplateResolver(), null);
    }

    @Test
    void preparedOutputsAreUsedWhenTheStoreSettlesWithTheSameTaskOutputs() throws Exception {
        JsonNode a = Json.object().put("text", "X");
        WorkflowOutputs outputs = outputs();
        outputs.prepare(Map.of("a", a));

        JsonNode first = outputs.outputs(new HashMap<>(Map.of("a", a)));
        JsonNode second = outputs.outputs(new HashMap<>(Map.of("a", a)));

        // $random() differs at each evaluation: the same object twice means neither call evaluated anything.
        assertThat(second).isSameAs(first);
        assertThat(first.get("picked").asString()).startsWith("X");
    }

    @Test
    void otherTaskOutputsAreEvaluatedAgain() throws TaskTransitions.SettleException {
        WorkflowOutputs outputs = outputs();
        outputs.prepare(Map.of("a", Json.object().put("text", "X")));

        JsonNode settled = outputs.outputs(Map.of("a", Json.object().put("text", "Y")));

        assertThat(settled.get("picked").asString()).startsWith("Y");
    }

    @Test
    void nothingIsPreparedWithoutEveryOutputTheTemplatesRead() throws TaskTransitions.SettleException {
        WorkflowOutputs outputs = outputs();
        outputs.prepare(Map.of());

        JsonNode settled = outputs.outputs(Map.of("a", Json.object().set("text", StringNode.valueOf("Z"))));

        assertThat(settled.get("picked").asString()).startsWith("Z");
    }
}
