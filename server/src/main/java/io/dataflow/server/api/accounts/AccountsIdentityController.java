package io.dataflow.server.api.accounts;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Organization;
import io.dataflow.server.auth.AnyKey;
import io.dataflow.server.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Cloudflare's tools ask about the token itself before they reach {@code /accounts}: whether it is valid
 * ({@code /user/tokens/verify}, which wrangler asks when a request was refused) and which accounts it reaches
 * ({@code /memberships}, which wrangler asks to find the account id when {@code CLOUDFLARE_ACCOUNT_ID} is not set).
 * A key reaches one account, its organization. Under {@code /client/v4}, where the tools look for them.
 */
@RestController
@RequestMapping(path = AccountsPaths.CLIENT_V4, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Workflows (accounts)")
class AccountsIdentityController {

    private final Engine engine;

    AccountsIdentityController(Engine engine) {
        this.engine = engine;
    }

    /** A token's state, as Cloudflare's {@code /user/tokens/verify} answers it. */
    @Schema(name = "AccountsTokenStatus")
    record TokenStatus(String id, String status) {
    }

    /** The one account a key reaches, as an entry of Cloudflare's {@code /memberships}. */
    @Schema(name = "AccountsMembership")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Membership(String id, String status, Account account, List<String> roles) {
    }

    /** An account: the organization's id and name. */
    @Schema(name = "AccountsAccount")
    record Account(String id, String name) {
    }

    @Operation(operationId = "accountsVerifyToken", summary = "Verify the API token",
            description = "Whether the token (an API key) is valid: its id and status active. An unknown or revoked"
            + " key gets 401 before this answers.")
    @AnyKey
    @GetMapping("/user/tokens/verify")
    Envelope<TokenStatus> verify(HttpServletRequest request) {
        return Envelope.ok(new TokenStatus(Caller.of(request).key().id(), "active"));
    }

    @Operation(operationId = "accountsListMemberships", summary = "List the accounts the token reaches",
            description = "One membership: the key's organization as the account (its id is the account_id of"
            + " every /accounts path), with the key's scopes as roles.")
    @AnyKey
    @GetMapping("/memberships")
    Envelope<List<Membership>> memberships(
            @Parameter(description = "From 1, default 1") @RequestParam(required = false) String page,
            @Parameter(description = "1 to 100, default 20") @RequestParam(name = "per_page", required = false)
            String perPage,
            HttpServletRequest request) {
        PageQuery query = PageQuery.of(page, perPage);
        Caller caller = Caller.of(request);
        Organization organization = engine.organizations().find(caller.organizationId()).orElseThrow();
        List<Membership> all = List.of(new Membership(caller.key().id(), "accepted",
                new Account(organization.id(), organization.name()), caller.key().scopes().stream().sorted()
                        .toList()));
        List<Membership> items = query.offset() < all.size() ? all : List.of();
        return Envelope.page(items, new ResultInfo(query.page(), query.perPage(), items.size(), all.size()));
    }
}
