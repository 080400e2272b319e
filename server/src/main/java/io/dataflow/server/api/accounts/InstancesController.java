package io.dataflow.server.api.accounts;

import static io.dataflow.server.api.accounts.AccountsWorkflowsController.workflowNotFound;

import io.dataflow.engine.BindingService;
import io.dataflow.engine.Engine;
import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.model.ActionResult;
import io.dataflow.engine.model.BindingNames;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.CredentialRefusedException;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionAction;
import io.dataflow.engine.model.ExecutionNameTakenException;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.NamedExecution;
import io.dataflow.engine.model.NamedExecutionFilter;
import io.dataflow.engine.model.NothingToRunException;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.RepeatedExecutionNameException;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.UnknownStepException;
import io.dataflow.engine.model.UnknownWorkflowException;
import io.dataflow.engine.model.WorkflowNotExecutableException;
import io.dataflow.engine.store.EventStore;
import io.dataflow.engine.store.Ids;
import io.dataflow.engine.store.StoredExecution;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.server.limits.OrganizationLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003's instances: creating them one by one and in batches, listing and reading them, sending them events and
 * changing their status. An instance is an execution started through a binding ({@link BindingService}) under a
 * name, the instance id; every control of it goes through {@link ExecutionService} by its execution's id.
 */
@RestController
@RequestMapping(path = "/accounts/{account_id}/workflows/{workflow_name}/instances",
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Instances (accounts)", description = "Seed 003 (Cloudflare's Workflows API): create instances of a"
        + " workflow bound by name, one by one or in batches, list and read them with their steps, send them events,"
        + " and pause, resume, terminate or restart them.")
class InstancesController {

    /** The trigger source of executions started here (their webhooks, which none has, would be worded by it). */
    static final String TRIGGER_SOURCE = "api.accounts";

    private static final String ACCOUNT = "The account id: the id of the API key's organization";
    private static final String WORKFLOW = "The name the workflow is bound under";
    private static final String INSTANCE = "The instance id";
    /** A batch's problem pointer: the start's index, then where in its inputs. */
    private static final Pattern BATCH_POINTER = Pattern.compile("^/(\\d+)(.*)$");

    private final Engine engine;
    private final OrganizationLimits limits;
    private final Clock clock;

    InstancesController(Engine engine, OrganizationLimits limits, Clock clock) {
        this.engine = engine;
        this.limits = limits;
        this.clock = clock;
    }

    @Operation(operationId = "accountsCreateInstance", summary = "Create an instance",
            description = "Starts an instance of the workflow's current version, with the id given (letters, digits,"
            + " '-' and '_', at most 100, not starting with '-') or, when none is, a made-up one. params (a JSON"
            + " object, or a string holding one) are the execution's inputs; instance_retention ({success_retention,"
            + " error_retention}) how long it is kept once finished, at most the server's retention. Answers at once;"
            + " the instance is queued.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(
                    value = "{\"instance_id\": \"order-1234\", \"params\": {\"text\": \"hello\"}}")))
    @ApiResponse(responseCode = "200", description = "Created: {id, status, version_id, workflow_id} in the envelope")
    @ApiResponse(responseCode = "400", description = "A bad body, instance_id, params or instance_retention, or a"
            + " workflow version bound that has no step (code 10002 or 10004)")
    @ApiResponse(responseCode = "404", description = "No workflow of this name is bound (code 10501)")
    @ApiResponse(responseCode = "409", description = "An instance with this id exists (code 10504)")
    @ApiResponse(responseCode = "413", description = "The body is larger than 1 MiB (code 10005)")
    @ApiResponse(responseCode = "429", description = "An organization's limit is reached (code 10008)")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(consumes = MediaType.ALL_VALUE)
    Envelope<InstanceViews.Created> create(@Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        InstanceBodies.Create body = InstanceBodies.create(InstanceBodies.read(request, true),
                engine.executionRetention());
        NamedExecution started;
        try {
            started = limits.start(caller.organizationId(), 1, false, () -> engine.bindings().start(caller.access(),
                    workflow, new BindingService.NamedStart(body.instanceId(), startRequest(caller, body),
                            body.retention())).orElseThrow(() -> workflowNotFound(workflow)));
        } catch (ExecutionNameTakenException e) {
            throw AccountsApiException.conflict(AccountsErrorCode.INSTANCE_ID_TAKEN, "an instance with id '"
                    + e.name() + "' already exists in workflow '" + workflow + "'");
        } catch (RuntimeException e) {
            throw refusedStart(workflow, e, "params");
        }
        return Envelope.ok(InstanceViews.Created.of(started));
    }

    @Operation(operationId = "accountsCreateInstances", summary = "Create instances in a batch",
            description = "Starts 1 to 1000 instances, each as creating one does, all or nothing in one transaction."
            + " Ids that an instance of the workflow already has are skipped, as Cloudflare does: the answer lists"
            + " the instances created, in the order asked.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(
                    value = "[{\"instance_id\": \"a\", \"params\": {\"n\": 1}}, {\"params\": {\"n\": 2}}]")))
    @ApiResponse(responseCode = "200", description = "The instances created, each {id, status, version_id,"
            + " workflow_id}")
    @ApiResponse(responseCode = "400", description = "A bad body, instance_id or params, an id given twice, or a"
            + " workflow version bound that has no step (code 10002 or 10004); nothing was created")
    @ApiResponse(responseCode = "404", description = "No workflow of this name is bound (code 10501)")
    @ApiResponse(responseCode = "413", description = "The body is larger than 1 MiB (code 10005)")
    @ApiResponse(responseCode = "429", description = "An organization's limit is reached (code 10008)")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/batch", consumes = MediaType.ALL_VALUE)
    Envelope<List<InstanceViews.Created>> batch(
            @Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        List<InstanceBodies.Create> bodies = InstanceBodies.batch(InstanceBodies.read(request, false),
                engine.executionRetention());
        List<BindingService.NamedStart> starts = bodies.stream()
                .map(body -> new BindingService.NamedStart(body.instanceId(), startRequest(caller, body),
                        body.retention())).toList();
        BindingService.NamedStarts started;
        try {
            // Each instance of the batch is a start, against the rate and the unfinished executions alike.
            started = limits.start(caller.organizationId(), bodies.size(), false, () -> engine.bindings()
                    .startAll(caller.access(), workflow, starts).orElseThrow(() -> workflowNotFound(workflow)));
        } catch (RepeatedExecutionNameException e) {
            throw AccountsApiException.invalid(e.getMessage());
        } catch (RuntimeException e) {
            throw refusedStart(workflow, e, "");
        }
        List<InstanceViews.Created> created = started.started().stream().map(InstanceViews.Created::of).toList();
        return new Envelope<>(created, true, List.of(), List.of(), null);
    }

    @Operation(operationId = "accountsListInstances", summary = "List instances",
            description = "The workflow's instances, newest first (direction=asc for oldest first), by status and"
            + " creation time, a page at a time: by page and per_page, or from the cursor of result_info.cursor.")
    @ApiResponse(responseCode = "200", description = "A page of instances; result_info.cursor is where the next page"
            + " starts, absent on the last")
    @ApiResponse(responseCode = "400", description = "A bad query parameter (code 10003)")
    @ApiResponse(responseCode = "404", description = "No workflow of this name is bound (code 10501)")
    @RequiresScope(Scope.READ)
    @GetMapping
    Envelope<List<InstanceViews.Summary>> list(
            @Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            @Parameter(description = "Only instances in this status: queued, running, waiting, waitingForPause,"
                    + " paused, complete, errored or terminated") @RequestParam(required = false) String status,
            @Parameter(description = "Only instances created at or after this time (ISO 8601, UTC)")
            @RequestParam(name = "date_start", required = false) String dateStart,
            @Parameter(description = "Only instances created at or before this time (ISO 8601, UTC)")
            @RequestParam(name = "date_end", required = false) String dateEnd,
            @Parameter(description = "Page number, from 1") @RequestParam(required = false) String page,
            @Parameter(description = "Page size, 1 to 100 (20)") @RequestParam(name = "per_page", required = false)
            String perPage,
            @Parameter(description = "result_info.cursor of the page before; not with page")
            @RequestParam(required = false) String cursor,
            @Parameter(description = "desc (newest first, the default) or asc")
            @RequestParam(required = false) String direction,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        PageQuery query = PageQuery.of(page, perPage);
        NamedExecutionFilter filter = new NamedExecutionFilter(statuses(status), time("date_start", dateStart),
                time("date_end", dateEnd), ascending(direction));
        BindingService bindings = engine.bindings();
        if (cursor != null) {
            if (page != null) {
                throw AccountsApiException.badQueryParameter("cursor", "cannot be given with 'page'; page by one"
                        + " or the other");
            }
            Page<NamedExecution> found;
            try {
                found = bindings.listExecutions(caller.access(), workflow, filter, cursor, query.perPage())
                        .orElseThrow(() -> workflowNotFound(workflow));
            } catch (IllegalArgumentException e) {
                throw AccountsApiException.badQueryParameter("cursor", "is not valid; use the result_info.cursor of"
                        + " a previous page");
            }
            long total = bindings.listExecutions(caller.access(), workflow, filter, 0, 1)
                    .map(CountedPage::total).orElse(0L);
            List<InstanceViews.Summary> items = found.items().stream().map(InstanceViews.Summary::of).toList();
            return Envelope.page(items, new ResultInfo(1, query.perPage(), items.size(), total)
                    .withCursor(found.nextCursor()));
        }
        CountedPage<NamedExecution> found = bindings.listExecutions(caller.access(), workflow, filter,
                (int) Math.min(query.offset(), Integer.MAX_VALUE), query.perPage())
                .orElseThrow(() -> workflowNotFound(workflow));
        List<InstanceViews.Summary> items = found.items().stream().map(InstanceViews.Summary::of).toList();
        String next = !found.items().isEmpty() && query.offset() + items.size() < found.total()
                ? Ids.cursorAfter(found.items().getLast().execution().id()) : null;
        return Envelope.page(items, new ResultInfo(query.page(), query.perPage(), items.size(), found.total())
                .withCursor(next));
    }

    @Operation(operationId = "accountsGetInstance", summary = "Get an instance",
            description = "Its status, params, output, error, times and steps: each task that started, as a step"
            + " (with its attempts and configuration), a sleep or a waitForEvent, then a termination entry when it"
            + " was terminated.")
    @ApiResponse(responseCode = "200", description = "The instance")
    @ApiResponse(responseCode = "400", description = "A bad query parameter (code 10003)")
    @ApiResponse(responseCode = "404", description = "No such workflow (code 10501) or instance (code 10502)")
    @RequiresScope(Scope.READ)
    @GetMapping("/{instance_id}")
    Envelope<InstanceViews.Detail> get(@Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            @Parameter(description = INSTANCE) @PathVariable("instance_id") String instance,
            @Parameter(description = "Step order: asc (the default, oldest first) or desc")
            @RequestParam(required = false) String order,
            @Parameter(description = "true to leave the steps out (step_count still counts them)")
            @RequestParam(required = false) String simple,
            HttpServletRequest request) {
        boolean descending = choice("order", order, "asc", "desc");
        boolean summary = choice("simple", simple, "false", "true");
        Caller caller = Caller.of(request);
        NamedExecution named = instance(caller, workflow, instance);
        Execution e = named.execution();
        StoredExecution stored = engine.executions().findStored(caller.organizationId(), e.workflowId(), e.id())
                .orElseThrow(() -> unknownInstance(workflow, instance));
        return Envelope.ok(InstanceViews.Detail.of(named, stored.execution(), stored.tasks(),
                engine.executions().stepSettings(stored.execution()), descending, summary));
    }

    @Operation(operationId = "accountsGetInstanceStep", summary = "Get a step of an instance",
            description = "One step with its whole output: its status (queued, running, waiting, paused, complete,"
            + " errored or terminated), its error (null unless it errored, or is retrying after a failed attempt),"
            + " its output (null until it completed; a waitForEvent's is the payload it took) and, for a wait, the"
            + " event type. attempt picks one attempt of the step instead of the latest.")
    @ApiResponse(responseCode = "200", description = "The step")
    @ApiResponse(responseCode = "400", description = "A missing name, a bad type or attempt (code 10003)")
    @ApiResponse(responseCode = "404", description = "No such workflow (10501), instance (10502) or step (10507)")
    @RequiresScope(Scope.READ)
    @GetMapping("/{instance_id}/step")
    Envelope<InstanceStepView> step(@Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            @Parameter(description = INSTANCE) @PathVariable("instance_id") String instance,
            @Parameter(description = "The step's name, as the instance's steps show it")
            @RequestParam(required = false) String name,
            @Parameter(description = "step (a do step) or waitForEvent; left out, whichever has the name")
            @RequestParam(required = false) String type,
            @Parameter(description = "An attempt of the step, from 1; left out, the latest")
            @RequestParam(required = false) String attempt,
            HttpServletRequest request) {
        if (name == null || name.isEmpty()) {
            throw AccountsApiException.badQueryParameter("name", "is required: the name of one of the instance's"
                    + " steps");
        }
        if (type != null && !type.equals("step") && !type.equals("waitForEvent")) {
            throw AccountsApiException.badQueryParameter("type", "must be step or waitForEvent, not '" + type + "'");
        }
        Integer number = attempt == null ? null : attemptNumber(attempt);
        Caller caller = Caller.of(request);
        NamedExecution named = instance(caller, workflow, instance);
        Execution e = named.execution();
        StoredExecution stored = engine.executions().findStored(caller.organizationId(), e.workflowId(), e.id())
                .orElseThrow(() -> unknownInstance(workflow, instance));
        for (TaskRun run : stored.tasks()) {
            String kind = InstanceViews.Detail.kind(run.type());
            // As the instance's steps: only those that started.
            if (run.startedAt() != null && run.name().equals(name)
                    && (type == null || type.equals(kind.equals("do") ? "step" : kind))) {
                return Envelope.ok(number == null ? InstanceStepView.of(run) : InstanceStepView.of(run, number));
            }
        }
        throw AccountsApiException.notFound(AccountsErrorCode.STEP_NOT_FOUND, "instance '" + instance + "' has no "
                + (type == null ? "" : type + " ") + "step named '" + name + "'" + (e.status().isTerminal() ? ""
                : " yet"));
    }

    private static int attemptNumber(String attempt) {
        try {
            int number = Integer.parseInt(attempt);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw AccountsApiException.badQueryParameter("attempt", "must be a whole number from 1, not '" + attempt
                + "'");
    }

    @Operation(operationId = "accountsSendEvent", summary = "Send an event to an instance",
            description = "The body (any JSON, or none) is the event's payload. The oldest waitForEvent step waiting"
            + " for this type takes it; when none waits, the first that will. The type is 1 to 100 letters, digits,"
            + " '-' and '_', not starting with '-'.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = "{\"approved\": true}")))
    @ApiResponse(responseCode = "200", description = "Kept: {instanceId, timestamp}")
    @ApiResponse(responseCode = "400", description = "A bad event type (code 10506) or body (code 10002)")
    @ApiResponse(responseCode = "404", description = "No such workflow (code 10501) or instance (code 10502)")
    @ApiResponse(responseCode = "409", description = "The instance has finished (code 10009)")
    @ApiResponse(responseCode = "413", description = "The payload is too large (code 10005)")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/{instance_id}/events/{event_type}", consumes = MediaType.ALL_VALUE)
    Envelope<InstanceViews.EventSent> sendEvent(
            @Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            @Parameter(description = INSTANCE) @PathVariable("instance_id") String instance,
            @Parameter(description = "The event's type") @PathVariable("event_type") String type,
            HttpServletRequest request) {
        BindingNames.executionProblem(type).ifPresent(problem -> {
            throw new AccountsApiException(AccountsErrorCode.INVALID_EVENT_TYPE, "event type " + problem);
        });
        Caller caller = Caller.of(request);
        NamedExecution named = instance(caller, workflow, instance);
        JsonNode payload = InstanceBodies.read(request, true);
        EventStore.Sending sending;
        try {
            sending = engine.executions().sendEvent(caller.organizationId(), named.execution().workflowId(),
                    named.execution().id(), type, payload);
        } catch (IllegalArgumentException e) {
            throw new AccountsApiException(AccountsErrorCode.TOO_LARGE, e.getMessage());
        }
        return switch (sending) {
            case EventStore.NoExecution ignored -> throw unknownInstance(workflow, instance);
            case EventStore.Finished finished -> throw AccountsApiException.conflict(AccountsErrorCode.CONFLICT,
                    "instance '" + instance + "' is " + InstanceStatusWords.word(finished.status())
                    + "; it takes no more events");
            case EventStore.Sent sent -> Envelope.ok(new InstanceViews.EventSent(instance,
                    sent.event().receivedAt()));
        };
    }

    @Operation(operationId = "accountsChangeInstanceStatus", summary = "Pause, resume, terminate or restart an"
            + " instance",
            description = "pause (while queued, running or waiting: waitingForPause until its running steps finish,"
            + " then paused), resume (while waitingForPause or paused), terminate (while not finished), restart (in"
            + " any status: from the start, same id, version and params; with from {name, count?, type?}, from that"
            + " step, keeping the completed steps that do not depend on it). Terminating with rollback is not"
            + " supported (400).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = "{\"status\": \"pause\"}")))
    @ApiResponse(responseCode = "200", description = "Done: {status, timestamp}, the status it led to")
    @ApiResponse(responseCode = "400", description = "A bad body or status word, or a restart of an instance whose"
            + " version has no step (code 10004)")
    @ApiResponse(responseCode = "404", description = "No such workflow (code 10501) or instance (code 10502)")
    @ApiResponse(responseCode = "409", description = "The change makes no sense in the instance's status (code"
            + " 10505)")
    @RequiresScope(Scope.EXECUTE)
    @PatchMapping(path = "/{instance_id}/status", consumes = MediaType.ALL_VALUE)
    Envelope<InstanceViews.StatusChanged> changeStatus(
            @Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            @Parameter(description = INSTANCE) @PathVariable("instance_id") String instance,
            HttpServletRequest request) {
        InstanceBodies.StatusChange change = InstanceBodies.status(InstanceBodies.read(request, false));
        ExecutionAction action = ExecutionAction.of(change.status())
                .filter(a -> a.word().equals(change.status()))
                .orElseThrow(() -> AccountsApiException.invalid("status must be pause, resume, terminate or"
                        + " restart, not '" + change.status() + "'"));
        if (change.from() != null && action != ExecutionAction.RESTART) {
            throw AccountsApiException.invalid("from is for restart only");
        }
        Caller caller = Caller.of(request);
        NamedExecution named = instance(caller, workflow, instance);
        Execution execution = named.execution();
        ActionResult result = change.from() == null
                ? engine.executions().act(caller.organizationId(), execution.workflowId(), execution.id(), action)
                : restartFrom(caller, execution, change.from());
        return switch (result) {
            case ActionResult.NoExecution ignored -> throw unknownInstance(workflow, instance);
            case ActionResult.NotAllowed refused -> throw AccountsApiException.conflict(
                    AccountsErrorCode.INVALID_STATUS_CHANGE, "instance '" + instance + "' is "
                    + InstanceStatusWords.word(refused.current()) + ", not in a " + able(refused.action())
                    + " state: " + refused.action().word() + " is allowed only while it is "
                    + words(refused.action().allowedFrom()));
            case ActionResult.Applied applied -> Envelope.ok(new InstanceViews.StatusChanged(
                    InstanceStatusWords.word(applied.status()), clock.instant()));
        };
    }

    /**
     * Restarts the instance from the step {@code from} names: a step of its version, of the kind given (when given);
     * the workflow's steps have unique names, so its count is 1.
     */
    private ActionResult restartFrom(Caller caller, Execution execution, InstanceBodies.From from) {
        // A step the version does not have is the engine's to refuse (below); its kind is checked here.
        String type = engine.executions().stepTypes(execution).get(from.name());
        String kind = type == null ? null : InstanceViews.Detail.kind(type);
        if (kind != null && from.type() != null && !from.type().equals(kind)) {
            throw AccountsApiException.invalid("from.type: step '" + from.name() + "' is a " + kind + " step, not "
                    + from.type());
        }
        if (from.count() != null && from.count() != 1) {
            throw AccountsApiException.invalid("from.count: step names are unique in a workflow here, so step '"
                    + from.name() + "' runs once per run of the instance; count may only be 1");
        }
        try {
            return engine.executions().restartFrom(caller.organizationId(), execution.workflowId(), execution.id(),
                    from.name());
        } catch (UnknownStepException e) {
            throw AccountsApiException.invalid("from.name: " + e.getMessage());
        }
    }

    private static ExecutionService.StartRequest startRequest(Caller caller, InstanceBodies.Create body) {
        return new ExecutionService.StartRequest(body.inputs(), null, TRIGGER_SOURCE, caller.asStarter());
    }

    /** The named execution, or 404: 10501 when the workflow is not bound, 10502 when it has no such instance. */
    private NamedExecution instance(Caller caller, String workflow, String instance) {
        return engine.bindings().findExecution(caller.access(), workflow, instance).orElseThrow(() ->
                engine.bindings().find(caller.access(), workflow).isEmpty() ? workflowNotFound(workflow)
                        : unknownInstance(workflow, instance));
    }

    /** What a start the engine refused is in this dialect's words. */
    private static RuntimeException refusedStart(String workflow, RuntimeException e, String paramsAt) {
        return switch (e) {
            case InvalidDefinitionException invalid -> AccountsApiException.invalid("params do not fit the"
                    + " workflow's inputs: " + invalid.problems().stream()
                    .map(p -> pointer(paramsAt, p) + ": " + p.detail()).collect(Collectors.joining("; ")));
            case CredentialRefusedException refused -> new AccountsApiException(AccountsErrorCode.FORBIDDEN,
                    refused.getMessage());
            case UnknownWorkflowException unknown -> AccountsApiException.notFound(
                    AccountsErrorCode.WORKFLOW_NOT_FOUND, "the workflow bound as '" + workflow + "' was deleted;"
                    + " bind the name to a workflow again");
            case WorkflowNotExecutableException paused -> AccountsApiException.conflict(AccountsErrorCode.CONFLICT,
                    "the workflow bound as '" + workflow + "' takes no instances now: " + paused.getMessage());
            case NothingToRunException empty -> AccountsApiException.invalid("the workflow bound as '" + workflow
                    + "' has no steps to run (its version bound is of workflow " + empty.workflowId() + "): add a"
                    + " step to the workflow, then bind the name to it again");
            case IllegalArgumentException bad -> AccountsApiException.invalid(bad.getMessage());
            default -> e;
        };
    }

    /** Where a problem of the inputs is: {@code params/text}, or {@code [1].params/text} in a batch. */
    private static String pointer(String paramsAt, Problem problem) {
        String at = problem.pointer() == null ? "" : problem.pointer();
        if (!paramsAt.isEmpty()) {
            return paramsAt + at;
        }
        Matcher indexed = BATCH_POINTER.matcher(at);
        return indexed.matches() ? "[" + indexed.group(1) + "].params" + indexed.group(2) : "params" + at;
    }


    private static AccountsApiException unknownInstance(String workflow, String instance) {
        return AccountsApiException.notFound(AccountsErrorCode.INSTANCE_NOT_FOUND, "workflow '" + workflow
                + "' has no instance '" + instance + "'");
    }

    private static Set<ExecutionStatus> statuses(String word) {
        if (word == null) {
            return Set.of();
        }
        return Set.of(InstanceStatusWords.status(word).orElseThrow(() -> AccountsApiException.badQueryParameter(
                "status", "must be one of " + InstanceStatusWords.all() + ", not '" + word + "'")));
    }

    /** An ISO 8601 time, taken as UTC when it has no offset; a bare date is its start. */
    private static Instant time(String parameter, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw AccountsApiException.badQueryParameter(parameter, "must be an ISO 8601 time such as"
                            + " 2025-01-31T12:00:00Z, not '" + value + "'");
                }
            }
        }
    }

    private static boolean ascending(String direction) {
        return choice("direction", direction, "desc", "asc");
    }

    /** Whether a two-word parameter is its second word; absent is the first; another word is 400. */
    private static boolean choice(String parameter, String value, String first, String second) {
        if (value == null || value.equals(first)) {
            return false;
        }
        if (value.equals(second)) {
            return true;
        }
        throw AccountsApiException.badQueryParameter(parameter, "must be " + first + " or " + second + ", not '"
                + value + "'");
    }

    private static String able(ExecutionAction action) {
        return switch (action) {
            case PAUSE -> "pausable";
            case RESUME -> "resumable";
            case TERMINATE -> "terminable";
            case RESTART -> "restartable";
        };
    }

    private static String words(Set<ExecutionStatus> statuses) {
        return EnumSet.copyOf(statuses).stream().map(InstanceStatusWords::word).collect(Collectors.joining(", "));
    }
}
