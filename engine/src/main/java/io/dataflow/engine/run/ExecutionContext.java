package io.dataflow.engine.run;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.store.ExecutionRef;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The object templates are evaluated against: {@code inputs}, {@code tasks.<name>.outputs}, {@code workflow} and
 * {@code execution}.
 */
final class ExecutionContext {

    private ExecutionContext() {
    }

    static ObjectNode of(ExecutionRef execution, Instant createdAt, JsonNode inputs, Map<String, JsonNode> taskOutputs) {
        ObjectNode context = Json.object();
        context.set("inputs", inputs == null ? Json.object() : inputs);
        ObjectNode tasks = context.putObject("tasks");
        taskOutputs.forEach((name, output) -> tasks.putObject(name).set("outputs", output));
        ObjectNode workflow = context.putObject("workflow");
        workflow.put("id", execution.workflowId());
        workflow.put("version", execution.workflowVersion());
        ObjectNode exec = context.putObject("execution");
        exec.put("id", execution.id());
        exec.put("created_at", createdAt == null ? null : createdAt.toString());
        return context;
    }
}
