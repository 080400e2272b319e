package io.dataflow.engine.store;

import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.TaskStatus;
import java.sql.SQLException;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a webhook outbox row for a status change, inside the transaction that makes the change, so an event
 * exists exactly when its change committed. Events of one execution are numbered in commit order: taking the
 * next number updates the execution row, which holds its lock until the transaction ends.
 *
 * <p>The payload is a snapshot in the engine's own words; the API dialect that started the execution renders it
 * for the receiver when it is delivered.
 *
 * <p>Every change it is told of, webhook or not, is also passed to {@link ExecutionChanges}, so that this node's live
 * views of the execution hear of it once it commits.
 */
public final class EventOutbox {

    public static final String EXECUTION_EVENT = "execution.status_changed";
    public static final String TASK_EVENT = "task.status_changed";

    private final Runnable onCommitted;
    private final ExecutionChanges changes;

    /**
     * @param onCommitted run after a transaction that wrote events commits (once per transaction): a latency hint
     *     for this node's webhook sender, which must still poll for events other nodes wrote
     * @param changes told of every change, webhook or not
     */
    public EventOutbox(Runnable onCommitted, ExecutionChanges changes) {
        this.onCommitted = onCommitted;
        this.changes = changes;
    }

    /** An outbox whose changes nobody watches. */
    public EventOutbox(Runnable onCommitted) {
        this(onCommitted, new ExecutionChanges());
    }

    /**
     * The execution changed in a way no event reports (a parked run woken or held, an event given to a waiting run,
     * a running task's input recorded): only its watchers are told.
     */
    void changed(Sql sql, String executionId) {
        changes.changed(sql, executionId);
    }

    /**
     * Records an execution status change for its watchers, and as an event when the execution has a webhook.
     *
     * @param outputs the outputs as stored, whose text the event embeds as it is (bounded by {@link OutputLimits})
     */
    public void execution(Sql sql, ExecutionRef execution, ExecutionStatus status, StoredJson outputs, JsonNode error,
            Instant at) throws SQLException {
        changes.changed(sql, execution.id());
        if (execution.webhookUrl() == null) {
            return;
        }
        ObjectNode payload = envelope(EXECUTION_EVENT, execution, status.name(), at);
        ObjectNode exec = (ObjectNode) payload.get("execution");
        exec.set("outputs", raw(outputs));
        exec.set("error", error);
        insert(sql, execution, EXECUTION_EVENT, payload, at);
    }

    /** Records a task status change for its execution's watchers, and as an event when it has a webhook. */
    public void task(Sql sql, ExecutionRef execution, TaskChange change, Instant at) throws SQLException {
        changes.changed(sql, execution.id());
        if (execution.webhookUrl() == null) {
            return;
        }
        ObjectNode payload = envelope(TASK_EVENT, execution, null, at);
        ObjectNode task = payload.putObject("task");
        task.put("id", change.taskRunId());
        task.put("name", change.name());
        task.put("type", change.type());
        task.put("status", change.status().name());
        task.put("attempt", change.attempt());
        task.set("input", raw(change.input()));
        task.set("output", raw(change.output()));
        task.set("error", change.error());
        insert(sql, execution, TASK_EVENT, payload, at);
    }

    /**
     * A task's status change as reported to webhooks. Its input and output are as stored, and the event embeds their
     * text as it is: serialised once, and bounded by {@link OutputLimits}.
     */
    public record TaskChange(String taskRunId, String name, String type, TaskStatus status, int attempt,
            StoredJson input, StoredJson output, JsonNode error) {
    }

    private static JsonNode raw(StoredJson value) {
        return value == null ? null : value.asRaw();
    }

    private static ObjectNode envelope(String type, ExecutionRef execution, String status, Instant at) {
        ObjectNode payload = Json.object();
        payload.put("type", type);
        payload.put("occurred_at", at.toString());
        payload.put("trigger_source", execution.triggerSource());
        ObjectNode exec = payload.putObject("execution");
        exec.put("id", execution.id());
        exec.put("workflow_id", execution.workflowId());
        exec.put("workflow_version", execution.workflowVersion());
        if (status != null) {
            exec.put("status", status);
        }
        return payload;
    }

    private void insert(Sql sql, ExecutionRef execution, String type, ObjectNode payload, Instant at)
            throws SQLException {
        int sequence = sql.updateReturning("UPDATE executions SET event_sequence = event_sequence + 1 WHERE id = ?",
                "event_sequence", r -> r.integer("event_sequence"), execution.id()).getFirst();
        // An event for a target the circuit breaker holds back is parked with the target's other events, so that
        // claims do not find it due and pass over it again and again.
        String target = WebhookTarget.of(execution.webhookUrl());
        sql.update("INSERT INTO webhook_deliveries (id, organization_id, execution_id, sequence, url, target,"
                + " event_type, payload, status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + StatusSql.of(DeliveryStatus.PENDING)
                + ", 0, CASE WHEN EXISTS (SELECT 1 FROM webhook_targets t"
                + " WHERE t.target = ? AND t.blocked_until IS NOT NULL) THEN ? ELSE ? END, ?)",
                Ids.next("whd"), execution.organizationId(), execution.id(), sequence, execution.webhookUrl(), target,
                type, payload, target, at.plus(TargetBreaker.PARKING), at, at);
        sql.afterCommit(onCommitted);
    }
}
