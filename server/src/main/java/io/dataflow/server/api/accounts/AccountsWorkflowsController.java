package io.dataflow.server.api.accounts;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Binding;
import io.dataflow.engine.model.BindingNames;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.UnknownWorkflowException;
import io.dataflow.engine.model.Workflow;
import io.dataflow.server.api.accounts.BoundWorkflowViews.Bound;
import io.dataflow.server.api.accounts.BoundWorkflowViews.Deleted;
import io.dataflow.server.api.accounts.BoundWorkflowViews.Summary;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003's workflows: names of the account (the caller's organization) bound to one of its workflows, which take
 * instances (the engine's {@link io.dataflow.engine.BindingService bindings}). {@link AccountsRouteFilter} has
 * checked the account before any of these runs.
 */
@RestController
@RequestMapping(path = AccountsPaths.ACCOUNTS + "/{account_id}/workflows", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflows (accounts)", description = "Seed 003, Cloudflare's Workflows API: a workflow is a name bound "
        + "to a workflow of the organization, which takes instances. Answers in Cloudflare's envelope.")
class AccountsWorkflowsController {

    private final Engine engine;

    AccountsWorkflowsController(Engine engine) {
        this.engine = engine;
    }

    @Operation(operationId = "accountsListWorkflows", summary = "List workflows",
            description = "The account's workflows by name, those whose name contains `search` ignoring case, a page "
            + "at a time, each with how many of its instances are in each status. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping
    Envelope<List<Summary>> list(
            @PathVariable("account_id") String accountId,
            @Parameter(description = "Text in the name, ignoring case") @RequestParam(required = false) String search,
            @Parameter(description = "From 1, default 1") @RequestParam(required = false) String page,
            @Parameter(description = "1 to 100, default 20") @RequestParam(name = "per_page", required = false)
            String perPage,
            HttpServletRequest request) {
        PageQuery query = PageQuery.of(page, perPage);
        Access access = Caller.of(request).access();
        CountedPage<Binding> found = engine.bindings().list(access, search == null || search.isEmpty() ? null
                : search, (int) Math.min(query.offset(), Integer.MAX_VALUE), query.perPage());
        ScriptNames scripts = new ScriptNames(access);
        Map<String, Map<ExecutionStatus, Long>> counts = engine.bindings().countByStatus(found.items());
        return query.answer(found.items().stream().map(binding -> Summary.of(binding,
                scripts.of(binding.workflowId()), counts.get(binding.id()))).toList(), found.total());
    }

    @Operation(operationId = "accountsPutWorkflow", summary = "Create or update a workflow",
            description = "Binds the name to the workflow `script_name` names (a workflow of the organization the "
            + "caller may read, by id or else by name) under the label `class_name`. A change of what is bound "
            + "makes a new version, which new instances use; so does another `default_retention` (how long the "
            + "instances that set none are kept once finished). `concurrency`, `limits` and `schedules` are not "
            + "supported yet: sending one is 400. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @PutMapping(path = "/{workflow_name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Envelope<Bound> put(@PathVariable("account_id") String accountId,
            @PathVariable("workflow_name") String name, @RequestBody(required = false) JsonNode body,
            HttpServletRequest request) {
        checkName(name);
        BindBody bind = BindBody.read(body, engine.executionRetention());
        Access access = Caller.of(request).access();
        Workflow workflow = engine.workflows().findByIdOrName(access, bind.scriptName())
                .orElseThrow(() -> unknownScript(bind.scriptName()));
        try {
            Binding binding = engine.bindings().bind(access, name, workflow.id(), bind.className(),
                    bind.defaultRetention()).binding();
            boolean terminating = engine.bulk().latestTerminateAll(access.organizationId(), binding.id())
                    .filter(job -> !job.status().isFinished()).isPresent();
            return Envelope.ok(Bound.of(binding, workflow.id(), terminating));
        } catch (UnknownWorkflowException e) {
            throw unknownScript(bind.scriptName()); // deleted meanwhile
        }
    }

    @Operation(operationId = "accountsGetWorkflow", summary = "Get a workflow",
            description = "The workflow with how many of its instances are in each status. Scope: workflows:read.")
    @RequiresScope(Scope.READ)
    @GetMapping("/{workflow_name}")
    Envelope<Summary> get(@PathVariable("account_id") String accountId,
            @PathVariable("workflow_name") String name, HttpServletRequest request) {
        checkName(name);
        Access access = Caller.of(request).access();
        Binding binding = engine.bindings().find(access, name).orElseThrow(() -> workflowNotFound(name));
        return Envelope.ok(summary(access, binding, new ScriptNames(access)));
    }

    @Operation(operationId = "accountsDeleteWorkflow", summary = "Delete a workflow",
            description = "Removes the name and every instance of it (unfinished ones are terminated first); the "
            + "workflow it bound stays. The name is free again at once. Scope: workflows:write.")
    @RequiresScope(Scope.WRITE)
    @DeleteMapping("/{workflow_name}")
    Envelope<Deleted> delete(@PathVariable("account_id") String accountId,
            @PathVariable("workflow_name") String name, HttpServletRequest request) {
        checkName(name);
        if (!engine.bindings().delete(Caller.of(request).access(), name)) {
            throw workflowNotFound(name);
        }
        return Envelope.ok(Deleted.OK);
    }

    private Summary summary(Access access, Binding binding, ScriptNames scripts) {
        // The binding was found by this access; deleted meanwhile, it has no instances left to count.
        return Summary.of(binding, scripts.of(binding.workflowId()),
                engine.bindings().countByStatus(access, binding.name()).orElse(Map.of()));
    }

    /**
     * The {@code script_name} each caller sees: the bound workflow's id when it may read the workflow, else empty.
     * A workflow belongs to the whole organization, the workflow it binds to those who may read it.
     */
    private final class ScriptNames {

        private final Access access;
        private final Map<String, String> seen = new HashMap<>();

        ScriptNames(Access access) {
            this.access = access;
        }

        String of(String workflowId) {
            return seen.computeIfAbsent(workflowId, id -> engine.workflows().readable(access, id) ? id : "");
        }
    }

    /** 400 for a name that no workflow can have. */
    static void checkName(String name) {
        BindingNames.bindingProblem(name).ifPresent(problem -> {
            throw AccountsApiException.invalid("workflow_name " + problem);
        });
    }

    /** 404 (10501): no workflow is bound under this name in the caller's account. */
    static AccountsApiException workflowNotFound(String name) {
        return AccountsApiException.notFound(AccountsErrorCode.WORKFLOW_NOT_FOUND,
                "no workflow named '" + name + "' in this account");
    }

    private static AccountsApiException unknownScript(String scriptName) {
        // The value is not echoed: an id another user may not read stays out of answers, even the sender's own.
        return AccountsApiException.invalid("'script_name' is neither the id nor the name of a workflow of the"
                + " organization you may read");
    }
}
