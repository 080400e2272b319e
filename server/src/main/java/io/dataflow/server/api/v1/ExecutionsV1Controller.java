package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionListing;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Problem;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.RequestBodies;
import io.dataflow.server.api.v1.WorkflowViews.ExecutionCreated;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.server.limits.OrganizationLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002's executions: one execution by its id with each node's run, followed live too ({@link ExecutionStreams}),
 * a workflow's executions, and the controls (pause, resume, terminate, restart, rerun from a node). The same engine
 * calls as {@code /workflows}' executions; an execution is found by its id alone, then shown only when the caller may
 * read its workflow.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Executions (v1)", description = "Seed 002: executions of graph workflows, each node's status, input, "
        + "output, error and attempts by node id, and the controls: pause, resume, terminate, restart, rerun.")
class ExecutionsV1Controller {

    /** How many node ids a problem lists before it stops. */
    private static final int NODES_SHOWN = 20;

    private final Engine engine;
    private final OrganizationLimits limits;
    private final ExecutionStreams streams;

    ExecutionsV1Controller(Engine engine, OrganizationLimits limits, ExecutionStreams streams) {
        this.engine = engine;
        this.limits = limits;
        this.streams = streams;
    }

    @Operation(operationId = "v1GetExecution", summary = "Get an execution",
            description = "Its status, trigger inputs, output, error and times, and each task node of the graph by "
            + "its id with its status, input, output, error and attempts. 404 for an execution of a workflow the "
            + "caller may not read. Scope: workflows:read.")
    @ApiResponse(responseCode = "200", description = "The execution")
    @ApiResponse(responseCode = "404", description = "No such execution the caller may read")
    @RequiresScope(Scope.READ)
    @GetMapping("/executions/{executionId}")
    ExecutionViews.View get(@PathVariable String executionId, HttpServletRequest request) {
        Execution found = readable(request, executionId);
        return view(Caller.of(request).organizationId(), found.workflowId(), executionId);
    }

    @Operation(operationId = "v1StreamExecution", summary = "Follow an execution live",
            description = "Server-sent events (text/event-stream): first `snapshot`, whose data is the execution "
            + "exactly as GET /api/v1/executions/{executionId} answers; then a `change` whenever something changed: "
            + "{\"execution\": <its fields but nodes>, \"nodes\": <only the nodes that differ from what this stream "
            + "sent>}; once the execution is completed, failed or terminated and its final state sent, `end` "
            + "({\"status\": ...}) and the stream closes. Each event's id is a fingerprint of the whole state it "
            + "brings the client to, not a counter: reconnecting with it as Last-Event-ID skips the snapshot when "
            + "nothing changed meanwhile. A comment every 15 s while idle; a stream lasts at most 30 minutes. At "
            + "most DATAFLOW_LIMIT_STREAMS open streams per organization on one server (429 beyond). 404 for an "
            + "execution of a workflow the caller may not read. Scope: workflows:read.")
    @ApiResponse(responseCode = "200", description = "The stream of events", content = @Content(
            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string", types = "string"),
            examples = @ExampleObject(value = "retry: 1000\n\nevent: snapshot\ndata: {\"id\": \"ex-...\", "
                    + "\"status\": \"running\", ..., \"nodes\": {...}}\nid: 9f2c...\n\nevent: change\ndata: "
                    + "{\"execution\": {\"id\": \"ex-...\", \"status\": \"running\", ...}, \"nodes\": "
                    + "{\"shout\": {...}}}\nid: 41aa...\n\n")))
    @ApiResponse(responseCode = "404", description = "No such execution the caller may read")
    @ApiResponse(responseCode = "429", description = "The organization holds as many open streams on this server as "
            + "DATAFLOW_LIMIT_STREAMS allows")
    @RequiresScope(Scope.READ)
    @GetMapping(path = "/executions/{executionId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@PathVariable String executionId,
            @Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID", description = "The id of the last event "
                    + "this client got, which a browser's EventSource sends when it reconnects")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Execution found = readable(request, executionId);
        streams.serve(Caller.of(request).organizationId(), found.workflowId(), executionId, lastEventId, request,
                response);
    }

    @Operation(operationId = "v1ListExecutions", summary = "List a workflow's executions",
            description = "Newest first, paged by limit and offset like the workflow listing; count is how many "
            + "match before paging. Scope: workflows:read.")
    @ApiResponse(responseCode = "200", description = "A page of executions")
    @ApiResponse(responseCode = "400", description = "A bad status, limit or offset, named in the problem")
    @ApiResponse(responseCode = "404", description = "No such workflow the caller may read")
    @RequiresScope(Scope.READ)
    @GetMapping("/workflows/{id}/executions")
    ExecutionViews.Listing list(@PathVariable String id,
            @Parameter(description = "Only executions in one of these statuses, comma-separated: "
                    + "queued, running, waiting, pausing, paused, completed, failed, terminated",
                    example = "running,waiting") @RequestParam(required = false) String status,
            @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "How many to skip, default 0") @RequestParam(required = false) String offset,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        ExecutionQuery query = ExecutionQuery.of(status, limit, offset);
        if (!engine.workflows().readable(caller.access(), id)) {
            throw DataflowApiException.notFound("workflow " + id);
        }
        ExecutionListing listing = engine.executions().list(caller.organizationId(), id, query.statuses(),
                query.offset(), query.limit());
        return new ExecutionViews.Listing(listing.total(), query.limit(), query.offset(),
                listing.items().stream().map(ExecutionViews.Summary::of).toList());
    }

    @Operation(operationId = "v1PauseExecution", summary = "Pause an execution",
            description = "Running nodes finish and their results are kept; nothing new starts; waiting nodes keep "
            + "their deadlines. The execution is pausing until its running nodes finish, then paused. Allowed while "
            + "it is queued, running or waiting, else 409. Scope: workflows:execute.")
    @ApiResponse(responseCode = "200", description = "Pausing or paused; the execution as it is now")
    @ApiResponse(responseCode = "404", description = "No such execution the caller may read")
    @ApiResponse(responseCode = "409", description = "Its status does not allow pausing")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions/{executionId}/pause", consumes = MediaType.ALL_VALUE)
    ExecutionViews.View pause(@PathVariable String executionId, HttpServletRequest request) {
        return act(request, executionId, ExecutionAction.PAUSE);
    }

    @Operation(operationId = "v1ResumeExecution", summary = "Resume a paused execution",
            description = "Goes on where it stopped: held nodes start, and a sleep or wait that came due while it "
            + "was paused completes now. Allowed while it is pausing or paused, else 409. Scope: workflows:execute.")
    @ApiResponse(responseCode = "200", description = "Resumed; the execution as it is now")
    @ApiResponse(responseCode = "404", description = "No such execution the caller may read")
    @ApiResponse(responseCode = "409", description = "Its status does not allow resuming")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions/{executionId}/resume", consumes = MediaType.ALL_VALUE)
    ExecutionViews.View resume(@PathVariable String executionId, HttpServletRequest request) {
        return act(request, executionId, ExecutionAction.RESUME);
    }

    @Operation(operationId = "v1TerminateExecution", summary = "Terminate an execution",
            description = "Stops an unfinished execution: running attempts are told to stop (their late results are "
            + "dropped), its unfinished nodes are cancelled and it is terminated. 409 once it finished. Scope: "
            + "workflows:execute.")
    @ApiResponse(responseCode = "200", description = "Terminated; the execution as it is now")
    @ApiResponse(responseCode = "404", description = "No such execution the caller may read")
    @ApiResponse(responseCode = "409", description = "It has finished")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions/{executionId}/terminate", consumes = MediaType.ALL_VALUE)
    ExecutionViews.View terminate(@PathVariable String executionId, HttpServletRequest request) {
        return act(request, executionId, ExecutionAction.TERMINATE);
    }

    @Operation(operationId = "v1RestartExecution", summary = "Restart an execution from scratch",
            description = "Runs the execution again from the start: same id, workflow version and trigger inputs. "
            + "Its node runs are cleared (running attempts are told to stop) and it is queued again. Allowed in any "
            + "status. Scope: workflows:execute.")
    @ApiResponse(responseCode = "200", description = "Restarted; the execution as it is now")
    @ApiResponse(responseCode = "400", description = "Its version has no task node, so it could never end (at "
            + "#/nodes)")
    @ApiResponse(responseCode = "404", description = "No such execution the caller may read")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions/{executionId}/restart", consumes = MediaType.ALL_VALUE)
    ExecutionViews.View restart(@PathVariable String executionId, HttpServletRequest request) {
        return act(request, executionId, ExecutionAction.RESTART);
    }

    @Operation(operationId = "v1RerunExecution", summary = "Rerun a finished execution from a node",
            description = "Starts a new execution of the same workflow version that reuses the runs of every node "
            + "that does not depend on fromNode and completed, and runs fromNode and everything downstream of it, "
            + "with the original's trigger inputs or new ones. config gives fromNode new input values by port name "
            + "(templates allowed), each replacing what that input had, from the node's config or from a "
            + "connection; the other ports keep theirs. The new execution then runs the version with that change, "
            + "stored as its own snapshot (restarting or rerunning it runs it again), checked like any graph (400 "
            + "at #/config/<port>). The new execution's rerunOf names the original. 409 while the original has not "
            + "finished. Scope: workflows:execute.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = {
                @ExampleObject(name = "newTriggerInputs",
                        value = "{\"fromNode\": \"shout\", \"triggerInputs\": {\"name\": \"grace\"}}"),
                @ExampleObject(name = "newNodeInputs",
                        value = "{\"fromNode\": \"shout\", \"config\": {\"text\": \"hey {{ inputs.name }}\"}}")}))
    @ApiResponse(responseCode = "201", description = "The new execution, queued; Location names it")
    @ApiResponse(responseCode = "400", description = "A bad body, trigger inputs or config, an unknown fromNode, "
            + "or a version with no task node (at #/nodes); nothing is started or stored")
    @ApiResponse(responseCode = "404", description = "No such execution the caller may read")
    @ApiResponse(responseCode = "409", description = "The execution has not finished, or its workflow is paused or "
            + "archived")
    @ApiResponse(responseCode = "429", description = "Over the organization's limit of executions")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/executions/{executionId}/rerun", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ExecutionCreated> rerun(@PathVariable String executionId, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        String organization = caller.organizationId();
        Execution found = readable(request, executionId);
        RerunBody body = RerunBody.read(RequestBodies.parse(request, false));
        ExecutionService.Rerun rerun = limits.start(organization, 1, false, () -> engine.executions().rerun(
                organization, found.workflowId(), executionId, new ExecutionService.RerunRequest(body.fromNode(),
                        body.triggerInputs(), body.config(), caller.userId(), caller.asStarter())));
        return switch (rerun) {
            case ExecutionService.RerunOfNothing ignored -> throw notFound(executionId);
            case ExecutionService.RerunOfUnfinished unfinished -> throw DataflowApiException.conflict("execution "
                    + executionId + " is " + ExecutionWords.of(unfinished.status()) + "; it can be rerun once it is "
                    + ExecutionWords.of(EnumSet.complementOf(EnumSet.copyOf(ExecutionStatus.UNFINISHED))));
            case ExecutionService.RerunFromUnknownStep unknown -> throw DataflowApiException.invalid(List.of(
                    new Problem(RerunBody.FROM_NODE, "this workflow version has no task node '" + body.fromNode()
                            + "'; its task nodes are " + names(unknown.steps()))));
            case ExecutionService.InvalidRerun invalid -> throw DataflowApiException.invalid(Stream.concat(
                    invalid.inputs().stream().map(p -> p.under(RerunBody.INPUTS)),
                    invalid.taskInputs().stream().map(p -> p.under(RerunBody.CONFIG))).toList());
            case ExecutionService.Rerunning started -> ResponseEntity
                    .created(URI.create("/api/v1/executions/" + started.execution().id()))
                    .body(new ExecutionCreated(started.execution().id()));
        };
    }

    /** Asks an action of an execution: its state after it, 404 when there is none, 409 when its status refuses. */
    private ExecutionViews.View act(HttpServletRequest request, String executionId, ExecutionAction action) {
        String organization = Caller.of(request).organizationId();
        Execution found = readable(request, executionId);
        return switch (engine.executions().act(organization, found.workflowId(), executionId, action)) {
            case ActionResult.NoExecution ignored -> throw notFound(executionId);
            case ActionResult.NotAllowed refused -> throw DataflowApiException.conflict("execution " + executionId
                    + " is " + ExecutionWords.of(refused.current()) + "; " + refused.action().word()
                    + " is allowed only while it is " + ExecutionWords.of(refused.action().allowedFrom()))
                    .with("executionStatus", ExecutionWords.of(refused.current()));
            case ActionResult.Applied ignored -> view(organization, found.workflowId(), executionId);
        };
    }

    /**
     * The execution of the caller's organization with this id, when the caller may read its workflow; else 404, the
     * same answer as for an id that does not exist.
     */
    private Execution readable(HttpServletRequest request, String executionId) {
        Caller caller = Caller.of(request);
        return engine.executions().find(caller.organizationId(), executionId)
                .filter(e -> engine.workflows().readable(caller.access(), e.workflowId()))
                .orElseThrow(() -> notFound(executionId));
    }

    private ExecutionViews.View view(String organization, String workflowId, String executionId) {
        return engine.executions().findStored(organization, workflowId, executionId).map(ExecutionViews.View::of)
                .orElseThrow(() -> notFound(executionId));
    }

    private static DataflowApiException notFound(String executionId) {
        return DataflowApiException.notFound("execution " + executionId);
    }

    /** Node ids for a message: the first few, quoted, and how many more. */
    private static String names(List<String> nodes) {
        String shown = nodes.stream().limit(NODES_SHOWN).map(name -> "'" + name + "'")
                .collect(Collectors.joining(", "));
        return nodes.size() > NODES_SHOWN ? shown + " and " + (nodes.size() - NODES_SHOWN) + " more" : shown;
    }
}
