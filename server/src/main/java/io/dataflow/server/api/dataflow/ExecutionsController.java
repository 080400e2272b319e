package io.dataflow.server.api.dataflow;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.Engine;
import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.EventTypes;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.store.EarlierRun;
import io.dataflow.engine.store.EventStore;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.limits.OrganizationLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Executions of a workflow: seed 000's {@code POST /workflows/{id}/execute} and seed 001's
 * {@code POST /workflows/{id}/executions}, reading one or a page of them, cancelling one and deleting one.
 */
@RestController
@RequestMapping(path = "/workflows/{workflowId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Executions", description = "Start executions of a workflow, follow them, list them, cancel them and"
        + " delete them.")
class ExecutionsController {

    static final String TRIGGER_SOURCE = "api.dataflow";

    private final Engine engine;
    private final StartBody.Reader bodies;
    private final OrganizationLimits limits;

    ExecutionsController(Engine engine, OutboundGuard guard, OrganizationLimits limits) {
        this.engine = engine;
        this.bodies = new StartBody.Reader(guard);
        this.limits = limits;
    }

    /** The OpenAPI answers of both ways to start an execution. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "202", description = "Queued; Location names the execution", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ExecutionViews.Started.class),
            examples = @ExampleObject(value = OpenApiSchemas.STARTED)))
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_INPUTS)
    @ApiResponse(responseCode = "403", description = "A {{ secrets }} template of the workflow reads a credential "
            + "that this key may not read that way; nothing was started", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @ApiResponse(responseCode = "429", ref = DataflowOpenApi.OVER_LIMIT)
    @interface StartResponses {
    }

    /** Seed 000: {@code {"input": {...}, "webhook_url": "..."}}. */
    @Operation(operationId = "executeWorkflow", summary = "Start an execution (seed 000)", description = "Queues an "
            + "execution of the workflow's current version and answers at once. The body is optional; the inputs are "
            + "checked against the workflow's input_schema first.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = OpenApiSchemas.ExecuteRequest.class),
            examples = @ExampleObject(name = "seed 000", value = OpenApiSchemas.SEED_000_EXECUTE)))
    @StartResponses
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/execute", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ExecutionViews.Started> execute(@PathVariable String workflowId,
            HttpServletRequest request) {
        return start(workflowId, bodies.seed000(request), request);
    }

    /** Seed 001: {@code {"inputs": {...}, "monitoring": {"webhook": "..."}}}. */
    @Operation(operationId = "createExecution", summary = "Start an execution (seed 001)", description = "Queues an "
            + "execution of the workflow's current version and answers at once with the version it runs. The body is "
            + "optional; the inputs are checked against the workflow's input_schema first.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = OpenApiSchemas.ExecutionRequest.class),
            examples = @ExampleObject(name = "seed 001", value = OpenApiSchemas.SEED_001_EXECUTE)))
    @StartResponses
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ExecutionViews.Started> executions(@PathVariable String workflowId,
            HttpServletRequest request) {
        return start(workflowId, bodies.seed001(request), request);
    }

    @Operation(operationId = "listExecutions", summary = "List executions",
            description = "The workflow's executions, newest first.")
    @ApiResponse(responseCode = "200", description = "A page of executions")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping("/executions")
    ExecutionViews.Listing list(@PathVariable String workflowId,
            @Parameter(description = "Only executions with one of these statuses, comma-separated: "
                    + StatusWords.FILTER_WORDS + " (any case)", example = "RUNNING,PENDING")
            @RequestParam(required = false) String status,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                    defaultValue = "20")) @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        Page<Execution> page = engine.executions().list(organization, workflowId, statuses(status),
                Paging.cursor(cursor), Paging.limit(limit));
        return new ExecutionViews.Listing(page.items().stream().map(ExecutionViews.Summary::of).toList(),
                page.nextCursor());
    }

    /** The execution is written as its tasks are read, a few at a time ({@link ExecutionViews.Detail}). */
    @Operation(operationId = "getExecution", summary = "Get an execution",
            description = "Its status, inputs, outputs, error and every task with "
            + "its input, output, error and attempts.")
    @ApiResponse(responseCode = "200", description = "The execution")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping("/executions/{executionId}")
    ExecutionViews.Detail get(@PathVariable String workflowId, @PathVariable String executionId,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        return engine.executions().findStored(organization, workflowId, executionId)
                .map(stored -> ExecutionViews.Detail.of(stored, engine.executions().reruns(executionId, 100)))
                .orElseThrow(() -> DataflowApiException.notFound("execution " + executionId));
    }

    @Operation(operationId = "pauseExecution", summary = "Pause an execution",
            description = "Running tasks finish and their results are kept; nothing new starts; waiting tasks keep "
            + "their deadlines. The execution is PAUSING until its running tasks finish, then PAUSED. Allowed while "
            + "it is PENDING, RUNNING or WAITING.")
    @ApiResponse(responseCode = "200", description = "Pausing or paused; the execution as it is now")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.NOT_ALLOWED)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping("/executions/{executionId}/pause")
    ExecutionViews.Detail pause(@PathVariable String workflowId, @PathVariable String executionId,
            HttpServletRequest request) {
        return act(workflowId, executionId, ExecutionAction.PAUSE, request);
    }

    @Operation(operationId = "resumeExecution", summary = "Resume a paused execution",
            description = "Goes on where it stopped: held tasks start, and a sleep or wait that came due while it was "
            + "paused completes now. Allowed while it is PAUSING or PAUSED.")
    @ApiResponse(responseCode = "200", description = "Resumed; the execution as it is now")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.NOT_ALLOWED)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping("/executions/{executionId}/resume")
    ExecutionViews.Detail resume(@PathVariable String workflowId, @PathVariable String executionId,
            HttpServletRequest request) {
        return act(workflowId, executionId, ExecutionAction.RESUME, request);
    }

    @Operation(operationId = "terminateExecution", summary = "Terminate an execution",
            description = "Stops an unfinished execution: running attempts are told to stop (their late results are "
            + "dropped), its unfinished tasks are CANCELLED and it is TERMINATED. POST .../cancel does the same.")
    @ApiResponse(responseCode = "200", description = "Terminated; the execution as it is now")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.NOT_ALLOWED)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping({"/executions/{executionId}/terminate", "/executions/{executionId}/cancel"})
    ExecutionViews.Detail terminate(@PathVariable String workflowId, @PathVariable String executionId,
            HttpServletRequest request) {
        return act(workflowId, executionId, ExecutionAction.TERMINATE, request);
    }

    @Operation(operationId = "restartExecution", summary = "Restart an execution from scratch",
            description = "Runs the execution again from the start: same id, workflow version and inputs. Its task "
            + "runs, attempts and events are cleared (running attempts are told to stop) and it is PENDING again as "
            + "its next run; the earlier run stays readable under GET .../runs. Allowed in any status, but not for a "
            + "version with no task (400 at #/tasks): it would never end.")
    @ApiResponse(responseCode = "200", description = "Restarted; the execution as it is now")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping("/executions/{executionId}/restart")
    ExecutionViews.Detail restart(@PathVariable String workflowId, @PathVariable String executionId,
            HttpServletRequest request) {
        return act(workflowId, executionId, ExecutionAction.RESTART, request);
    }

    @Operation(operationId = "rerunExecution", summary = "Rerun a finished execution from a step",
            description = "Starts a new execution of the same workflow version (even when it is no longer the current "
            + "one) that reuses the runs of every task that does not depend on from_task and completed (they do not "
            + "run again) and runs from_task and everything downstream of it, with the original's inputs or new "
            + "ones. task_inputs gives from_task new values for its inputs by port name (templates allowed), each "
            + "replacing what the task had there; the other ports keep theirs. The new execution then runs the "
            + "version with that change, stored as its own snapshot (restarting or rerunning it runs it again), "
            + "checked like any workflow (400 at #/task_inputs/<port>). The new execution's rerun_of names the "
            + "original, whose reruns list it.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = {
                @ExampleObject(name = "newInputs",
                        value = "{\"from_task\": \"summarize\", \"inputs\": {\"text\": \"corrected\"}}"),
                @ExampleObject(name = "newTaskInputs", value = "{\"from_task\": \"match\", \"task_inputs\": "
                        + "{\"search\": \"B\", \"replacement\": \"{{ inputs.pattern }}\"}}")}))
    @ApiResponse(responseCode = "202", description = "The new execution, queued")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_INPUTS)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.UNFINISHED)
    @ApiResponse(responseCode = "429", ref = DataflowOpenApi.OVER_LIMIT)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions/{executionId}/rerun", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ExecutionViews.Started> rerun(@PathVariable String workflowId, @PathVariable String executionId,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        String organization = caller.organizationId();
        requireWorkflow(request, workflowId);
        RerunBody body = RerunBody.of(RequestBodies.parse(request, false));
        ExecutionService.Rerun rerun = limits.start(organization, 1, false, () -> engine.executions().rerun(
                organization, workflowId, executionId, new ExecutionService.RerunRequest(body.fromTask(),
                        body.inputs(), body.taskInputs(), caller.userId(), caller.asStarter())));
        return switch (rerun) {
            case ExecutionService.RerunOfNothing ignored -> throw DataflowApiException.notFound("execution "
                    + executionId);
            case ExecutionService.RerunOfUnfinished unfinished -> throw DataflowApiException.conflict("execution "
                    + executionId + " is " + StatusWords.of(unfinished.status()) + "; it can be rerun once it is "
                    + StatusWords.of(EnumSet.complementOf(EnumSet.copyOf(ExecutionStatus.UNFINISHED))));
            case ExecutionService.RerunFromUnknownStep unknown -> throw DataflowApiException.invalid(List.of(
                    new Problem("/from_task", "this workflow version has no task '" + body.fromTask() + "'; its tasks"
                            + " are " + RerunBody.names(unknown.steps()))));
            case ExecutionService.InvalidRerun invalid -> throw DataflowApiException.invalid(Stream.concat(
                    invalid.inputs().stream().map(p -> p.under(RerunBody.INPUTS)),
                    invalid.taskInputs().stream().map(p -> p.under(RerunBody.TASK_INPUTS))).toList());
            case ExecutionService.Rerunning started -> ResponseEntity.accepted()
                    .location(URI.create("/workflows/" + workflowId + "/executions/" + started.execution().id()))
                    .body(ExecutionViews.Started.of(started.execution()));
        };
    }

    /** Asks an action of an execution: its state after it, 404 when there is none, 409 when its status refuses. */
    private ExecutionViews.Detail act(String workflowId, String executionId, ExecutionAction action,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        return switch (engine.executions().act(organization, workflowId, executionId, action)) {
            case ActionResult.NoExecution ignored -> throw DataflowApiException.notFound("execution " + executionId);
            case ActionResult.NotAllowed refused -> throw DataflowApiException.conflict("execution " + executionId
                    + " is " + StatusWords.of(refused.current()) + "; " + refused.action().word()
                    + " is allowed only while it is " + StatusWords.of(refused.action().allowedFrom()));
            case ActionResult.Applied ignored -> get(workflowId, executionId, request);
        };
    }

    @Operation(operationId = "listEarlierRuns", summary = "List an execution's earlier runs",
            description = "What each run before a restart did, newest first: its status, outputs or error, times, "
            + "tasks with their attempts, and the events sent to it.")
    @ApiResponse(responseCode = "200", description = "A page of earlier runs")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping("/executions/{executionId}/runs")
    ExecutionViews.RunListing runs(@PathVariable String workflowId, @PathVariable String executionId,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                    defaultValue = "20")) @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        int size = Paging.limit(limit);
        List<EarlierRun> runs = engine.executions().earlierRuns(organization, workflowId, executionId,
                Paging.runCursor(cursor), size + 1)
                .orElseThrow(() -> DataflowApiException.notFound("execution " + executionId));
        List<EarlierRun> page = runs.subList(0, Math.min(size, runs.size()));
        return new ExecutionViews.RunListing(page.stream().map(ExecutionViews.Run::of).toList(),
                runs.size() > size ? String.valueOf(page.getLast().run()) : null);
    }

    /** Sends an event to an execution: 202 with the event as kept, 409 once the execution finished. */
    @Operation(operationId = "sendEvent", summary = "Send an event to an execution",
            description = "Keeps the JSON body (any JSON, or none) as an event of this type for the execution. The "
            + "oldest task waiting for this type (wait_for_event) takes it at once; when none waits, the first that "
            + "will takes it, first in first out per type. taken_by names the task run that took it.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = "{\"approved\": true}")))
    @ApiResponse(responseCode = "202", description = "Kept, and taken when a task waited for it")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.FINISHED)
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions/{executionId}/events/{type}", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ExecutionViews.Event> sendEvent(@PathVariable String workflowId, @PathVariable String executionId,
            @Parameter(description = "1 to 100 letters, digits, '-' and '_'") @PathVariable String type,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        EventTypes.problem(type).ifPresent(problem -> {
            throw DataflowApiException.badPathParameter("type", problem);
        });
        JsonNode payload = RequestBodies.parse(request, true);
        return ResponseEntity.accepted().body(EventSending.send(engine.executions(), organization, workflowId,
                executionId, type, payload));
    }

    @Operation(operationId = "listEvents", summary = "List an execution's events",
            description = "The events sent to the execution, oldest first, with the task run that took each.")
    @ApiResponse(responseCode = "200", description = "A page of events")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping("/executions/{executionId}/events")
    ExecutionViews.EventListing events(@PathVariable String workflowId, @PathVariable String executionId,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                    defaultValue = "20")) @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        Page<EventStore.Event> page = engine.executions().events(organization, workflowId, executionId,
                Paging.cursor(cursor), Paging.limit(limit))
                .orElseThrow(() -> DataflowApiException.notFound("execution " + executionId));
        return new ExecutionViews.EventListing(page.items().stream().map(ExecutionViews.Event::of).toList(),
                page.nextCursor());
    }

    /** Deletes a finished execution's data: 204, or 409 while it runs. */
    @Operation(operationId = "deleteExecution", summary = "Delete an execution",
            description = "Deletes a finished execution and everything it left behind: its tasks and their "
            + "attempts, its webhook events (including any not delivered yet) and the files its tasks produced. "
            + "Files uploaded through POST /files and given to it as inputs stay. An execution that has not finished "
            + "must be cancelled first.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.UNFINISHED)
    @RequiresScope(Scope.WRITE)
    @DeleteMapping("/executions/{executionId}")
    ResponseEntity<Void> delete(@PathVariable String workflowId, @PathVariable String executionId,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        return switch (engine.executions().delete(organization, workflowId, executionId)) {
            case DELETED -> ResponseEntity.noContent().build();
            case NOT_FOUND -> throw DataflowApiException.notFound("execution " + executionId);
            case NOT_FINISHED -> throw DataflowApiException.conflict("execution " + executionId
                    + " has not finished; terminate it first");
        };
    }

    private ResponseEntity<ExecutionViews.Started> start(String workflowId, StartBody body,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        String organization = caller.organizationId();
        if (!body.problems().isEmpty() || !caller.isAdmin()) {
            // An administrator reads every workflow of the organization, which starting checks anyway.
            requireWorkflow(request, workflowId);
        }
        if (!body.problems().isEmpty()) {
            // Report the inputs' problems too, without starting anything.
            List<Problem> problems = new ArrayList<>(body.problems());
            engine.executions().checkInputs(organization, workflowId, body.inputs())
                    .forEach(p -> problems.add(p.under(body.inputsPointer())));
            throw DataflowApiException.invalid(problems);
        }
        Execution execution;
        try {
            execution = limits.start(organization, 1, body.webhookUrl() != null, () -> engine.executions()
                    .start(organization, workflowId, new ExecutionService.StartRequest(body.inputs(),
                            body.webhookUrl(), TRIGGER_SOURCE, caller.asStarter()))
                    .orElseThrow(() -> DataflowApiException.notFound("workflow " + workflowId)));
        } catch (InvalidDefinitionException e) {
            throw DataflowApiException.invalid(e.problems().stream().map(p -> p.under(body.inputsPointer())).toList());
        }
        return ResponseEntity.accepted()
                .location(URI.create("/workflows/" + workflowId + "/executions/" + execution.id()))
                .body(ExecutionViews.Started.of(execution));
    }

    /** 404 unless the caller may read the workflow. */
    private void requireWorkflow(HttpServletRequest request, String workflowId) {
        if (!engine.workflows().readable(Caller.of(request).access(), workflowId)) {
            throw DataflowApiException.notFound("workflow " + workflowId);
        }
    }

    private static Set<ExecutionStatus> statuses(String filter) {
        Set<ExecutionStatus> statuses = EnumSet.noneOf(ExecutionStatus.class);
        if (filter == null || filter.isBlank()) {
            return statuses;
        }
        for (String word : filter.split(",")) {
            statuses.addAll(StatusWords.parseFilter(word).orElseThrow(() -> DataflowApiException.badParameter(
                    "status", "has unknown status '" + word.trim() + "'; use " + StatusWords.FILTER_WORDS)));
        }
        return statuses;
    }
}
