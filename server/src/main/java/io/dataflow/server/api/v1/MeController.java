package io.dataflow.server.api.v1;

import io.dataflow.engine.Engine;
import io.dataflow.engine.model.Organization;
import io.dataflow.engine.model.User;
import io.dataflow.server.auth.AnyKey;
import io.dataflow.server.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/me}: who the presented key is, for a client (the web UI) that must know what to offer before
 * it is refused: the key's name and scopes, its user and its organization. Any valid key may ask about itself.
 */
@RestController
@Tag(name = "API keys (v1)")
public class MeController {

    private final Engine engine;

    public MeController(Engine engine) {
        this.engine = engine;
    }

    @Schema(name = "V1Me", description = "The presented key, its scopes, its user and its organization; never a secret")
    record Me(String keyId, String keyName, List<String> scopes, String userId, String userName,
            String organizationId, String organizationName, boolean instanceAdmin) {
    }

    @Operation(operationId = "v1Me", summary = "Who the presented key is",
            description = "The key's id, name and scopes, its user and its organization, and whether it is an "
            + "instance administrator's. Any valid key.")
    @ApiResponse(responseCode = "200", description = "The caller")
    @AnyKey
    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Me me(HttpServletRequest request) {
        Caller caller = Caller.of(request);
        String userName = engine.users().find(caller.organizationId(), caller.userId()).map(User::name).orElse(null);
        String organizationName = engine.organizations().find(caller.organizationId()).map(Organization::name)
                .orElse(null);
        return new Me(caller.key().id(), caller.key().name(), caller.key().scopes().stream().sorted().toList(),
                caller.userId(), userName, caller.organizationId(), organizationName, caller.isInstanceAdmin());
    }
}
