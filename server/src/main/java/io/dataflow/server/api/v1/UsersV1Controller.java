package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.model.User;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.DataflowOpenApi;
import io.dataflow.server.api.dataflow.RequestBodies;
import io.dataflow.server.api.v1.PeopleViews.UserListing;
import io.dataflow.server.api.v1.PeopleViews.UserView;
import io.dataflow.server.auth.ApiKeyFilter;
import io.dataflow.server.auth.Caller;
import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.server.limits.OrganizationLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: the people (or services) of the caller's organization, who own API keys and workflows.
 * Administrators manage them; a deleted user's keys stop working and its email may be given to a new user.
 */
@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users (v1)", description = "The users of the caller's organization. Needs an admin key.")
class UsersV1Controller {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final Engine engine;
    private final OrganizationLimits limits;
    private final ApiKeyFilter keyCache;

    UsersV1Controller(Engine engine, OrganizationLimits limits, ApiKeyFilter keyCache) {
        this.engine = engine;
        this.limits = limits;
        this.keyCache = keyCache;
    }

    @Operation(operationId = "v1CreateUser", summary = "Create a user",
            description = "Adds a user to the caller's organization. email is optional and unique in the "
            + "organization. instanceAdmin (default false) lets the user's admin keys create and see every "
            + "organization; only an instance administrator may set it. An organization has at most "
            + "DATAFLOW_LIMIT_USERS users (1000 by default). Scope: admin.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                    {"name": "Grace Hopper", "email": "grace@acme.example"}
                    """)))
    @ApiResponse(responseCode = "201", description = "Created; Location names the user")
    @ApiResponse(responseCode = "400", description = "The body is not valid; errors lists every problem with its "
            + "JSON pointer", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "403", description = "instanceAdmin was asked by a key that is not an instance "
            + "administrator's", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "409", description = "Another user of the organization has this email",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @ApiResponse(responseCode = "429", ref = DataflowOpenApi.COUNT_LIMIT)
    @RequiresScope(Scope.ADMIN)
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<UserView> create(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        UserBody body = UserBody.read(RequestBodies.parse(request, false));
        if (body.instanceAdmin() && !caller.isInstanceAdmin()) {
            throw DataflowApiException.forbidden("only an instance administrator may make a user an instance"
                    + " administrator");
        }
        User user = engine.users().create(caller.organizationId(), body.name(), body.email(), body.instanceAdmin(),
                limits.maxUsers());
        return ResponseEntity.created(URI.create("/api/v1/users/" + user.id())).body(UserView.of(user));
    }

    @Operation(operationId = "v1ListUsers", summary = "List users",
            description = "The organization's users, newest first. Scope: admin.")
    @ApiResponse(responseCode = "200", description = "A page of users")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @RequiresScope(Scope.ADMIN)
    @GetMapping
    UserListing list(
            @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "How many to skip, default 0") @RequestParam(required = false) String offset,
            HttpServletRequest request) {
        OffsetPaging paging = OffsetPaging.of(limit, offset);
        CountedPage<User> page = engine.users().list(Caller.of(request).organizationId(), paging.offset(),
                paging.limit());
        return new UserListing(page.total(), paging.limit(), paging.offset(),
                page.items().stream().map(UserView::of).toList());
    }

    @Operation(operationId = "v1GetUser", summary = "Get a user", description = "A user of the caller's "
            + "organization; users of other organizations and deleted users are not found. Scope: admin.")
    @ApiResponse(responseCode = "200", description = "The user")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.ADMIN)
    @GetMapping("/{id}")
    UserView get(@PathVariable String id, HttpServletRequest request) {
        return engine.users().find(Caller.of(request).organizationId(), id).map(UserView::of)
                .orElseThrow(() -> notFound(id));
    }

    @Operation(operationId = "v1DeleteUser", summary = "Delete a user",
            description = "Revokes the user's keys (at once on the node that answers, within 10 seconds on every "
            + "other node), stops sharing workflows with it and frees its email. Workflows it owns stay. A caller "
            + "cannot delete its own user; only an instance administrator may delete an instance administrator. "
            + "Scope: admin.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", description = "The user is an instance administrator and the caller is not",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "The user is the caller's own",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @RequiresScope(Scope.ADMIN)
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        User user = engine.users().find(caller.organizationId(), id).orElseThrow(() -> notFound(id));
        if (user.id().equals(caller.userId())) {
            throw DataflowApiException.conflict("a user cannot delete itself; ask another administrator");
        }
        if (user.instanceAdmin() && !caller.isInstanceAdmin()) {
            throw DataflowApiException.forbidden("only an instance administrator may delete an instance"
                    + " administrator");
        }
        if (!engine.users().delete(caller.organizationId(), id)) {
            throw notFound(id);
        }
        keyCache.forgetKeysOf(id);
        return ResponseEntity.noContent().build();
    }

    private static DataflowApiException notFound(String id) {
        return DataflowApiException.notFound("user " + id);
    }
}
