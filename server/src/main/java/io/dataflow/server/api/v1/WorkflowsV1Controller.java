package io.dataflow.server.api.v1;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.Engine;
import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.WorkflowService.Sharing;
import io.dataflow.engine.WorkflowService.WorkflowWithVersion;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.InvalidDefinitionException;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Lifecycle;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.model.WorkflowListing;
import io.dataflow.engine.model.WorkflowStatus;
import io.dataflow.engine.store.WorkflowStore.NewWorkflow;
import io.dataflow.engine.store.WorkflowStore.WorkflowChange;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.RequestBodies;
import io.dataflow.server.api.v1.WorkflowViews.Created;
import io.dataflow.server.api.v1.WorkflowViews.Deployment;
import io.dataflow.server.api.v1.WorkflowViews.ExecutionCreated;
import io.dataflow.server.api.v1.WorkflowViews.Listing;
import io.dataflow.server.api.v1.WorkflowViews.Shared;
import io.dataflow.server.api.v1.WorkflowViews.Shares;
import io.dataflow.server.api.v1.WorkflowViews.Stats;
import io.dataflow.server.api.v1.WorkflowViews.Summary;
import io.dataflow.server.api.v1.WorkflowViews.Version;
import io.dataflow.server.api.v1.WorkflowViews.VersionCreated;
import io.dataflow.server.api.v1.WorkflowViews.VersionDefinition;
import io.dataflow.server.api.v1.WorkflowViews.Versions;
import io.dataflow.server.api.v1.WorkflowViews.WorkflowView;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.limits.OrganizationLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 002's {@code /api/v1/workflows}: graph workflows of nodes and connections, their lifecycle, versions and
 * sharing, over the same workflows as {@code /workflows}.
 */
@RestController
@RequestMapping(path = "/api/v1/workflows", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflows (v1)", description = "Seed 002: graph workflows of nodes and connections, their lifecycle "
        + "(draft, active, paused, archived), versions, sharing, templates and stats.")
class WorkflowsV1Controller {

    static final String TRIGGER_SOURCE = "api.v1";

    private final Engine engine;
    private final OrganizationLimits limits;
    private final GraphDocumentReader graphs;

    WorkflowsV1Controller(Engine engine, OrganizationLimits limits) {
        this.engine = engine;
        this.limits = limits;
        this.graphs = new GraphDocumentReader(engine.taskTypes());
    }

    @Operation(operationId = "v1ListWorkflows", summary = "List workflows",
            description = "The workflows the caller may read (administrators: every workflow of the organization; "
            + "others: their own, those shared with them and public ones). Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping
    Listing list(
            @Parameter(description = "draft, active, paused or archived") @RequestParam(required = false) String status,
            @Parameter(description = "Only workflows with this tag") @RequestParam(required = false) String tag,
            @Parameter(description = "Text in the name or description, ignoring case")
            @RequestParam(required = false) String search,
            @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "How many to skip, default 0") @RequestParam(required = false) String offset,
            @Parameter(description = "field:asc or field:desc; fields " + ListingQuery.SORT_FIELDS
                    + "; default createdAt:desc") @RequestParam(required = false) String sort,
            HttpServletRequest request) {
        ListingQuery query = ListingQuery.of(status, tag, search, limit, offset, sort);
        WorkflowListing listing = engine.workflows().list(access(request), query.query());
        return new Listing(listing.total(), query.query().limit(), query.query().offset(),
                listing.items().stream().map(Summary::of).toList());
    }

    @Operation(operationId = "v1CreateWorkflow", summary = "Create a workflow",
            description = "Checks the graph (every problem at once, each with a JSON pointer to its node or "
            + "connection) and stores it as version 1, owned by the caller. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<Created> create(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        WorkflowBody body = WorkflowBody.read(RequestBodies.parse(request, false), null, graphs);
        Workflow workflow = engine.workflows().create(new NewWorkflow(caller.organizationId(), caller.userId(),
                body.name(), body.description(), body.status(), body.tags(), bool(body.isPublic()),
                bool(body.isTemplate()), body.graph().definition(), body.source(null)));
        return ResponseEntity.created(URI.create("/api/v1/workflows/" + workflow.id()))
                .body(new Created(workflow.id()));
    }

    @Operation(operationId = "v1GetWorkflow", summary = "Get a workflow",
            description = "The full Workflow object. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{id}")
    WorkflowView get(@PathVariable String id, HttpServletRequest request) {
        return view(access(request), id);
    }

    @Operation(operationId = "v1UpdateWorkflow", summary = "Update a workflow",
            description = "Changes what the body gives and keeps the rest. New nodes, connections, settings or "
            + "config make a new version. Only the owner and administrators may. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PutMapping(path = "/{id}", consumes = MediaType.ALL_VALUE)
    WorkflowView update(@PathVariable String id, HttpServletRequest request) {
        Access access = access(request);
        WorkflowWithVersion current = find(access, id);
        WorkflowViews.Graph currentGraph = WorkflowViews.Graph.of(current.version());
        WorkflowBody body = WorkflowBody.read(RequestBodies.parse(request, false), currentGraph.members(), graphs);
        GraphDocument graph = body.graph();
        engine.workflows().update(access, id, new WorkflowChange(body.name(), body.description(), body.tags(),
                body.isPublic(), body.isTemplate(), graph == null ? null : graph.definition(),
                graph == null ? null : body.source(currentGraph.config())))
                .orElseThrow(() -> notFound(id));
        return view(access, id);
    }

    @Operation(operationId = "v1DeleteWorkflow", summary = "Delete a workflow",
            description = "Irreversible: the workflow is no longer found or listed and its executions under way are "
            + "stopped. Only the owner and administrators may. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        if (!engine.workflows().delete(access(request), id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "v1DuplicateWorkflow", summary = "Duplicate a workflow",
            description = "A copy of the current definition, tags and settings, as a new draft owned by the caller, "
            + "named \"<name> (copy)\". Anyone who may read the workflow may copy it. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PostMapping("/{id}/duplicate")
    ResponseEntity<Created> duplicate(@PathVariable String id, HttpServletRequest request) {
        Workflow copy = engine.workflows().duplicate(access(request), id).orElseThrow(() -> notFound(id));
        return ResponseEntity.created(URI.create("/api/v1/workflows/" + copy.id())).body(new Created(copy.id()));
    }

    @Operation(operationId = "v1ExecuteWorkflow", summary = "Execute a workflow",
            description = "Runs the deployed version, or the current version when the workflow is not deployed; a "
            + "definition in the body runs instead, for this execution only (checked like any definition). "
            + "triggerInputs are the trigger node's outputs. Paused and archived workflows take no executions "
            + "(409). A graph with no task node (empty, or only a trigger) would never end: 400 at #/nodes, or "
            + "#/definition/nodes for a definition sent. Anyone who may read the workflow may execute it. Scope: "
            + "workflows:execute.")
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(path = "/{id}/execute", consumes = MediaType.ALL_VALUE)
    ResponseEntity<ExecutionCreated> execute(@PathVariable String id, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        find(caller.access(), id);
        ExecuteBody body = ExecuteBody.read(RequestBodies.parse(request, true), graphs);
        if (body.definition() != null) {
            try {
                engine.workflows().check(body.definition().definition());
            } catch (InvalidDefinitionException e) {
                throw DataflowApiException.invalid(e.problems().stream().map(p -> p.under("/definition")).toList());
            }
        }
        ExecutionService.StartRequest start = new ExecutionService.StartRequest(body.triggerInputs(), null,
                TRIGGER_SOURCE, caller.asStarter());
        Execution execution;
        try {
            execution = limits.start(caller.organizationId(), 1, false, () -> (body.definition() == null
                    ? engine.executions().start(caller.organizationId(), id, start)
                    : engine.executions().start(caller.organizationId(), id, body.definition().definition(),
                            Json.MAPPER.valueToTree(body.definition()), caller.userId(), start))
                    .orElseThrow(() -> notFound(id)));
        } catch (InvalidDefinitionException e) {
            throw DataflowApiException.invalid(e.problems().stream().map(p -> p.under(ExecuteBody.INPUTS)).toList());
        }
        return ResponseEntity.created(URI.create("/api/v1/executions/" + execution.id()))
                .body(new ExecutionCreated(execution.id()));
    }

    @Operation(operationId = "v1DeployWorkflow", summary = "Deploy a workflow",
            description = "Checks the current version again (400, at #/nodes when it has no task node), pins it as "
            + "the version executions run, and makes the workflow active. Allowed from draft, active (deploys the "
            + "current version again) and paused; not from archived (409). Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PostMapping("/{id}/deploy")
    Deployment deploy(@PathVariable String id, HttpServletRequest request) {
        lifecycle(engine.workflows().deploy(access(request), id), id, "deployed");
        return new Deployment("Workflow deployed successfully", id, WorkflowStatus.ACTIVE.word());
    }

    @Operation(operationId = "v1UndeployWorkflow", summary = "Undeploy a workflow",
            description = "Makes an active or paused workflow a draft again, running its current version. Scope: "
            + "workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PostMapping("/{id}/undeploy")
    Deployment undeploy(@PathVariable String id, HttpServletRequest request) {
        lifecycle(engine.workflows().undeploy(access(request), id), id, "undeployed");
        return new Deployment("Workflow undeployed successfully", id, WorkflowStatus.DRAFT.word());
    }

    @Operation(operationId = "v1SetWorkflowStatus", summary = "Change a workflow's status",
            description = "draft -> active, archived; active -> draft, paused, archived; paused -> active, draft, "
            + "archived; archived -> draft. Setting the status a workflow has changes nothing. Any other change is "
            + "409 naming the statuses allowed. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PutMapping(path = "/{id}/status", consumes = MediaType.ALL_VALUE)
    WorkflowView setStatus(@PathVariable String id, HttpServletRequest request) {
        Access access = access(request);
        find(access, id);
        WorkflowStatus status = StatusBody.read(RequestBodies.parse(request, false));
        lifecycle(engine.workflows().setStatus(access, id, status), id, "set to " + status.word());
        return view(access, id);
    }

    @Operation(operationId = "v1ListVersions", summary = "List a workflow's versions",
            description = "Every version, oldest first, with its tag and author. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{id}/versions")
    Versions versions(@PathVariable String id, HttpServletRequest request) {
        Access access = access(request);
        Workflow workflow = find(access, id).workflow();
        List<Version> versions = engine.workflows().versions(access, id).orElseThrow(() -> notFound(id)).stream()
                .map(Version::of).toList();
        return new Versions(id, workflow.currentVersion(), workflow.deployedVersion(), versions);
    }

    @Operation(operationId = "v1GetVersion", summary = "Get one version of a workflow",
            description = "The version's tag, author and time with the graph it pinned (nodes, connections, config "
            + "and settings as shown by the Workflow object), to compare two versions. A version the workflow does "
            + "not have is 404. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{id}/versions/{version}")
    VersionDefinition version(@PathVariable String id,
            @Parameter(description = "The version number, from 1") @PathVariable String version,
            HttpServletRequest request) {
        Access access = access(request);
        find(access, id);
        return VersionNumber.parse(version)
                .flatMap(number -> engine.workflows().version(access, id, number))
                .map(VersionDefinition::of)
                .orElseThrow(() -> DataflowApiException.notFound("version " + version + " of workflow " + id));
    }

    @Operation(operationId = "v1CreateVersion", summary = "Tag a new version",
            description = "Snapshots the current definition as a new version under a tag, unique within the "
            + "workflow (else 409). Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PostMapping(path = "/{id}/versions", consumes = MediaType.ALL_VALUE)
    ResponseEntity<VersionCreated> createVersion(@PathVariable String id, HttpServletRequest request) {
        Access access = access(request);
        find(access, id);
        VersionBody body = VersionBody.read(RequestBodies.parse(request, false));
        int version = engine.workflows().tagVersion(access, id, body.versionTag(), body.description())
                .orElseThrow(() -> notFound(id));
        return ResponseEntity.status(HttpStatus.CREATED).body(new VersionCreated(id, version, body.versionTag()));
    }

    @Operation(operationId = "v1ListShares", summary = "List who a workflow is shared with",
            description = "Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{id}/share")
    Shares shares(@PathVariable String id, HttpServletRequest request) {
        return new Shares(id, engine.workflows().shares(access(request), id).orElseThrow(() -> notFound(id))
                .stream().map(WorkflowViews.SharedUser::of).toList());
    }

    @Operation(operationId = "v1ShareWorkflow", summary = "Share a workflow with a user",
            description = "With a user of the same organization, who may then read and execute it. Sharing again "
            + "changes nothing. Only the owner and administrators may. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PostMapping(path = "/{id}/share", consumes = MediaType.ALL_VALUE)
    Shared share(@PathVariable String id, HttpServletRequest request) {
        Access access = access(request);
        find(access, id);
        String userId = ShareBody.read(RequestBodies.parse(request, false));
        sharing(engine.workflows().share(access, id, userId), id, userId);
        return new Shared("Workflow shared successfully", id, userId);
    }

    @Operation(operationId = "v1UnshareWorkflow", summary = "Stop sharing a workflow with a user",
            description = "Done as well when it was not shared with that user. Only the owner and administrators "
            + "may. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @DeleteMapping("/{id}/share/{userId}")
    ResponseEntity<Void> unshare(@PathVariable String id, @PathVariable String userId, HttpServletRequest request) {
        sharing(engine.workflows().unshare(access(request), id, userId), id, userId);
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "v1WorkflowStats", summary = "Count workflows by status",
            description = "Over the workflows the caller may read. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/stats")
    Stats stats(HttpServletRequest request) {
        return Stats.of(engine.workflows().countByStatus(access(request)));
    }

    private static void sharing(Sharing outcome, String id, String userId) {
        switch (outcome) {
            case NO_WORKFLOW -> throw notFound(id);
            case NO_USER -> throw DataflowApiException.notFound("user " + userId + " in this organization");
            case DONE -> {
            }
        }
    }

    private static void lifecycle(Lifecycle outcome, String id, String what) {
        switch (outcome) {
            case Lifecycle.NoWorkflow none -> throw notFound(id);
            case Lifecycle.NotAllowed refused -> throw DataflowApiException.conflict("workflow " + id + " is "
                    + refused.status().word() + " and cannot be " + what + "; allowed: " + refused.allowed().stream()
                            .sorted().map(WorkflowStatus::word).toList())
                    .with("workflowStatus", refused.status().word())
                    .with("allowed", refused.allowed().stream().sorted().map(WorkflowStatus::word).toList());
            case Lifecycle.Changed changed -> {
            }
        }
    }

    private WorkflowView view(Access access, String id) {
        return WorkflowView.of(find(access, id), engine.workflows().shares(access, id).orElseThrow(() -> notFound(id)));
    }

    private WorkflowWithVersion find(Access access, String id) {
        return engine.workflows().find(access, id).orElseThrow(() -> notFound(id));
    }


    private static Access access(HttpServletRequest request) {
        return Caller.of(request).access();
    }

    private static DataflowApiException notFound(String id) {
        return DataflowApiException.notFound("workflow " + id);
    }

    private static boolean bool(Boolean value) {
        return value != null && value;
    }
}
