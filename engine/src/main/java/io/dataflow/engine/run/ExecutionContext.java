package io.dataflow.engine.run;

import io.dataflow.engine.model.Json;
import io.dataflow.engine.store.ExecutionRef;
import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The object templates are evaluated against: {@code inputs}, {@code tasks.<name>.outputs}, {@code workflow},
 * {@code execution} and, for a task that reads credentials, {@code secrets.<name>}.
 *
 * <p>These roots, and the names under {@code workflow} and {@code execution}, are the ones
 * {@link io.dataflow.engine.expression.Reference.Kind} lists: the definition compiler refuses a template that reads
 * any other, which would read nothing here.
 */
final class ExecutionContext {

    private ExecutionContext() {
    }

    /** @param eventUrl the execution's {@linkplain io.dataflow.engine.spi.EventLinks event link}, or null */
    static ObjectNode of(ExecutionRef execution, Instant createdAt, JsonNode inputs, Map<String, JsonNode> taskOutputs,
            String eventUrl) {
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
        exec.put("event_url", eventUrl);
        return context;
    }

    /** Adds {@code secrets.<name>} for each credential a task reads: only those, so no template sees others. */
    static ObjectNode withSecrets(ObjectNode context, Map<String, ObjectNode> secrets) {
        if (!secrets.isEmpty()) {
            ObjectNode values = context.putObject("secrets");
            secrets.forEach(values::set);
        }
        return context;
    }
}
