package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.Organization;
import io.dataflow.engine.store.OrganizationStore.NewOrganization;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.DataflowOpenApi;
import io.dataflow.server.api.dataflow.RequestBodies;
import io.dataflow.server.api.v1.PeopleViews.ApiKeyCreated;
import io.dataflow.server.api.v1.PeopleViews.OrganizationCreated;
import io.dataflow.server.api.v1.PeopleViews.OrganizationListing;
import io.dataflow.server.api.v1.PeopleViews.OrganizationView;
import io.dataflow.server.api.v1.PeopleViews.UserView;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/organizations}: the tenants. Only an instance administrator (an admin key of the bootstrap key's
 * user, or of a user an instance administrator made one) creates organizations and sees them all; an organization's
 * administrators see their own.
 */
@RestController
@RequestMapping(path = "/api/v1/organizations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Organizations (v1)", description = "Tenants. Instance administrators create them, each with a first "
        + "user who administers it and that user's admin key.")
class OrganizationsV1Controller {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final Engine engine;

    OrganizationsV1Controller(Engine engine) {
        this.engine = engine;
    }

    @Operation(operationId = "v1CreateOrganization", summary = "Create an organization",
            description = "Creates the organization, its first user (its administrator) and that user's admin key, "
            + "whose secret the answer shows this once. Only an instance administrator may. Scope: admin.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                    {"name": "Acme Analytics", "admin": {"name": "Ada Lovelace", "email": "ada@acme.example"}}
                    """)))
    @ApiResponse(responseCode = "201", description = "Created; Location names the organization")
    @ApiResponse(responseCode = "400", description = "The body is not valid; errors lists every problem with its "
            + "JSON pointer", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "403", description = "The key is not an instance administrator's admin key",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @RequiresScope(Scope.ADMIN)
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<OrganizationCreated> create(HttpServletRequest request) {
        if (!Caller.of(request).isInstanceAdmin()) {
            throw DataflowApiException.forbidden("only an instance administrator may create organizations");
        }
        OrganizationBody body = OrganizationBody.read(RequestBodies.parse(request, false));
        NewOrganization created = engine.organizations().create(body.name(), body.adminName(), body.adminEmail());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.organization().id()))
                .body(new OrganizationCreated(OrganizationView.of(created.organization()),
                        UserView.of(created.admin()), ApiKeyCreated.of(created.key())));
    }

    @Operation(operationId = "v1ListOrganizations", summary = "List organizations",
            description = "Every organization, newest first, for an instance administrator; the caller's own for "
            + "other administrators. Scope: admin.")
    @ApiResponse(responseCode = "200", description = "A page of organizations")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @RequiresScope(Scope.ADMIN)
    @GetMapping
    OrganizationListing list(
            @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "How many to skip, default 0") @RequestParam(required = false) String offset,
            HttpServletRequest request) {
        OffsetPaging paging = OffsetPaging.of(limit, offset);
        Caller caller = Caller.of(request);
        CountedPage<Organization> page;
        if (caller.isInstanceAdmin()) {
            page = engine.organizations().list(paging.offset(), paging.limit());
        } else {
            List<Organization> own = engine.organizations().find(caller.organizationId()).stream().toList();
            page = new CountedPage<>(own.size(), paging.offset() == 0 ? own : List.of());
        }
        return new OrganizationListing(page.total(), paging.limit(), paging.offset(),
                page.items().stream().map(OrganizationView::of).toList());
    }

    @Operation(operationId = "v1GetOrganization", summary = "Get an organization",
            description = "The caller's own organization, or any for an instance administrator; others are not "
            + "found. Scope: admin.")
    @ApiResponse(responseCode = "200", description = "The organization")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.ADMIN)
    @GetMapping("/{id}")
    OrganizationView get(@PathVariable String id, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (!caller.isInstanceAdmin() && !caller.organizationId().equals(id)) {
            throw notFound(id);
        }
        return engine.organizations().find(id).map(OrganizationView::of).orElseThrow(() -> notFound(id));
    }

    private static DataflowApiException notFound(String id) {
        return DataflowApiException.notFound("organization " + id);
    }
}
