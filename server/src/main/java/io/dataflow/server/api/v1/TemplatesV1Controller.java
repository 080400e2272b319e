package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.WorkflowListing;
import io.dataflow.engine.model.WorkflowQuery;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002's {@code GET /api/v1/workflows/templates}: the built-in templates, then the workflows of the caller's
 * organization marked {@code isTemplate} that the caller may read, by name. The literal path wins over
 * {@code /api/v1/workflows/{id}}.
 */
@RestController
@RequestMapping(path = "/api/v1/workflows", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflows (v1)")
class TemplatesV1Controller {

    private final Engine engine;
    private final BuiltInTemplates builtIns;

    TemplatesV1Controller(Engine engine, BuiltInTemplates builtIns) {
        this.engine = engine;
        this.builtIns = builtIns;
    }

    @Schema(name = "V1Templates")
    record Listing(@Schema(description = "How many templates there are in all, built-in and the organization's")
            long count, int limit, int offset, List<WorkflowTemplate> templates) {
    }

    @Operation(operationId = "v1ListTemplates", summary = "List workflow templates",
            description = "The built-in templates (builtIn: true, ids tpl_...), then the workflows of the caller's "
            + "organization marked isTemplate that the caller may read (builtIn: false), by name. Each carries its "
            + "whole graph, and in 'workflow' the body that creates a workflow from it with POST "
            + "/api/v1/workflows. Scope: workflows:read.")
    @GetMapping("/templates")
    @RequiresScope(Scope.READ)
    Listing list(
            @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "How many to skip, default 0") @RequestParam(required = false) String offset,
            HttpServletRequest request) {
        int pageSize = ListingQuery.number("limit", limit, ListingQuery.DEFAULT_LIMIT, 1, ListingQuery.MAX_LIMIT);
        int skip = ListingQuery.number("offset", offset, 0, 0, ListingQuery.MAX_OFFSET);
        Access access = Caller.of(request).access();
        List<WorkflowTemplate> shipped = builtIns.all();
        List<WorkflowTemplate> page = new ArrayList<>(shipped.subList(Math.min(skip, shipped.size()),
                Math.min(skip + pageSize, shipped.size())));
        int left = pageSize - page.size();
        // Asked for even when the page is full of built-ins, for the count; then one row is enough.
        WorkflowListing organization = engine.workflows().list(access,
                WorkflowQuery.templates(Math.max(0, skip - shipped.size()), Math.max(1, left)));
        if (left > 0) {
            organization.items().stream()
                    .map(w -> engine.workflows().find(access, w.id())) // gone since it was listed: left out
                    .flatMap(Optional::stream)
                    .map(WorkflowTemplate::of)
                    .forEach(page::add);
        }
        return new Listing(shipped.size() + organization.total(), pageSize, skip, page);
    }
}
