package io.dataflow.server.api.dataflow;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.store.EventOutbox;
import io.dataflow.server.webhook.WebhookPayloadRenderer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook bodies for executions started through {@code /workflows} (seeds 000 and 001), in that API's words:
 * <pre>{@code
 * {"type": "execution.status_changed" | "task.status_changed", "timestamp": "...",
 *  "data": {"execution_id", "workflow_execution_id", "workflow_id", "workflow_version",
 *           execution events: "status", "outputs", "error"
 *           task events:      "task": {"task_id", "name", "type", "status", "attempt", "input", "output", "error"}}}
 * }</pre>
 * Both seeds' names for the execution id are present, as in the API's responses.
 */
@Component
class DataflowWebhookPayloads implements WebhookPayloadRenderer {

    @Override
    public String triggerSource() {
        return ExecutionsController.TRIGGER_SOURCE;
    }

    @Override
    public JsonNode render(JsonNode payload) {
        String type = payload.path("type").asString();
        JsonNode execution = payload.path("execution");
        ObjectNode body = Json.object();
        body.put("type", type);
        body.set("timestamp", payload.get("occurred_at"));
        ObjectNode data = body.putObject("data");
        data.set("execution_id", execution.get("id"));
        data.set("workflow_execution_id", execution.get("id"));
        data.set("workflow_id", execution.get("workflow_id"));
        data.set("workflow_version", execution.get("workflow_version"));
        if (EventOutbox.TASK_EVENT.equals(type)) {
            JsonNode task = payload.path("task");
            ObjectNode view = data.putObject("task");
            view.set("task_id", task.get("id"));
            view.set("name", task.get("name"));
            view.set("type", task.get("type"));
            view.put("status", StatusWords.of(TaskStatus.valueOf(task.path("status").asString())));
            view.set("attempt", task.get("attempt"));
            view.set("input", task.get("input"));
            view.set("output", task.get("output"));
            view.set("error", task.get("error"));
        } else {
            data.put("status", StatusWords.of(ExecutionStatus.valueOf(execution.path("status").asString())));
            data.set("outputs", execution.get("outputs"));
            data.set("error", execution.get("error"));
        }
        return body;
    }
}
