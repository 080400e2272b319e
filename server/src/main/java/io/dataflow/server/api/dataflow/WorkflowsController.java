package io.dataflow.server.api.dataflow;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.Engine;
import io.dataflow.engine.WorkflowService;
import io.dataflow.engine.definition.InputValidator;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Workflow;
import io.dataflow.engine.store.WorkflowStore;
import io.dataflow.server.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /workflows}: creating, reading, changing and deleting workflows (seeds 000 and 001). */
@RestController
@RequestMapping(path = "/workflows", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflows", description = "Create, read, change and delete workflows, in either shape: linear steps "
        + "(seed 000) or inputs, tasks and outputs (seed 001).")
class WorkflowsController {

    private final Engine engine;
    private final WorkflowDocumentReader reader;

    WorkflowsController(Engine engine) {
        this.engine = engine;
        this.reader = new WorkflowDocumentReader(engine.taskTypes());
    }

    @Schema(name = "WorkflowCreated")
    record Created(String workflow_id, int version) {
    }

    @Schema(name = "WorkflowSummary")
    record Summary(String workflow_id, String name, String description, int version, Instant created_at,
            Instant updated_at) {
        static Summary of(Workflow w) {
            return new Summary(w.id(), w.name(), w.description(), w.currentVersion(), w.createdAt(), w.updatedAt());
        }
    }

    @Schema(name = "WorkflowListing")
    record Listing(List<Summary> workflows,
            @Schema(description = "Pass as cursor to get the next page; null on the last page") String next_cursor) {
    }

    @Operation(operationId = "createWorkflow", summary = "Create a workflow",
            description = "Checks the document (every problem is reported at "
            + "once, each with a JSON pointer) and stores it as version 1. Does not run it.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(oneOf = {OpenApiSchemas.LinearWorkflow.class, OpenApiSchemas.TaskWorkflow.class}),
            examples = {
                @ExampleObject(name = "seed 000: linear steps", value = OpenApiSchemas.SEED_000_WORKFLOW),
                @ExampleObject(name = "seed 001: inputs, tasks, outputs", value = OpenApiSchemas.SEED_001_WORKFLOW)}))
    @ApiResponse(responseCode = "201", description = "Created; Location names the workflow", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Created.class),
            examples = @ExampleObject(value = OpenApiSchemas.CREATED)))
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_WORKFLOW)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.NAME_TAKEN)
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @RequiresScope(Scope.WRITE)
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<Created> create(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        WorkflowDocument doc = reader.read(RequestBodies.parse(request, false));
        Workflow workflow = engine.workflows().create(WorkflowStore.NewWorkflow.draft(caller.organizationId(),
                doc.name(), doc.description(), doc.definition(), doc.source(), caller.userId()));
        return ResponseEntity.created(URI.create("/workflows/" + workflow.id()))
                .body(new Created(workflow.id(), workflow.currentVersion()));
    }

    @Operation(operationId = "listWorkflows", summary = "List workflows",
            description = "The workflows of the organization the caller may read (administrators: all; others: "
            + "their own, those shared with them and public ones), newest first.")
    @ApiResponse(responseCode = "200", description = "A page of workflows")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @RequiresScope(Scope.READ)
    @GetMapping
    Listing list(
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                    defaultValue = "20")) @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        Page<Workflow> page = engine.workflows().list(Caller.of(request).access(), Paging.cursor(cursor),
                Paging.limit(limit));
        return new Listing(page.items().stream().map(Summary::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "getWorkflow", summary = "Get a workflow",
            description = "The document as it was sent, with its id, current "
            + "version, times and the JSON Schema of its inputs.")
    @ApiResponse(responseCode = "200", description = "The workflow", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = OpenApiSchemas.WorkflowView.class)))
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping("/{workflowId}")
    ObjectNode get(@PathVariable String workflowId, HttpServletRequest request) {
        return view(find(workflowId, request));
    }

    @Operation(operationId = "replaceWorkflow", summary = "Replace a workflow",
            description = "Takes a whole document, checked as on create. A "
            + "changed definition becomes a new version; executions already started keep the version they started "
            + "with.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(oneOf = {OpenApiSchemas.LinearWorkflow.class, OpenApiSchemas.TaskWorkflow.class}),
            examples = @ExampleObject(name = "seed 000: linear steps", value = OpenApiSchemas.SEED_000_WORKFLOW)))
    @ApiResponse(responseCode = "200", description = "The workflow as stored now", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = OpenApiSchemas.WorkflowView.class)))
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_WORKFLOW)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = DataflowOpenApi.NAME_TAKEN)
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @RequiresScope(Scope.WRITE)
    @PutMapping(path = "/{workflowId}", consumes = MediaType.ALL_VALUE)
    ObjectNode replace(@PathVariable String workflowId, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (!engine.workflows().readable(caller.access(), workflowId)) {
            throw DataflowApiException.notFound("workflow " + workflowId);
        }
        WorkflowDocument doc = reader.read(RequestBodies.parse(request, false));
        engine.workflows().update(caller.access(), workflowId, new WorkflowStore.WorkflowChange(doc.name(),
                doc.description(), null, null, null, doc.definition(), doc.source()))
                .orElseThrow(() -> DataflowApiException.notFound("workflow " + workflowId));
        return view(find(workflowId, request));
    }

    @Operation(operationId = "deleteWorkflow", summary = "Delete a workflow",
            description = "Hides the workflow: it is no longer listed or found, "
            + "its executions can no longer be read, and its name is free again. Executions under way are "
            + "cancelled.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.WRITE)
    @DeleteMapping("/{workflowId}")
    ResponseEntity<Void> delete(@PathVariable String workflowId, HttpServletRequest request) {
        if (!engine.workflows().delete(Caller.of(request).access(), workflowId)) {
            throw DataflowApiException.notFound("workflow " + workflowId);
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private WorkflowService.WorkflowWithVersion find(String workflowId, HttpServletRequest request) {
        return engine.workflows().find(Caller.of(request).access(), workflowId)
                .orElseThrow(() -> DataflowApiException.notFound("workflow " + workflowId));
    }

    /** The document as the user sent it, with the workflow's id, version, times and input schema. */
    private ObjectNode view(WorkflowService.WorkflowWithVersion found) {
        Workflow w = found.workflow();
        ObjectNode view = io.dataflow.engine.model.Json.object();
        view.put("workflow_id", w.id());
        view.put("version", w.currentVersion());
        view.setAll((ObjectNode) found.version().source());
        view.put("created_at", w.createdAt().toString());
        view.put("updated_at", w.updatedAt().toString());
        JsonNode schema = InputValidator.schemaFor(found.version().definition().inputs(),
                found.version().definition().openInputs());
        view.set("input_schema", schema);
        return view;
    }
}
