package io.dataflow.server.api.dataflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.TaskAttempt;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.store.EarlierRun;
import io.dataflow.engine.store.EventStore;
import io.dataflow.engine.store.ExecutionStore;
import io.dataflow.engine.store.StoredExecution;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Response bodies of the {@code /workflows} execution endpoints. Where seeds 000 and 001 name a field differently
 * ({@code execution_id} and {@code workflow_execution_id}), both are present with the same value.
 */
final class ExecutionViews {

    private ExecutionViews() {
    }

    /** The answer to starting an execution. */
    @Schema(name = "ExecutionStarted", description = "execution_id and workflow_execution_id are the same id (the "
            + "names of seeds 000 and 001)")
    record Started(String execution_id, String workflow_execution_id, String workflow_id, int workflow_version,
            String status) {
        static Started of(Execution e) {
            return new Started(e.id(), e.id(), e.workflowId(), e.workflowVersion(), StatusWords.of(e.status()));
        }
    }

    /** One execution in a list. */
    @Schema(name = "ExecutionSummary")
    record Summary(String execution_id, String workflow_execution_id, String workflow_id, int workflow_version,
            String status, Instant created_at, Instant started_at, Instant completed_at) {
        static Summary of(Execution e) {
            return new Summary(e.id(), e.id(), e.workflowId(), e.workflowVersion(), StatusWords.of(e.status()),
                    e.createdAt(), e.startedAt(), e.completedAt());
        }
    }

    /** A run of an execution before it was restarted. */
    @Schema(name = "EarlierRun", description = "status is the execution's status when it was restarted")
    record Run(int run, String status, JsonNode outputs, JsonNode error, Instant started_at, Instant completed_at,
            Instant restarted_at, List<Task> tasks, List<Event> events) {
        static Run of(EarlierRun r) {
            return new Run(r.run(), StatusWords.of(r.status()), r.outputs(), r.error(), r.startedAt(), r.completedAt(),
                    r.restartedAt(), r.tasks().stream().map(Task::of).toList(),
                    r.events().stream().map(Event::of).toList());
        }
    }

    /** A page of an execution's earlier runs, newest first. */
    @Schema(name = "EarlierRunListing")
    record RunListing(List<Run> runs,
            @Schema(description = "Pass as cursor to get the next page; null on the last page") String next_cursor) {
    }

    /** A page of executions. */
    @Schema(name = "ExecutionListing")
    record Listing(List<Summary> executions,
            @Schema(description = "Pass as cursor to get the next page; null on the last page") String next_cursor) {
    }

    /**
     * An execution with its tasks. Written from a {@link StoredExecution}, its tasks are read while they are written,
     * a few at a time, and its JSON values are written as stored, unparsed: showing an execution never builds the
     * whole answer in memory (an execution may hold many tasks of up to 1 MiB of output each).
     */
    @Schema(name = "Execution", description = "status is PENDING, RUNNING, WAITING, PAUSING, PAUSED, COMPLETED, "
            + "FAILED or TERMINATED; error is {message, task} when it failed. run counts its runs (one more per "
            + "restart; GET .../runs shows the earlier ones); rerun_of names the execution it reruns from a step, and "
            + "reruns the executions that rerun it (the 100 newest)")
    record Detail(String execution_id, String workflow_execution_id, String workflow_id, int workflow_version,
            String status, JsonNode inputs, JsonNode outputs, JsonNode error, Instant created_at, Instant started_at,
            Instant completed_at, int run, String rerun_of, List<String> reruns,
            @Schema(implementation = Task[].class) Iterable<Task> tasks) {

        /** The execution, its tasks read as they are written. */
        static Detail of(StoredExecution stored, List<String> reruns) {
            Iterable<TaskRun> runs = stored.tasks();
            return of(stored.execution(), reruns, () -> new Iterator<>() {
                private final Iterator<TaskRun> each = runs.iterator();

                @Override
                public boolean hasNext() {
                    return each.hasNext();
                }

                @Override
                public Task next() {
                    return Task.of(each.next());
                }
            });
        }

        /** The execution with its tasks read whole. */
        static Detail of(ExecutionStore.ExecutionDetail detail, List<String> reruns) {
            return of(detail.execution(), reruns, detail.tasks().stream().map(Task::of).toList());
        }

        private static Detail of(Execution e, List<String> reruns, Iterable<Task> tasks) {
            return new Detail(e.id(), e.id(), e.workflowId(), e.workflowVersion(), StatusWords.of(e.status()),
                    e.inputs(), e.outputs(), e.error(), e.createdAt(), e.startedAt(), e.completedAt(), e.run(),
                    e.rerunOf(), reruns, tasks);
        }
    }

    /**
     * A task of an execution. {@code attempts} counts the attempts started; {@code attempt_history} lists the
     * finished ones (a LOST attempt is one whose worker stopped).
     */
    @Schema(name = "ExecutionTask", description = "status is PENDING, RUNNING, WAITING, COMPLETED, FAILED, SKIPPED or "
            + "CANCELLED")
    record Task(String task_id, String name, String type, String status, JsonNode input, JsonNode output,
            JsonNode error, int attempts, List<Attempt> attempt_history, Instant created_at, Instant started_at,
            Instant completed_at) {
        static Task of(TaskRun t) {
            return new Task(t.id(), t.name(), t.type(), StatusWords.of(t.status()), t.input(), t.output(), t.error(),
                    t.attempt(), t.attempts().stream().map(Attempt::of).toList(), t.createdAt(), t.startedAt(),
                    t.completedAt());
        }
    }

    /** An event sent to an execution; {@code taken_by} is the task run that took it, null while none did. */
    @Schema(name = "ExecutionEvent")
    record Event(String event_id, String type, JsonNode payload, Instant received_at, String taken_by,
            Instant taken_at) {
        static Event of(EventStore.Event e) {
            return new Event(e.id(), e.type(), e.payload(), e.receivedAt(), e.takenBy(), e.takenAt());
        }
    }

    /** A page of an execution's events, oldest first. */
    record EventListing(List<Event> events, String next_cursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TaskAttempt", description = "status is COMPLETED, FAILED or LOST (its worker stopped)")
    record Attempt(int attempt, String status, String error, Instant started_at, Instant finished_at) {
        static Attempt of(TaskAttempt a) {
            return new Attempt(a.attempt(), a.status().name(), a.error(), a.startedAt(), a.finishedAt());
        }
    }
}
