package io.dataflow.engine.store;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A task run leased to this node's worker for one attempt.
 *
 * @param worker the lease owner: this node's worker id, or a dead one's for a reclaimed lease
 * @param attempt the attempt this lease is for; completing it is fenced on this number
 * @param executionInputs the execution's validated inputs, for resolving templates
 */
public record ClaimedTask(String id, String worker, ExecutionRef execution, String name, String type, int attempt,
        int maxAttempts, JsonNode executionInputs, Instant executionCreatedAt, Instant attemptStartedAt) {
}
