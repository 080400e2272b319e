package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.ApiKey;
import io.dataflow.engine.model.CountedPage;
import io.dataflow.engine.store.ApiKeyStore.IssuedKey;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.DataflowOpenApi;
import io.dataflow.server.api.dataflow.RequestBodies;
import io.dataflow.server.api.v1.PeopleViews.ApiKeyCreated;
import io.dataflow.server.api.v1.PeopleViews.ApiKeyListing;
import io.dataflow.server.api.v1.PeopleViews.ApiKeyView;
import io.dataflow.server.auth.AnyKey;
import io.dataflow.server.auth.ApiKeyFilter;
import io.dataflow.server.auth.Caller;
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
import java.util.List;
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
 * {@code /api/v1/api-keys}: keys act as their user with their scopes. Any key may manage its own user's keys, with
 * no more scopes than it holds itself; an admin key manages every key of its organization. A key's secret is in the
 * answer that creates it and nowhere else: only its SHA-256 is stored.
 *
 * <p>A revoked key stops working at once on the node that revoked it ({@link ApiKeyFilter#forget}); other nodes
 * accept it until their cached lookup expires, within {@link ApiKeyFilter#CACHE_LIFETIME}.
 */
@RestController
@RequestMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API keys (v1)", description = "Keys of the organization's users, with scopes workflows:read, "
        + "workflows:write, workflows:execute and admin. A secret is shown once, when its key is created.")
class ApiKeysV1Controller {

    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final Engine engine;
    private final OrganizationLimits limits;
    private final ApiKeyFilter keyCache;

    ApiKeysV1Controller(Engine engine, OrganizationLimits limits, ApiKeyFilter keyCache) {
        this.engine = engine;
        this.limits = limits;
        this.keyCache = keyCache;
    }

    @Operation(operationId = "v1CreateApiKey", summary = "Create an API key",
            description = "Issues a key to the caller's own user, or with userId to another user of the "
            + "organization (admin keys only). A key without the admin scope may give the new key only scopes it "
            + "holds itself. The answer's key is the secret, shown this once. A user has at most "
            + "DATAFLOW_LIMIT_API_KEYS_PER_USER unrevoked keys (100 by default). Any key.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                    {"name": "nightly reports", "scopes": ["workflows:read", "workflows:execute"]}
                    """)))
    @ApiResponse(responseCode = "201", description = "Created; Location names the key. The secret is in key")
    @ApiResponse(responseCode = "400", description = "The body is not valid; errors lists every problem with its "
            + "JSON pointer, an unknown scope at #/scopes/<i>", content = @Content(mediaType = PROBLEM,
            schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "403", description = "A key without the admin scope asked for a scope it lacks or "
            + "for another user's key", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "404", description = "No such user in the caller's organization",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @ApiResponse(responseCode = "429", ref = DataflowOpenApi.COUNT_LIMIT)
    @AnyKey
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<ApiKeyCreated> create(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        ApiKeyBody body = ApiKeyBody.read(RequestBodies.parse(request, false));
        String userId = body.userId() != null ? body.userId() : caller.userId();
        if (!caller.isAdmin()) {
            if (!userId.equals(caller.userId())) {
                throw DataflowApiException.forbidden("a key without the admin scope may create keys only for its own"
                        + " user");
            }
            List<String> lacking = ApiKeyBody.SCOPE_WORDS.stream()
                    .filter(s -> body.scopes().contains(s) && !caller.key().scopes().contains(s)).toList();
            if (!lacking.isEmpty()) {
                throw DataflowApiException.forbidden("a key may give a new key only scopes it holds itself; this key"
                        + " lacks " + String.join(", ", lacking));
            }
        }
        IssuedKey issued = engine.apiKeys().create(caller.organizationId(), userId, body.name(), body.scopes(),
                limits.maxApiKeysPerUser()).orElseThrow(() -> DataflowApiException.notFound("user " + userId));
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.key().id()))
                .body(ApiKeyCreated.of(issued));
    }

    @Operation(operationId = "v1ListApiKeys", summary = "List API keys",
            description = "Newest first, revoked ones included, never their secrets. An admin key sees every key "
            + "of the organization (userId narrows them to one user's); other keys see their own user's. Any key.")
    @ApiResponse(responseCode = "200", description = "A page of keys")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @ApiResponse(responseCode = "403", description = "A key without the admin scope asked for another user's keys",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @AnyKey
    @GetMapping
    ApiKeyListing list(
            @Parameter(description = "Only this user's keys") @RequestParam(required = false) String userId,
            @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String limit,
            @Parameter(description = "How many to skip, default 0") @RequestParam(required = false) String offset,
            HttpServletRequest request) {
        Caller caller = Caller.of(request);
        OffsetPaging paging = OffsetPaging.of(limit, offset);
        String owner = userId == null || userId.isBlank() ? null : userId.strip();
        if (owner != null && owner.length() > PersonFields.MAX_ID) {
            throw DataflowApiException.badParameter("userId", "is not a user id (at most " + PersonFields.MAX_ID
                    + " characters)");
        }
        if (!caller.isAdmin()) {
            if (owner != null && !owner.equals(caller.userId())) {
                throw DataflowApiException.forbidden("a key without the admin scope sees only its own user's keys");
            }
            owner = caller.userId();
        }
        CountedPage<ApiKey> page = engine.apiKeys().list(caller.organizationId(), owner, paging.offset(),
                paging.limit());
        return new ApiKeyListing(page.total(), paging.limit(), paging.offset(),
                page.items().stream().map(ApiKeyView::of).toList());
    }

    @Operation(operationId = "v1GetApiKey", summary = "Get an API key",
            description = "Its name, prefix, scopes, user and times; never its secret. Keys of other users are not "
            + "found unless the caller's key is an admin key. Any key.")
    @ApiResponse(responseCode = "200", description = "The key")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @AnyKey
    @GetMapping("/{id}")
    ApiKeyView get(@PathVariable String id, HttpServletRequest request) {
        return ApiKeyView.of(visible(Caller.of(request), id));
    }

    @Operation(operationId = "v1RevokeApiKey", summary = "Revoke an API key",
            description = "The key stops working at once on the node that answers and within 10 seconds (the key "
            + "cache's lifetime) on every other node. Revoking a revoked key changes nothing and answers 204 too. "
            + "A key may revoke its own user's keys, itself included; an admin key any key of the organization. "
            + "Any key.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @AnyKey
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        visible(caller, id);
        engine.apiKeys().revoke(caller.organizationId(), id);
        keyCache.forget(id);
        return ResponseEntity.noContent().build();
    }

    /** The key, if the caller may see it: any of the organization's for an admin key, its own user's otherwise. */
    private ApiKey visible(Caller caller, String id) {
        return engine.apiKeys().find(caller.organizationId(), id)
                .filter(key -> caller.isAdmin() || key.userId().equals(caller.userId()))
                .orElseThrow(() -> DataflowApiException.notFound("API key " + id));
    }
}
