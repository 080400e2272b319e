package io.dataflow.server.api.v1;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.model.Credential;
import io.dataflow.engine.model.Page;
import io.dataflow.engine.store.CredentialNameTakenException;
import io.dataflow.engine.store.CredentialStore;
import io.dataflow.server.api.dataflow.DataflowApiException;
import io.dataflow.server.api.dataflow.DataflowOpenApi;
import io.dataflow.server.api.dataflow.Paging;
import io.dataflow.server.api.dataflow.RequestBodies;
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

/**
 * {@code /api/v1/credentials} (seed 002's dialect): the organization's credentials, which tasks use through their
 * {@code credential} input or read as {@code {{ secrets.<name> }}}. Values go in and are never shown again: answers
 * carry the field names only, with the rules for using them ({@code usableBy}, {@code templates}). Any key of the
 * organization may read the list; creating, replacing and deleting need an admin key.
 */
@RestController
@RequestMapping(path = "/api/v1/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Credentials", description = "Per-organization secrets, encrypted at rest, for task inputs as "
        + "{{ secrets.<name>.<field> }}. Values are never returned.")
public class CredentialsController {

    private static final String EXAMPLE = """
            {"name": "openai", "type": "openai", "usableBy": "organization", "templates": false,
             "value": {"api_key": "sk-...", "base_url": "https://api.openai.com/v1"}}
            """;

    private static final String INVALID = "The body is not valid; errors lists every problem with its JSON pointer";
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final CredentialStore credentials;

    CredentialsController(CredentialStore credentials) {
        this.credentials = credentials;
    }

    @Schema(name = "Credential", description = "A credential's metadata; its value is never shown")
    record CredentialView(String id, String name, String type,
            @Schema(description = "Which executions may use it: those started by an admin key, or by any key of "
                    + "the organization", allowableValues = {"admins", "organization"}) String usableBy,
            @Schema(description = "Whether {{ secrets.<name> }} templates may read the value; a task type's own "
                    + "credential input may use it either way") boolean templates,
            @Schema(description = "Names of the value's fields") List<String> fields, Instant createdAt,
            Instant updatedAt) {
        static CredentialView of(Credential c) {
            return new CredentialView(c.id(), c.name(), c.type(), CredentialWords.of(c.policy().usableBy()),
                    c.policy().templates(), c.fields(), c.createdAt(), c.updatedAt());
        }
    }

    @Schema(name = "CredentialListing")
    record Listing(List<CredentialView> credentials, int limit,
            @Schema(description = "Pass as cursor to get the next page; null on the last page") String nextCursor) {
    }

    @Operation(operationId = "createCredential", summary = "Create a credential",
            description = "Stores the value encrypted. Names are 1 to 100 letters, digits, '_' or '-', unique in the "
            + "organization. usableBy ('admins', the default, or 'organization') says which executions may use it, "
            + "by the key that started them; templates (default: true for admins, false for organization) whether "
            + "{{ secrets }} templates may read it. Needs an admin key.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = EXAMPLE)))
    @ApiResponse(responseCode = "201", description = "Created; Location names the credential")
    @ApiResponse(responseCode = "400", description = INVALID, content = @Content(mediaType = PROBLEM,
            schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "403", ref = DataflowOpenApi.FORBIDDEN)
    @ApiResponse(responseCode = "409", description = "The organization already has a credential of this name",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @RequiresScope(Scope.ADMIN)
    @PostMapping(consumes = MediaType.ALL_VALUE)
    ResponseEntity<CredentialView> create(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        CredentialBody body = CredentialBody.forCreate(RequestBodies.parse(request, false));
        try {
            Credential created = credentials.create(caller.organizationId(), body.name(), body.type(), body.policy(),
                    body.value());
            return ResponseEntity.created(URI.create("/api/v1/credentials/" + created.name()))
                    .body(CredentialView.of(created));
        } catch (CredentialNameTakenException e) {
            throw DataflowApiException.conflict(e.getMessage());
        }
    }

    @Operation(operationId = "listCredentials", summary = "List credentials",
            description = "The organization's credentials, newest first, without values.")
    @ApiResponse(responseCode = "200", description = "A page of credentials")
    @ApiResponse(responseCode = "400", ref = DataflowOpenApi.BAD_PARAMETER)
    @RequiresScope(Scope.READ)
    @GetMapping
    Listing list(
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @Parameter(description = "Page size", schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                    defaultValue = "20")) @RequestParam(required = false) String limit,
            HttpServletRequest request) {
        int size = Paging.limit(limit);
        Page<Credential> page = credentials.list(Caller.of(request).organizationId(), Paging.cursor(cursor), size);
        return new Listing(page.items().stream().map(CredentialView::of).toList(), size, page.nextCursor());
    }

    @Operation(operationId = "getCredential", summary = "Get a credential's metadata",
            description = "Its id, type, field names and times; never its value.")
    @ApiResponse(responseCode = "200", description = "The credential")
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.READ)
    @GetMapping("/{name}")
    CredentialView get(@PathVariable String name, HttpServletRequest request) {
        return credentials.find(Caller.of(request).organizationId(), name).map(CredentialView::of)
                .orElseThrow(() -> notFound(name));
    }

    @Operation(operationId = "replaceCredential", summary = "Replace a credential's value, type and rules",
            description = "Tasks that start after this see the new value under the new rules. usableBy and templates "
            + "left out take their defaults again, as on create. Needs an admin key.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, examples = @ExampleObject(value = """
                    {"type": "openai", "usableBy": "admins", "templates": true, "value": {"api_key": "sk-new..."}}
                    """)))
    @ApiResponse(responseCode = "200", description = "The credential as stored now")
    @ApiResponse(responseCode = "400", description = INVALID, content = @Content(mediaType = PROBLEM,
            schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "403", ref = DataflowOpenApi.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @ApiResponse(responseCode = "413", ref = DataflowOpenApi.TOO_LARGE)
    @RequiresScope(Scope.ADMIN)
    @PutMapping(path = "/{name}", consumes = MediaType.ALL_VALUE)
    CredentialView replace(@PathVariable String name, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        CredentialBody body = CredentialBody.forReplace(RequestBodies.parse(request, false), name);
        return credentials.replace(caller.organizationId(), name, body.type(), body.policy(), body.value())
                .map(CredentialView::of).orElseThrow(() -> notFound(name));
    }

    @Operation(operationId = "deleteCredential", summary = "Delete a credential",
            description = "Tasks that read it afterwards fail, naming it. Needs an admin key.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "403", ref = DataflowOpenApi.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = DataflowOpenApi.NOT_FOUND)
    @RequiresScope(Scope.ADMIN)
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, HttpServletRequest request) {
        Caller caller = Caller.of(request);
        if (!credentials.delete(caller.organizationId(), name)) {
            throw notFound(name);
        }
        return ResponseEntity.noContent().build();
    }

    private static DataflowApiException notFound(String name) {
        return DataflowApiException.notFound("credential '" + name + "'");
    }
}
