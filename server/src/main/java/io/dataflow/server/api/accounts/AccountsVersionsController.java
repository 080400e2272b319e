package io.dataflow.server.api.accounts;

import static io.dataflow.server.api.accounts.AccountsWorkflowsController.workflowNotFound;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.BindingVersion;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.server.api.accounts.BoundWorkflowViews.Graph;
import io.dataflow.server.api.accounts.BoundWorkflowViews.Version;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 003's versions of a workflow: what its name bound at each time (the engine's binding versions), newest first,
 * and the graph of the definition each pins.
 */
@RestController
@RequestMapping(path = AccountsPaths.ACCOUNTS + "/{account_id}/workflows/{workflow_name}/versions",
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflows (accounts)")
class AccountsVersionsController {

    private final Engine engine;

    AccountsVersionsController(Engine engine) {
        this.engine = engine;
    }

    @Operation(operationId = "accountsListWorkflowVersions", summary = "List a workflow's versions",
            description = "Newest first, a page at a time. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping
    Envelope<List<Version>> list(@PathVariable("account_id") String accountId,
            @PathVariable("workflow_name") String name,
            @Parameter(description = "From 1, default 1") @RequestParam(required = false) String page,
            @Parameter(description = "1 to 100, default 20") @RequestParam(name = "per_page", required = false)
            String perPage,
            HttpServletRequest request) {
        AccountsWorkflowsController.checkName(name);
        PageQuery query = PageQuery.of(page, perPage);
        CountedPage<BindingVersion> found = engine.bindings().versions(Caller.of(request).access(), name,
                (int) Math.min(query.offset(), Integer.MAX_VALUE), query.perPage())
                .orElseThrow(() -> workflowNotFound(name));
        return query.answer(found.items().stream().map(Version::of).toList(), found.total());
    }

    @Operation(operationId = "accountsGetWorkflowVersion", summary = "Get a workflow's version",
            description = "Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{version_id}")
    Envelope<Version> get(@PathVariable("account_id") String accountId, @PathVariable("workflow_name") String name,
            @PathVariable("version_id") String versionId, HttpServletRequest request) {
        return Envelope.ok(Version.of(find(Caller.of(request).access(), name, versionId)));
    }

    @Operation(operationId = "accountsGetWorkflowVersionGraph", summary = "Get a version's graph",
            description = "The version with the graph of the definition it pins (nodes with their type and config, "
            + "edges), under both `graph` and `dag`; null when the caller may not read the bound workflow or it was "
            + "deleted. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{version_id}/graph")
    Envelope<Graph> graph(@PathVariable("account_id") String accountId, @PathVariable("workflow_name") String name,
            @PathVariable("version_id") String versionId, HttpServletRequest request) {
        return Envelope.ok(drawn(Caller.of(request).access(), name, versionId));
    }

    @Operation(operationId = "accountsGetWorkflowVersionDag", summary = "Get a version's DAG",
            description = "The same answer as `.../graph`. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{version_id}/dag")
    Envelope<Graph> dag(@PathVariable("account_id") String accountId, @PathVariable("workflow_name") String name,
            @PathVariable("version_id") String versionId, HttpServletRequest request) {
        return Envelope.ok(drawn(Caller.of(request).access(), name, versionId));
    }

    private Graph drawn(Access access, String name, String versionId) {
        BindingVersion version = find(access, name, versionId);
        VersionGraph graph = engine.workflows().version(access, version.workflowId(), version.workflowVersion())
                .map(pinned -> VersionGraph.of(version.className(), pinned.definition())).orElse(null);
        return Graph.of(version, graph);
    }

    private BindingVersion find(Access access, String name, String versionId) {
        AccountsWorkflowsController.checkName(name);
        if (engine.bindings().find(access, name).isEmpty()) {
            throw workflowNotFound(name);
        }
        return engine.bindings().version(access, name, versionId).orElseThrow(() -> AccountsApiException.notFound(
                AccountsErrorCode.VERSION_NOT_FOUND, "workflow '" + name + "' has no version '" + versionId + "'"));
    }
}
