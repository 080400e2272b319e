package io.dataflow.server.api.accounts;

import static io.dataflow.server.api.accounts.AccountsWorkflowsController.workflowNotFound;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Binding;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.store.BulkJobStore;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003's batch terminate: terminating instances by id, or every unfinished one, in the engine's durable bulk
 * job of the binding ({@link io.dataflow.engine.BulkService#terminate},
 * {@link io.dataflow.engine.BulkService#terminateAll}), and the state of the latest terminate-all. Asking twice is
 * safe: a terminate-all asked while one runs answers that one, and an instance already terminated is skipped, never
 * terminated twice.
 *
 * <p>{@code .../instances/terminate} is a literal path, so Spring prefers it to {@code .../instances/{instance_id}}:
 * an instance whose id is {@code terminate} is not read at that path (as at Cloudflare, whose paths are the same).
 */
@RestController
@RequestMapping(path = "/accounts/{account_id}/workflows/{workflow_name}/instances",
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Instances (accounts)")
class InstanceTerminationController {

    private static final String ACCOUNT = "The account id: the id of the API key's organization";
    private static final String WORKFLOW = "The name the workflow is bound under";
    private static final String STATUS = "Only unfinished instances in this status: queued, running, waiting,"
            + " waitingForPause or paused (wrangler's terminate-all --status)";

    private final Engine engine;

    InstanceTerminationController(Engine engine) {
        this.engine = engine;
    }

    @Operation(operationId = "accountsTerminateInstances", summary = "Terminate instances in a batch",
            description = "With a JSON array of 1 to 1000 instance ids, terminates those that are unfinished; ids"
            + " of finished instances are skipped, ids the workflow has no instance of are ignored. With no body,"
            + " terminates every unfinished instance there is now, as PUT .../instances/terminate does. Either way in"
            + " a background job: the answer says how many instances it terminates, and already_running when the same"
            + " request's job was still running (nothing new was started).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(
                    value = "[\"order-1234\", \"order-1235\"]")))
    @ApiResponse(responseCode = "200", description = "Accepted: {instancesTerminated, status} in the envelope,"
            + " status ok or already_running")
    @ApiResponse(responseCode = "400", description = "A bad workflow name, body, instance id or status (code 10002,"
            + " 10003 or 10004); nothing was terminated")
    @ApiResponse(responseCode = "404", description = "No workflow of this name is bound (code 10501)")
    @ApiResponse(responseCode = "413", description = "The body is larger than 1 MiB (code 10005)")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/batch/terminate", consumes = MediaType.ALL_VALUE)
    Envelope<TerminationViews.Asked> terminateBatch(
            @Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            @Parameter(description = STATUS + "; only without a body") @RequestParam(required = false) String status,
            HttpServletRequest request) {
        AccountsWorkflowsController.checkName(workflow);
        JsonNode body = InstanceBodies.read(request, true);
        if (body == null) {
            return startTerminateAll(request, workflow, TerminateBodies.statuses(status));
        }
        List<String> ids = TerminateBodies.ids(body);
        if (status != null) {
            throw AccountsApiException.badQueryParameter("status", "narrows terminating every instance; leave it"
                    + " out when the body names the instances");
        }
        Caller caller = Caller.of(request);
        Binding binding = binding(caller, workflow);
        return Envelope.ok(asked(workflow, engine.bulk().terminate(caller.organizationId(), binding.id(), ids)));
    }

    @Operation(operationId = "accountsTerminateAllInstances", summary = "Terminate every unfinished instance",
            description = "Terminates every instance of the workflow that is unfinished now (?status= narrows it to"
            + " one status) in a background job; instances created after it was asked are left alone. One runs at a"
            + " time per workflow: asking while one is running answers already_running with that one. Takes no"
            + " body. wrangler's `workflows instances terminate-all` sends this.")
    @ApiResponse(responseCode = "200", description = "Accepted: {instancesTerminated, status} in the envelope,"
            + " status ok or already_running")
    @ApiResponse(responseCode = "400", description = "A bad workflow name or status, or a body (code 10003 or"
            + " 10004); nothing was terminated")
    @ApiResponse(responseCode = "404", description = "No workflow of this name is bound (code 10501)")
    @RequiresScope(Scope.EXECUTE)
    @PutMapping(path = "/terminate", consumes = MediaType.ALL_VALUE)
    Envelope<TerminationViews.Asked> terminateAll(
            @Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            @Parameter(description = STATUS) @RequestParam(required = false) String status,
            HttpServletRequest request) {
        AccountsWorkflowsController.checkName(workflow);
        if (InstanceBodies.read(request, true) != null) {
            throw AccountsApiException.invalid("PUT .../instances/terminate takes no body: it terminates every"
                    + " unfinished instance (narrowed by ?status=); to terminate some, POST their ids to"
                    + " .../instances/batch/terminate");
        }
        return startTerminateAll(request, workflow, TerminateBodies.statuses(status));
    }

    @Operation(operationId = "accountsGetTerminateAllStatus", summary = "Get the state of terminating every instance",
            description = "The state of the workflow's latest terminate-all (PUT .../instances/terminate, or POST"
            + " .../instances/batch/terminate with no body): running, complete, errored (given up after repeated"
            + " failures), or none when none was asked; instancesTerminated counts the instances it terminated so"
            + " far.")
    @ApiResponse(responseCode = "200", description = "{status, instancesTerminated} in the envelope")
    @ApiResponse(responseCode = "400", description = "A bad workflow name (code 10004)")
    @ApiResponse(responseCode = "404", description = "No workflow of this name is bound (code 10501)")
    @RequiresScope(Scope.READ)
    @GetMapping("/terminate")
    Envelope<TerminationViews.JobState> terminateAllState(
            @Parameter(description = ACCOUNT) @PathVariable("account_id") String account,
            @Parameter(description = WORKFLOW) @PathVariable("workflow_name") String workflow,
            HttpServletRequest request) {
        AccountsWorkflowsController.checkName(workflow);
        Caller caller = Caller.of(request);
        Binding binding = binding(caller, workflow);
        return Envelope.ok(TerminationViews.JobState.of(engine.bulk().latestTerminateAll(caller.organizationId(),
                binding.id())));
    }

    private Envelope<TerminationViews.Asked> startTerminateAll(HttpServletRequest request, String workflow,
            Set<ExecutionStatus> statuses) {
        Caller caller = Caller.of(request);
        Binding binding = binding(caller, workflow);
        return Envelope.ok(asked(workflow, engine.bulk().terminateAll(caller.organizationId(), binding.id(),
                statuses)));
    }

    private Binding binding(Caller caller, String workflow) {
        return engine.bindings().find(caller.access(), workflow).orElseThrow(() -> workflowNotFound(workflow));
    }

    private static TerminationViews.Asked asked(String workflow, BulkJobStore.Creation creation) {
        return switch (creation) {
            case BulkJobStore.Created created -> TerminationViews.Asked.started(created.job());
            case BulkJobStore.Found found -> TerminationViews.Asked.alreadyRunning(found.job());
            case BulkJobStore.NoScope ignored -> throw workflowNotFound(workflow); // deleted meanwhile
            case BulkJobStore.KeyInUse used -> throw new IllegalStateException("no Idempotency-Key was given, yet"
                    + " job " + used.job().id() + " holds one");
        };
    }
}
