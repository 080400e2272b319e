package io.dataflow.server.api.v1;

import io.dataflow.engine.model.ApiKey;
import io.dataflow.engine.model.Organization;
import io.dataflow.engine.model.User;
import io.dataflow.engine.store.ApiKeyStore.IssuedKey;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The answers of {@code /api/v1/organizations}, {@code /api/v1/users} and {@code /api/v1/api-keys}. */
final class PeopleViews {

    private PeopleViews() {
    }

    @Schema(name = "V1Organization", description = "An organization (a tenant); its webhook signing secret is shown "
            + "by GET /organization to its administrators only")
    record OrganizationView(String id, String name, Instant createdAt) {
        static OrganizationView of(Organization o) {
            return new OrganizationView(o.id(), o.name(), o.createdAt());
        }
    }

    @Schema(name = "V1User", description = "A user of one organization")
    record UserView(String id, String organizationId, String name,
            @Schema(description = "Unique among the organization's users; null when not given",
                    nullable = true) String email,
            @Schema(description = "Whether the user's admin keys may create and see every organization")
            boolean instanceAdmin, Instant createdAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.organizationId(), u.name(), u.email(), u.instanceAdmin(), u.createdAt());
        }
    }

    @Schema(name = "V1ApiKey", description = "An API key's record; never its secret, which only the answer that "
            + "created it shows")
    record ApiKeyView(String id, String organizationId, String userId, String name,
            @Schema(description = "The secret's first characters, to tell keys apart") String prefix,
            @Schema(description = "workflows:read, workflows:write, workflows:execute and/or admin")
            List<String> scopes, Instant createdAt,
            @Schema(description = "When it was revoked; null while it works", nullable = true) Instant revokedAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id(), k.organizationId(), k.userId(), k.name(), k.prefix(), scopeWords(k),
                    k.createdAt(), k.revokedAt());
        }
    }

    @Schema(name = "V1ApiKeyCreated", description = "A key just created, with its secret: shown this once, never "
            + "again (only its SHA-256 is stored)")
    record ApiKeyCreated(String id, String organizationId, String userId, String name, String prefix,
            List<String> scopes, Instant createdAt,
            @Schema(description = "The secret, to send as X-API-Key; store it now") String key) {
        static ApiKeyCreated of(IssuedKey issued) {
            ApiKey k = issued.key();
            return new ApiKeyCreated(k.id(), k.organizationId(), k.userId(), k.name(), k.prefix(), scopeWords(k),
                    k.createdAt(), issued.secret());
        }
    }

    @Schema(name = "V1OrganizationCreated", description = "A new organization, its first user (its administrator) "
            + "and that user's admin key, whose secret is shown this once")
    record OrganizationCreated(OrganizationView organization, UserView admin, ApiKeyCreated apiKey) {
    }

    @Schema(name = "V1OrganizationListing")
    record OrganizationListing(long count, int limit, int offset, List<OrganizationView> organizations) {
    }

    @Schema(name = "V1UserListing")
    record UserListing(long count, int limit, int offset, List<UserView> users) {
    }

    @Schema(name = "V1ApiKeyListing")
    record ApiKeyListing(long count, int limit, int offset, List<ApiKeyView> apiKeys) {
    }

    /** In the order the API lists scopes everywhere. */
    private static List<String> scopeWords(ApiKey k) {
        return ApiKeyBody.SCOPE_WORDS.stream().filter(k.scopes()::contains).toList();
    }
}
