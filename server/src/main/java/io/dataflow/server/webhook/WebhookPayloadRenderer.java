package io.dataflow.server.webhook;

import tools.jackson.databind.JsonNode;

/**
 * Turns a stored webhook event, written by the engine in its own words, into the body a receiver gets, in the words
 * of the API dialect that started the execution. One implementation per dialect, as a Spring bean; events of a
 * trigger source no renderer claims are sent as stored.
 */
public interface WebhookPayloadRenderer {

    /** The trigger source of the executions whose events this renders, e.g. {@code api.dataflow}. */
    String triggerSource();

    /**
     * The receiver's body for one event.
     *
     * @param payload the engine's snapshot: {@code type}, {@code occurred_at}, {@code trigger_source},
     *     {@code execution {id, workflow_id, workflow_version, status, outputs, error}} and, for task events,
     *     {@code task {id, name, type, status, attempt, input, output, error}}
     */
    JsonNode render(JsonNode payload);
}
