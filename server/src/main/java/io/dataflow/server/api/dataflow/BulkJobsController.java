package io.dataflow.server.api.dataflow;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.BulkJob;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.store.BulkJobStore;
import io.dataflow.server.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk operations: {@code POST /workflows/{id}/executions/bulk} asks an action of the executions a filter selects,
 * carried out in the background by the engine ({@link io.dataflow.engine.BulkService}); the job is read back for its
 * progress. Asking the same twice finds the first job instead of starting a second.
 */
@RestController
@RequestMapping(path = "/workflows/{workflowId}/executions/bulk", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Bulk operations", description = "Terminate, pause, resume or restart many executions of a workflow at"
        + " once, selected by status, creation time or ids, in a background job.")
class BulkJobsController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY = 255;

    static final String REQUEST_EXAMPLE = """
            {"action": "terminate", "filter": {"status": ["RUNNING", "WAITING"],
             "created_before": "2030-01-31T09:00:00Z"}}""";
    static final String IDS_EXAMPLE = """
            {"action": "restart", "filter": {"ids": ["ex-01jh5x3k2m9q8r7t6v5w4y3z2a"]}}""";
    static final String JOB_EXAMPLE = """
            {"job_id": "bulk-01jh5x9c1d2e3f4g5h6j7k8m9n", "workflow_id": "wf-01jh5w0a1b2c3d4e5f6g7h8j9k",
             "action": "terminate", "filter": {"status": ["RUNNING", "WAITING"],
             "created_before": "2030-01-31T09:00:00Z"}, "status": "RUNNING", "expected": 10000,
             "counts": {"matched": 4200, "applied": 4187, "skipped": 13, "not_found": 0}, "error": null,
             "idempotency_key": null, "created_at": "2030-01-31T09:05:00Z", "updated_at": "2030-01-31T09:05:02Z",
             "completed_at": null, "links": {"self": "/workflows/wf-01jh5w0a1b2c3d4e5f6g7h8j9k/executions/bulk/\
            bulk-01jh5x9c1d2e3f4g5h6j7k8m9n", "executions": "/workflows/wf-01jh5w0a1b2c3d4e5f6g7h8j9k/executions"}}""";

    private final Engine engine;

    BulkJobsController(Engine engine) {
        this.engine = engine;
    }

    @Operation(operationId = "createBulkJob", summary = "Act on many executions",
            description = "Asks an action (terminate, pause, resume, restart) of every execution of the workflow that"
            + " the filter selects, in a background job; answers at once with the job, whose counts show its"
            + " progress. The filter needs at least one of status (a list of status words), created_before and"
            + " created_after (RFC 3339, exclusive) and ids (at most 10,000); the criteria given must all hold."
            + " Statuses are checked when the job reaches an execution, and executions the action does not fit then"
            + " are skipped. Without ids, executions started after the job was accepted are left alone. Asking the"
            + " same action and filter again while the job is unfinished answers 200 with that job; with an"
            + " Idempotency-Key, the same key answers 200 with the job it made, whenever asked.")
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, description = "Up to 255 printable ASCII characters;"
            + " the same key for the same workflow finds the job it made instead of starting another")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object"),
            examples = {@ExampleObject(name = "by status and time", value = REQUEST_EXAMPLE),
                @ExampleObject(name = "by ids", value = IDS_EXAMPLE)}))
    @ApiResponse(responseCode = "202", description = "Accepted; Location names the job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BulkJobViews.Job.class),
            examples = @ExampleObject(value = JOB_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "The same request was asked before: its job, as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = BulkJobViews.Job.class)))
    @ApiResponse(responseCode = "400", description = "The body or the Idempotency-Key is not valid; errors names the"
            + " field", content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "403", description = "The API key lacks the workflows:execute scope",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used for another request",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @RequiresScope(Scope.EXECUTE)
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<BulkJobViews.Job> create(@PathVariable String workflowId, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        String organization = caller.organizationId();
        requireWorkflow(request, workflowId);
        String key = idempotencyKey(request.getHeader(IDEMPOTENCY_KEY));
        BulkJobRequest asked = BulkJobRequest.read(RequestBodies.parse(request, false));
        BulkJobStore.Creation creation = engine.bulk().create(organization, workflowId, asked.action(),
                asked.filter(), key);
        return switch (creation) {
            case BulkJobStore.Created created -> ResponseEntity.accepted().location(location(created.job()))
                    .body(BulkJobViews.Job.of(created.job()));
            case BulkJobStore.Found found -> ResponseEntity.ok().location(location(found.job()))
                    .body(BulkJobViews.Job.of(found.job()));
            case BulkJobStore.KeyInUse used -> throw DataflowApiException.conflict("the " + IDEMPOTENCY_KEY + " '"
                    + key + "' was used for another request, which made job " + used.job().id() + " ("
                    + used.job().action().word() + "); use a new key for a new request");
            case BulkJobStore.NoScope ignored -> throw DataflowApiException.notFound("workflow " + workflowId);
        };
    }

    @Operation(operationId = "getBulkJob", summary = "Get a bulk job",
            description = "The job's status and counts so far; poll it until its status is COMPLETED or FAILED.")
    @ApiResponse(responseCode = "200", description = "The job", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = BulkJobViews.Job.class),
            examples = @ExampleObject(value = JOB_EXAMPLE)))
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping("/{jobId}")
    BulkJobViews.Job get(@PathVariable String workflowId, @PathVariable String jobId, HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        return engine.bulk().find(organization, workflowId, jobId).map(BulkJobViews.Job::of)
                .orElseThrow(() -> DataflowApiException.notFound("bulk job " + jobId));
    }

    @Operation(operationId = "listBulkJobs", summary = "List bulk jobs", description = "The workflow's bulk jobs,"
            + " newest first.")
    @ApiResponse(responseCode = "200", description = "A page of jobs")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping
    BulkJobViews.Listing list(@PathVariable String workflowId,
            @Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                    defaultValue = "20")) @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        String organization = Caller.of(request).organizationId();
        requireWorkflow(request, workflowId);
        Page<BulkJob> page = engine.bulk().list(organization, workflowId, Paging.cursor(cursor),
                Paging.limit(limit));
        return new BulkJobViews.Listing(page.items().stream().map(BulkJobViews.Job::of).toList(),
                page.nextCursor());
    }

    private static URI location(BulkJob job) {
        return URI.create("/workflows/" + job.scope().id() + "/executions/bulk/" + job.id());
    }

    /** The header's key, trimmed; null when it was not sent. */
    private static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        String key = header.trim();
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw DataflowApiException.badHeader(IDEMPOTENCY_KEY, "must be 1 to " + MAX_IDEMPOTENCY_KEY
                    + " printable ASCII characters");
        }
        return key;
    }

    /** 404 unless the caller may read the workflow. */
    private void requireWorkflow(HttpServletRequest request, String workflowId) {
        if (!engine.workflows().readable(Caller.of(request).access(), workflowId)) {
            throw DataflowApiException.notFound("workflow " + workflowId);
        }
    }
}
