package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.expression.Reference.Kind;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.store.ExecutionRef;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The context templates read holds what the compiler lets them read: no more, or a template would read nothing. */
class ExecutionContextTests {

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void holdsTheRootsAndTheNamesUnderWorkflowAndExecutionThatTemplatesMayRead() {
        JsonNode context = ExecutionContext.withSecrets(ExecutionContext.of(
                new ExecutionRef("ex-1", "org-1", "wf-1", 3, null, null), Instant.EPOCH, Json.object(),
                Map.of("a", Json.object()), "https://flows.example.com/event-links/t"),
                Map.of("openai", Json.object()));

        assertThat(names(context)).containsExactlyElementsOf(Arrays.stream(Kind.values()).map(Kind::root).toList());
        assertThat(names(context.get(Kind.WORKFLOW.root()))).containsExactlyElementsOf(Kind.WORKFLOW.properties());
        assertThat(names(context.get(Kind.EXECUTION.root()))).containsExactlyElementsOf(Kind.EXECUTION.properties());
        assertThat(names(context.get(Kind.TASK.root()).get("a"))).containsExactly("outputs");
        assertThat(context.get(Kind.EXECUTION.root()).get("event_url").asString())
                .isEqualTo("https://flows.example.com/event-links/t");
    }
}
