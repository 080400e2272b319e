package io.dataflow.server.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.store.StoredExecution;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/** Seed 002's execution objects, made from the engine's model: camelCase, nodes keyed by the graph's node ids. */
final class ExecutionViews {

    private ExecutionViews() {
    }

    /**
     * An execution with its nodes. Its node runs are read while they are written, a few at a time, and its JSON
     * values are written as stored, unparsed (as {@code /workflows} does): showing an execution never holds all of
     * its nodes' outputs in memory.
     */
    @Schema(name = "V1Execution", description = "status is queued, running, waiting, pausing, paused, completed, "
            + "failed or terminated. triggerInputs are the trigger node's outputs (the execution's inputs); output "
            + "holds the whole output of each last node, by node id; error is {message, task} (task: the node id) "
            + "when it failed. nodes holds each task node of the graph by its id; rerunOf names the execution it "
            + "reruns from a node, else null")
    record View(String id, String workflowId, int workflowVersion, String status, JsonNode triggerInputs,
            JsonNode output, JsonNode error, Instant createdAt, Instant startedAt, Instant finishedAt, String rerunOf,
            @Schema(type = "object", types = "object", additionalPropertiesSchema = NodeRun.class,
                    description = "Each task node by its id, in the graph's order") NodeRuns nodes) {

        static View of(StoredExecution stored) {
            Execution e = stored.execution();
            return new View(e.id(), e.workflowId(), e.workflowVersion(), ExecutionWords.of(e.status()), e.inputs(),
                    e.outputs(), e.error(), e.createdAt(), e.startedAt(), e.completedAt(), e.rerunOf(),
                    new NodeRuns(stored.tasks()));
        }
    }

    /**
     * An execution's own fields, those of {@link View} but its nodes, in the same order: what a live stream's
     * {@code change} event says of the execution ({@link StreamedState}).
     */
    record Fields(String id, String workflowId, int workflowVersion, String status, JsonNode triggerInputs,
            JsonNode output, JsonNode error, Instant createdAt, Instant startedAt, Instant finishedAt,
            String rerunOf) {

        static Fields of(Execution e) {
            return new Fields(e.id(), e.workflowId(), e.workflowVersion(), ExecutionWords.of(e.status()), e.inputs(),
                    e.outputs(), e.error(), e.createdAt(), e.startedAt(), e.completedAt(), e.rerunOf());
        }
    }

    /** The node runs of an execution, written as one JSON object keyed by node id as they are read. */
    @JsonSerialize(using = NodeRunsSerializer.class)
    record NodeRuns(Iterable<TaskRun> runs) {
    }

    /** Writes {@link NodeRuns} one member at a time. */
    static final class NodeRunsSerializer extends ValueSerializer<NodeRuns> {
        @Override
        public void serialize(NodeRuns value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeStartObject();
            for (TaskRun run : value.runs()) {
                gen.writeName(run.name());
                ctxt.writeValue(gen, NodeRun.of(run));
            }
            gen.writeEndObject();
        }
    }

    /**
     * One node of an execution: its task run. {@code attempts} counts the attempts started; {@code attemptHistory}
     * lists the finished ones.
     */
    @Schema(name = "V1NodeRun", description = "status is pending, running, waiting, completed, failed, skipped or "
            + "cancelled; input is what the node's config and connections resolved to when it last started")
    record NodeRun(String nodeId, String status, JsonNode input, JsonNode output, JsonNode error, int attempts,
            List<Attempt> attemptHistory, Instant startedAt, Instant finishedAt) {
        static NodeRun of(TaskRun t) {
            return new NodeRun(t.type(), ExecutionWords.of(t.status()), t.input(), t.output(), t.error(),
                    t.attempt(), t.attempts().stream().map(Attempt::of).toList(), t.startedAt(), t.completedAt());
        }
    }

    /** A finished attempt of a node. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "V1NodeAttempt", description = "status is completed, failed or lost (its worker stopped)")
    record Attempt(int attempt, String status, String error, Instant startedAt, Instant finishedAt) {
        static Attempt of(TaskAttempt a) {
            return new Attempt(a.attempt(), a.status().name().toLowerCase(Locale.ROOT), a.error(),
                    a.startedAt(), a.finishedAt());
        }
    }

    /** One execution in a list, without its inputs, output, error and nodes. */
    @Schema(name = "V1ExecutionSummary")
    record Summary(String id, String workflowId, int workflowVersion, String status, Instant createdAt,
            Instant startedAt, Instant finishedAt, String rerunOf) {
        static Summary of(Execution e) {
            return new Summary(e.id(), e.workflowId(), e.workflowVersion(), ExecutionWords.of(e.status()),
                    e.createdAt(), e.startedAt(), e.completedAt(), e.rerunOf());
        }
    }

    /** A page of a workflow's executions, newest first; {@code count} is how many match, before paging. */
    @Schema(name = "V1ExecutionListing")
    record Listing(long count, int limit, int offset, List<Summary> executions) {
    }
}
