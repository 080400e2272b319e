package io.dataflow.server.api.dataflow;

import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.store.EventStore;
import tools.jackson.databind.JsonNode;

/**
 * Sends an event and turns what became of it into the API's answers, the same for both ways in: the API
 * ({@code POST .../events/{type}}) and an event link. The type must have been checked, and named in the caller's
 * own words (a path or a query parameter), before.
 */
final class EventSending {

    private EventSending() {
    }

    /**
     * The event as kept; a 413 for a payload over the limit, 404 for no such execution (or one of another
     * organization or workflow), 409 for a finished one.
     */
    static ExecutionViews.Event send(ExecutionService executions, String organizationId, String workflowId,
            String executionId, String type, JsonNode payload) {
        EventStore.Sending sending;
        try {
            sending = executions.sendEvent(organizationId, workflowId, executionId, type, payload);
        } catch (IllegalArgumentException e) {
            throw DataflowApiException.tooLarge(e.getMessage());
        }
        return switch (sending) {
            case EventStore.NoExecution ignored -> throw DataflowApiException.notFound("execution " + executionId);
            case EventStore.Finished finished -> throw DataflowApiException.conflict("execution " + executionId
                    + " has already finished (" + StatusWords.of(finished.status()) + "); it takes no more events");
            case EventStore.Sent sent -> ExecutionViews.Event.of(sent.event());
        };
    }
}
