package io.dataflow.engine.store;

import io.dataflow.engine.decide.Decider;
import io.dataflow.engine.decide.Decision;
import io.dataflow.engine.decide.Happening;
import io.dataflow.engine.decide.PlanSource;
import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Page;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events sent to executions, and the waits that take them: each event goes to the oldest run of its execution that
 * waits for its type (the {@link Decider} decides which), or is kept until one parks to wait for it; a parking wait takes the oldest event of its type that
 * no other took. Both happen under the execution's row lock, so each event is taken once, first in first out per type.
 * A taken event is written into the waiting run as the output it completes with, due at once.
 */
public final class EventStore {

    private final Database database;
    private final EventOutbox outbox;
    private final Clock clock;
    private final ReadyWork ready;
    private final PlanSource plans;
    private final Decider decider = new Decider();

    /** @param plans the plans the decider decides by */
    public EventStore(Database database, EventOutbox outbox, Clock clock, ReadyWork ready, PlanSource plans) {
        this.database = database;
        this.outbox = outbox;
        this.clock = clock;
        this.ready = ready;
        this.plans = plans;
    }

    /**
     * An event as kept.
     *
     * @param takenBy the task run that took it, or null while none did
     */
    public record Event(String id, String type, JsonNode payload, Instant receivedAt, String takenBy, Instant takenAt) {
    }

    /** What sending an event did. */
    public sealed interface Sending {
    }

    /** There is no such execution in the organization's workflow. */
    public record NoExecution() implements Sending {
    }

    /** The execution finished; nothing was kept. */
    public record Finished(ExecutionStatus status) implements Sending {
    }

    /** The event was kept, and taken at once if a run waited for it. */
    public record Sent(Event event) implements Sending {
    }

    /**
     * Keeps an event for an execution of the organization's workflow; the {@link Decider} decides which run waiting for
     * it, if any, takes it (the oldest wait).
     */
    public Sending send(String organizationId, String workflowId, String executionId, String type, JsonNode payload) {
        Instant now = clock.instant();
        return database.transaction(sql -> {
            Optional<Target> target = sql.one("SELECT status, remaining_tasks, workflow_version FROM executions"
                    + " WHERE id = ? AND organization_id = ? AND workflow_id = ? FOR UPDATE", r -> new Target(
                            new Decisions.Locked(r.enumValue("status", ExecutionStatus.class),
                                    r.integer("remaining_tasks")), r.integer("workflow_version")),
                    executionId, organizationId, workflowId);
            if (target.isEmpty()) {
                return new NoExecution();
            }
            Decisions decisions = new Decisions(sql, outbox, now);
            Plan plan = plans.plan(workflowId, target.get().version());
            Happening happening = new Happening.EventArrived(type);
            Decision decision = decider.decide(plan, decisions.state(executionId, target.get().locked(),
                    decider.needs(plan, target.get().locked().status(), happening)), happening);
            if (decision.refused()) {
                return new Finished(target.get().locked().status());
            }
            String id = Ids.next("evt");
            sql.update("INSERT INTO execution_events (id, execution_id, type, payload, received_at)"
                    + " VALUES (?, ?, ?, ?, ?)", id, executionId, type, payload, now);
            Event event = new Event(id, type, payload, now, null, null);
            outbox.changed(sql, executionId);
            if (decision.runs().isEmpty()) {
                return new Sent(event);
            }
            Decision.Deliver deliver = (Decision.Deliver) decision.runs().getFirst();
            String runId = decisions.runId(executionId, deliver.step());
            take(sql, event, runId, now);
            if (deliver.held()) {
                // Its execution is paused: the wait completes when it resumes.
                sql.update("UPDATE task_runs SET wait_output = ?, held_until = ? WHERE id = ?", output(event), now,
                        runId);
            } else {
                sql.update("UPDATE task_runs SET wait_output = ?, ready_at = ? WHERE id = ?", output(event), now,
                        runId);
                sql.afterCommit(() -> ready.readyAt(now));
            }
            return new Sent(new Event(id, type, payload, now, runId, now));
        });
    }

    /** A locked execution and its workflow version. */
    private record Target(Decisions.Locked locked, int version) {
    }

    /**
     * For a run about to park waiting for {@code type}, inside the transaction that parks it under its execution's
     * lock: the oldest event of that type that no wait took, taken by the run, as the output it completes with.
     */
    static Optional<StoredJson> takeWaiting(Sql sql, String executionId, String runId, String type, Instant now)
            throws SQLException {
        Optional<Event> oldest = sql.one("SELECT id, type, payload, received_at, taken_by, taken_at"
                + " FROM execution_events WHERE execution_id = ? AND type = ? AND taken_by IS NULL ORDER BY id LIMIT 1",
                EventStore::event, executionId, type);
        if (oldest.isEmpty()) {
            return Optional.empty();
        }
        take(sql, oldest.get(), runId, now);
        return Optional.of(output(oldest.get()));
    }

    private static void take(Sql sql, Event event, String runId, Instant now) throws SQLException {
        sql.update("UPDATE execution_events SET taken_by = ?, taken_at = ? WHERE id = ?", runId, now, event.id());
    }

    /** What a wait completes with: {@code {type, payload, timestamp}}. */
    private static StoredJson output(Event event) {
        ObjectNode output = Json.object();
        output.put("type", event.type());
        output.set("payload", event.payload());
        output.put("timestamp", event.receivedAt().toString());
        return StoredJson.of(output);
    }

    /** The events sent to an execution of the organization's workflow, oldest first; empty when there is none. */
    public Optional<Page<Event>> list(String organizationId, String workflowId, String executionId, String cursor,
            int limit) {
        String after = cursor == null ? null : Ids.idInCursor(cursor);
        return database.read(sql -> {
            if (sql.one("SELECT id FROM executions WHERE id = ? AND organization_id = ? AND workflow_id = ?",
                    r -> r.string("id"), executionId, organizationId, workflowId).isEmpty()) {
                return Optional.<Page<Event>>empty();
            }
            List<Object> params = new ArrayList<>(List.of(executionId));
            String from = "";
            if (after != null) {
                from = " AND id > ?";
                params.add(after);
            }
            params.add(limit + 1);
            List<Event> rows = sql.query("SELECT id, type, payload, received_at, taken_by, taken_at FROM execution_events"
                    + " WHERE execution_id = ?" + from + " ORDER BY id LIMIT ?", EventStore::event, params.toArray());
            return Optional.of(WorkflowStore.page(rows, limit, Event::id));
        });
    }

    /** Every event sent to an execution, oldest first, inside a transaction that holds its lock. */
    static List<Event> all(Sql sql, String executionId) throws SQLException {
        return sql.query("SELECT id, type, payload, received_at, taken_by, taken_at FROM execution_events"
                + " WHERE execution_id = ? ORDER BY id", EventStore::event, executionId);
    }

    private static Event event(Sql.Row r) throws SQLException {
        return new Event(r.string("id"), r.string("type"), r.json("payload"), r.instant("received_at"),
                r.string("taken_by"), r.instant("taken_at"));
    }
}
