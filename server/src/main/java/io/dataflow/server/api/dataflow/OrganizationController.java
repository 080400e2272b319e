package io.dataflow.server.api.dataflow;

import io.dataflow.server.auth.RequiresScope;
import io.dataflow.server.auth.Scope;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Organization;
import io.dataflow.server.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /organization}: the caller's organization, with the secret its webhooks are signed with (Standard
 * Webhooks, {@code whsec_...}) so receivers can verify them. Shows the secret, so it needs an admin key.
 */
@RestController
@Tag(name = "Organization", description = "The caller's organization and its webhook signing secret.")
class OrganizationController {

    private final Engine engine;

    OrganizationController(Engine engine) {
        this.engine = engine;
    }

    @Schema(name = "Organization")
    record OrganizationView(String organization_id, String name, Instant created_at, String webhook_signing_secret) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id(), o.name(), o.createdAt(), o.webhookSecret());
        }
    }

    @Operation(operationId = "getOrganization", summary = "Get the caller's organization",
            description = "With the secret every webhook of the "
            + "organization is signed with (Standard Webhooks, whsec_...). Needs an admin key.")
    @ApiResponse(responseCode = "200", description = "The organization")
    @ApiResponse(responseCode = "403", ref = DataflowOpenApi.FORBIDDEN)
    @RequiresScope(Scope.ADMIN)
    @GetMapping(path = "/organization", produces = MediaType.APPLICATION_JSON_VALUE)
    OrganizationView get(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        return engine.organizations().find(caller.organizationId()).map(OrganizationView::of)
                .orElseThrow(() -> DataflowApiException.notFound("organization " + caller.organizationId()));
    }
}
