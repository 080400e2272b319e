package io.dataflow.server.api.dataflow;

import io.dataflow.engine.Engine;
import io.dataflow.engine.WorkflowService;
import io.dataflow.engine.definition.InputValidator;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.model.Workflow;
import io.dataflow.server.auth.Caller;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code /workflows}: creating, reading, changing and deleting workflows (seeds 000 and 001). */
@RestController
@RequestMapping(path = "/workflows", produces = MediaType.APPLICATION_JSON_VALUE)
class WorkflowsController {

    private final Engine engine;
    private final WorkflowDocumentReader reader;

    WorkflowsController(Engine engine) {
        this.engine = engine;
        this.reader = new WorkflowDocumentReader(engine.taskTypes());
    }

    record Created(String workflow_id, int version) {
    }

    record Summary(String workflow_id, String name, String description, int version, Instant created_at,
            Instant updated_at) {
        static Summary of(Workflow w) {
            return new Summary(w.id(), w.name(), w.description(), w.currentVersion(), w.createdAt(), w.updatedAt());
        }
    }

    record Listing(List<Summary> workflows, String next_cursor) {
    }

    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<Created> create(@RequestBody(required = false) String body, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        WorkflowDocument doc = reader.read(RequestBodies.parse(body, false));
        Workflow workflow = engine.workflows().create(caller.organizationId(), doc.name(), doc.description(),
                doc.definition(), doc.source(), caller.key().id());
        return ResponseEntity.created(URI.create("/workflows/" + workflow.id()))
                .body(new Created(workflow.id(), workflow.currentVersion()));
    }

    @GetMapping
    Listing list(@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        Page<Workflow> page = engine.workflows().list(Caller.of(request).organizationId(), Paging.cursor(cursor),
                Paging.limit(limit));
        return new Listing(page.items().stream().map(Summary::of).toList(), page.nextCursor());
    }

    @GetMapping("/{workflowId}")
    ObjectNode get(@PathVariable String workflowId, HttpServletRequest request) {
        return view(find(workflowId, request));
    }

    @PutMapping(path = "/{workflowId}", consumes = MediaType.ALL_VALUE)
    ObjectNode replace(@PathVariable String workflowId, @RequestBody(required = false) String body,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        WorkflowDocument doc = reader.read(RequestBodies.parse(body, false));
        engine.workflows().update(caller.organizationId(), workflowId, doc.name(), doc.description(),
                doc.definition(), doc.source(), caller.key().id())
                .orElseThrow(() -> DataflowApiException.notFound("workflow " + workflowId));
        return view(find(workflowId, request));
    }

    @DeleteMapping("/{workflowId}")
    ResponseEntity<Void> delete(@PathVariable String workflowId, HttpServletRequest request) {
        if (!engine.workflows().delete(Caller.of(request).organizationId(), workflowId)) {
            throw DataflowApiException.notFound("workflow " + workflowId);
        }
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    private WorkflowService.WorkflowWithVersion find(String workflowId, HttpServletRequest request) {
        return engine.workflows().find(Caller.of(request).organizationId(), workflowId)
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
        JsonNode schema = InputValidator.schemaFor(found.version().definition().inputs());
        view.set("input_schema", schema);
        return view;
    }
}
