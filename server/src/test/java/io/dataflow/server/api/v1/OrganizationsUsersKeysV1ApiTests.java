package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.parameters;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/organizations}, {@code /api/v1/users} and {@code /api/v1/api-keys}: an instance administrator makes
 * an organization, whose administrator adds users and keys with scopes; organizations never see each other's people;
 * a revoked key stops working with the next request; bad bodies change nothing.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OrganizationsUsersKeysV1ApiTests {

    static final String WORKFLOW = """
            {"name": "%s", "nodes": [], "connections": []}""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    /** The bootstrap key: an instance administrator. */
    private Api instanceAdmin() {
        return server().api();
    }

    /** A new organization made through the API; its administrator's client. */
    private NewOrg createOrganization(String name) {
        Api.Response created = instanceAdmin().post("/api/v1/organizations", """
                {"name": "%s", "admin": {"name": "Ada", "email": "ada@example.com"}}""".formatted(name));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode body = created.body();
        return new NewOrg(body.get("organization").get("id").asString(), body.get("admin").get("id").asString(),
                instanceAdmin().withKey(body.get("apiKey").get("key").asString()), body);
    }

    record NewOrg(String id, String adminUserId, Api admin, JsonNode created) {
    }

    private static String createUser(Api admin, String name, String email) {
        Api.Response created = admin.post("/api/v1/users", email == null ? "{\"name\": \"%s\"}".formatted(name)
                : "{\"name\": \"%s\", \"email\": \"%s\"}".formatted(name, email));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + id);
        return id;
    }

    /** Creates a key and returns the answer's body, which holds the secret as {@code key}. */
    private static JsonNode createKey(Api caller, String userId, String... scopes) {
        String scopeList = String.join(", ", List.of(scopes).stream().map(s -> "\"" + s + "\"").toList());
        Api.Response created = caller.post("/api/v1/api-keys", userId == null
                ? "{\"name\": \"k\", \"scopes\": [%s]}".formatted(scopeList)
                : "{\"name\": \"k\", \"scopes\": [%s], \"userId\": \"%s\"}".formatted(scopeList, userId));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/api-keys/" + created.body().get("id").asString());
        return created.body();
    }

    /** Asserts a 400 problem and returns the pointers of its errors. */
    private static List<String> bad(Api.Response response) {
        assertProblem(response, 400);
        return pointers(response);
    }

    private static List<String> badParameters(Api.Response response) {
        assertProblem(response, 400);
        return parameters(response);
    }

    private long count(String sql, Object... params) {
        try (Connection c = server().dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAdministratorCreatesAnOrganizationWithUsersAndScopedKeys() throws Exception {
        NewOrg b = createOrganization("Org B " + UUID.randomUUID());
        JsonNode created = b.created();
        assertThat(created.propertyNames()).containsExactlyInAnyOrder("organization", "admin", "apiKey");
        assertThat(created.get("organization").propertyNames()).containsExactlyInAnyOrder("id", "name", "createdAt");
        assertThat(created.get("admin").get("email").asString()).isEqualTo("ada@example.com");
        assertThat(created.get("admin").get("instanceAdmin").asBoolean()).isFalse();
        JsonNode adminKey = created.get("apiKey");
        assertThat(adminKey.get("scopes").valueStream().map(JsonNode::asString)).containsExactly("admin");
        assertThat(adminKey.get("userId").asString()).isEqualTo(b.adminUserId());
        assertThat(adminKey.get("key").asString()).startsWith(adminKey.get("prefix").asString());

        // B's administrator sees its organization, and only its own.
        assertThat(b.admin().get("/api/v1/organizations/" + b.id()).body().get("id").asString()).isEqualTo(b.id());
        JsonNode orgs = b.admin().get("/api/v1/organizations").body();
        assertThat(orgs.get("count").asLong()).isEqualTo(1);
        assertThat(orgs.get("organizations").get(0).get("id").asString()).isEqualTo(b.id());

        // Users with scoped keys.
        String grace = createUser(b.admin(), "Grace", "grace@example.com");
        JsonNode user = b.admin().get("/api/v1/users/" + grace).body();
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "organizationId", "name", "email",
                "instanceAdmin", "createdAt");
        assertThat(user.get("organizationId").asString()).isEqualTo(b.id());
        JsonNode users = b.admin().get("/api/v1/users?limit=1").body();
        assertThat(users.get("count").asLong()).isEqualTo(2);
        assertThat(users.get("users")).hasSize(1);
        assertThat(users.get("users").get(0).get("id").asString()).as("newest first").isEqualTo(grace);
        assertThat(b.admin().get("/api/v1/users?limit=1&offset=1").body().get("users").get(0).get("id").asString())
                .isEqualTo(b.adminUserId());

        JsonNode readKey = createKey(b.admin(), grace, "workflows:read");
        assertThat(readKey.propertyNames()).containsExactlyInAnyOrder("id", "organizationId", "userId", "name",
                "prefix", "scopes", "createdAt", "key");
        assertThat(readKey.get("userId").asString()).isEqualTo(grace);
        String secret = readKey.get("key").asString();
        Api reader = b.admin().withKey(secret);

        // The secret is shown once: never by a read, and stored only as its SHA-256.
        JsonNode shown = b.admin().get("/api/v1/api-keys/" + readKey.get("id").asString()).body();
        assertThat(shown.propertyNames()).containsExactlyInAnyOrder("id", "organizationId", "userId", "name",
                "prefix", "scopes", "createdAt", "revokedAt");
        assertThat(shown.toString()).doesNotContain(secret).doesNotContain(sha256(secret));
        assertThat(count("SELECT COUNT(*) FROM api_keys WHERE id = ? AND key_hash = ?", readKey.get("id").asString(),
                sha256(secret))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM api_keys WHERE key_hash = ? OR key_prefix = ? OR name = ?", secret,
                secret, secret)).isZero();

        // The read-only key lists workflows but may not create one.
        String workflow = b.admin().post("/api/v1/workflows", WORKFLOW.formatted("w " + UUID.randomUUID()))
                .body().get("workflowId").asString();
        assertThat(reader.get("/api/v1/workflows").status()).isEqualTo(200);
        assertProblem(reader.post("/api/v1/workflows", WORKFLOW.formatted("nope")), 403);
        assertThat(b.admin().get("/api/v1/workflows").body().get("count").asLong()).isEqualTo(1);
        assertThat(workflow).isNotBlank();

        // It may make itself another key with scopes it holds, not with more, and not for someone else.
        JsonNode own = createKey(reader, null, "workflows:read");
        assertThat(own.get("userId").asString()).isEqualTo(grace);
        assertThat(assertProblem(reader.post("/api/v1/api-keys",
                "{\"name\": \"k\", \"scopes\": [\"workflows:read\", \"workflows:write\"]}"), 403)
                .get("detail").asString()).contains("workflows:write");
        assertProblem(reader.post("/api/v1/api-keys", "{\"name\": \"k\", \"scopes\": [\"admin\"]}"), 403);
        assertProblem(reader.post("/api/v1/api-keys", "{\"name\": \"k\", \"scopes\": [\"workflows:read\"],"
                + " \"userId\": \"" + b.adminUserId() + "\"}"), 403);

        // A non-admin key sees its own user's keys; the administrator sees all, or one user's.
        JsonNode readerKeys = reader.get("/api/v1/api-keys").body();
        assertThat(readerKeys.get("count").asLong()).isEqualTo(2);
        assertThat(readerKeys.get("apiKeys").valueStream().map(k -> k.get("userId").asString())).containsOnly(grace);
        assertProblem(reader.get("/api/v1/api-keys/" + adminKey.get("id").asString()), 404);
        assertProblem(reader.get("/api/v1/api-keys?userId=" + b.adminUserId()), 403);
        assertThat(b.admin().get("/api/v1/api-keys").body().get("count").asLong()).isEqualTo(3);
        assertThat(b.admin().get("/api/v1/api-keys?userId=" + grace).body().get("count").asLong()).isEqualTo(2);

        // An executing key for another user, made by the administrator.
        String lin = createUser(b.admin(), "Lin", null);
        JsonNode runner = createKey(b.admin(), lin, "workflows:read", "workflows:execute");
        assertThat(runner.get("scopes").valueStream().map(JsonNode::asString))
                .containsExactly("workflows:read", "workflows:execute");
        assertThat(b.admin().withKey(runner.get("key").asString()).get("/api/v1/workflows").status()).isEqualTo(200);
    }

    @Test
    void anotherOrganizationsUsersAndKeysAreNotFound() {
        Api a = server().newOrganization("Org A " + UUID.randomUUID());
        NewOrg b = createOrganization("Org B " + UUID.randomUUID());
        String bUser = createUser(b.admin(), "Bea", "bea@example.com");
        String bKey = createKey(b.admin(), bUser, "workflows:read").get("id").asString();

        assertProblem(a.get("/api/v1/users/" + bUser), 404);
        assertProblem(a.delete("/api/v1/users/" + bUser), 404);
        assertProblem(a.get("/api/v1/api-keys/" + bKey), 404);
        assertProblem(a.delete("/api/v1/api-keys/" + bKey), 404);
        assertProblem(a.post("/api/v1/api-keys", "{\"name\": \"k\", \"scopes\": [\"admin\"], \"userId\": \""
                + bUser + "\"}"), 404);
        assertProblem(a.get("/api/v1/organizations/" + b.id()), 404);
        assertThat(a.get("/api/v1/users").body().get("users").valueStream().map(u -> u.get("id").asString()))
                .doesNotContain(bUser, b.adminUserId());
        assertThat(a.get("/api/v1/api-keys?userId=" + bUser).body().get("count").asLong()).isZero();
        assertThat(a.get("/api/v1/users").body().get("count").asLong()).isEqualTo(1);

        // B's user and key are untouched, and its email may be used in A.
        assertThat(b.admin().get("/api/v1/users/" + bUser).status()).isEqualTo(200);
        assertThat(b.admin().get("/api/v1/api-keys/" + bKey).body().get("revokedAt").isNull()).isTrue();
        createUser(a, "Bea elsewhere", "bea@example.com");
    }

    @Test
    void onlyAnInstanceAdministratorCreatesOrganizationsAndInstanceAdministrators() {
        NewOrg b = createOrganization("Org B " + UUID.randomUUID());
        long organizations = count("SELECT COUNT(*) FROM organizations");
        assertProblem(b.admin().post("/api/v1/organizations", "{\"name\": \"mine\", \"admin\": {\"name\": \"x\"}}"),
                403);
        assertThat(count("SELECT COUNT(*) FROM organizations")).isEqualTo(organizations);
        assertProblem(b.admin().post("/api/v1/users", "{\"name\": \"root\", \"instanceAdmin\": true}"), 403);
        assertThat(count("SELECT COUNT(*) FROM users WHERE organization_id = ?", b.id())).isEqualTo(1);

        // The instance administrator sees every organization, a page at a time, and may make another one.
        JsonNode all = instanceAdmin().get("/api/v1/organizations?limit=1").body();
        assertThat(all.get("count").asLong()).isEqualTo(organizations);
        assertThat(all.get("organizations")).hasSize(1);
        assertThat(instanceAdmin().get("/api/v1/organizations/" + b.id()).status()).isEqualTo(200);
        Api.Response made = instanceAdmin().post("/api/v1/users", "{\"name\": \"Root " + UUID.randomUUID()
                + "\", \"instanceAdmin\": true}");
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        assertThat(made.body().get("instanceAdmin").asBoolean()).isTrue();
        Api second = instanceAdmin().withKey(createKey(instanceAdmin(), made.body().get("id").asString(), "admin")
                .get("key").asString());
        assertThat(second.post("/api/v1/organizations", "{\"name\": \"by second\", \"admin\": {\"name\": \"x\"}}")
                .status()).isEqualTo(201);
        assertProblem(b.admin().delete("/api/v1/users/" + made.body().get("id").asString()), 404);
    }

    @Test
    void aRevokedKeyStopsWorkingWithTheNextRequest() {
        NewOrg b = createOrganization("Org B " + UUID.randomUUID());
        String user = createUser(b.admin(), "Rex", null);
        JsonNode key = createKey(b.admin(), user, "workflows:read");
        Api holder = b.admin().withKey(key.get("key").asString());
        assertThat(holder.get("/api/v1/workflows").status()).isEqualTo(200);

        assertThat(b.admin().delete("/api/v1/api-keys/" + key.get("id").asString()).status()).isEqualTo(204);
        assertProblem(holder.get("/api/v1/workflows"), 401);
        assertThat(b.admin().delete("/api/v1/api-keys/" + key.get("id").asString()).status())
                .as("revoking twice").isEqualTo(204);
        assertThat(b.admin().get("/api/v1/api-keys/" + key.get("id").asString()).body().get("revokedAt").isNull())
                .isFalse();

        // A key may revoke itself.
        JsonNode self = createKey(b.admin(), user, "workflows:read");
        Api selfHolder = b.admin().withKey(self.get("key").asString());
        assertThat(selfHolder.get("/api/v1/api-keys").status()).isEqualTo(200);
        assertThat(selfHolder.delete("/api/v1/api-keys/" + self.get("id").asString()).status()).isEqualTo(204);
        assertProblem(selfHolder.get("/api/v1/api-keys"), 401);
        assertProblem(b.admin().get("/api/v1/api-keys/key-nope"), 404);
        assertProblem(b.admin().delete("/api/v1/api-keys/key-nope"), 404);
    }

    @Test
    void deletingAUserRevokesItsKeysAndFreesItsEmail() {
        NewOrg b = createOrganization("Org B " + UUID.randomUUID());
        String user = createUser(b.admin(), "Dee", "dee@example.com");
        Api holder = b.admin().withKey(createKey(b.admin(), user, "workflows:read").get("key").asString());
        assertThat(holder.get("/api/v1/workflows").status()).isEqualTo(200);
        assertProblem(b.admin().post("/api/v1/users", "{\"name\": \"Dee 2\", \"email\": \"dee@example.com\"}"), 409);

        assertThat(b.admin().delete("/api/v1/users/" + user).status()).isEqualTo(204);
        assertProblem(holder.get("/api/v1/workflows"), 401);
        assertProblem(b.admin().get("/api/v1/users/" + user), 404);
        assertProblem(b.admin().delete("/api/v1/users/" + user), 404);
        assertThat(count("SELECT COUNT(*) FROM users WHERE id = ? AND deleted_at IS NOT NULL AND email IS NULL",
                user)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM api_keys WHERE user_id = ? AND revoked_at IS NULL", user)).isZero();
        createUser(b.admin(), "Dee again", "dee@example.com");

        assertProblem(b.admin().delete("/api/v1/users/" + b.adminUserId()), 409);
        assertThat(b.admin().get("/api/v1/users").status()).isEqualTo(200);
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndChangeNothing() {
        NewOrg b = createOrganization("Org B " + UUID.randomUUID());
        long organizations = count("SELECT COUNT(*) FROM organizations");
        long users = count("SELECT COUNT(*) FROM users WHERE organization_id = ?", b.id());
        long keys = count("SELECT COUNT(*) FROM api_keys WHERE organization_id = ?", b.id());
        String tooLong = "x".repeat(201);

        assertThat(bad(b.admin().post("/api/v1/users", "{}"))).containsExactly("#/name");
        assertThat(bad(b.admin().post("/api/v1/users", "{\"name\": \"x\", \"email\": \"nope\"}")))
                .containsExactly("#/email");
        assertThat(bad(b.admin().post("/api/v1/users", "{\"name\": 5, \"email\": [\"a@b.c\"]}")))
                .containsExactly("#/name", "#/email");
        assertThat(bad(b.admin().post("/api/v1/users", "{\"name\": \"" + tooLong + "\"}")))
                .containsExactly("#/name");
        assertThat(bad(b.admin().post("/api/v1/users", "{\"name\": \"x\", \"role\": \"boss\"}")))
                .containsExactly("#/role");
        assertThat(bad(b.admin().post("/api/v1/users", "{\"name\": \"x\", \"instanceAdmin\": \"yes\"}")))
                .containsExactly("#/instanceAdmin");
        assertProblem(b.admin().post("/api/v1/users", "[]"), 400);
        assertProblem(b.admin().post("/api/v1/users", "{\"name\": "), 400);
        assertProblem(b.admin().post("/api/v1/users", null), 400);

        assertThat(bad(b.admin().post("/api/v1/api-keys",
                "{\"name\": \"k\", \"scopes\": [\"workflows:read\", \"root\", 7]}")))
                .containsExactly("#/scopes/1", "#/scopes/2");
        assertThat(bad(b.admin().post("/api/v1/api-keys", "{\"name\": \"k\", \"scopes\": []}")))
                .containsExactly("#/scopes");
        assertThat(bad(b.admin().post("/api/v1/api-keys", "{\"name\": \"k\", \"scopes\": \"admin\"}")))
                .containsExactly("#/scopes");
        assertThat(bad(b.admin().post("/api/v1/api-keys", "{\"scopes\": [\"admin\"], \"userId\": 3}")))
                .containsExactly("#/name", "#/userId");
        assertThat(bad(b.admin().post("/api/v1/api-keys", "{\"name\": \"" + tooLong
                + "\", \"scopes\": [\"admin\"]}"))).containsExactly("#/name");

        assertProblem(b.admin().post("/api/v1/organizations", "{\"name\": \"x\"}"), 403);
        assertThat(bad(instanceAdmin().post("/api/v1/organizations", "{\"name\": \"x\"}")))
                .containsExactly("#/admin");
        assertThat(bad(instanceAdmin().post("/api/v1/organizations",
                "{\"name\": \"\", \"admin\": {\"email\": \"bad\"}}")))
                .containsExactly("#/name", "#/admin/name", "#/admin/email");
        assertThat(bad(instanceAdmin().post("/api/v1/organizations", "{\"name\": \"x\", \"admin\": \"Ada\"}")))
                .containsExactly("#/admin");

        assertThat(badParameters(b.admin().get("/api/v1/users?limit=0"))).containsExactly("limit");
        assertThat(badParameters(b.admin().get("/api/v1/api-keys?offset=-1")))
                .containsExactly("offset");
        assertThat(badParameters(b.admin().get("/api/v1/api-keys?userId=" + "u".repeat(41))))
                .containsExactly("userId");
        assertThat(badParameters(instanceAdmin().get("/api/v1/organizations?limit=x")))
                .containsExactly("limit");

        assertThat(count("SELECT COUNT(*) FROM organizations")).isEqualTo(organizations);
        assertThat(count("SELECT COUNT(*) FROM users WHERE organization_id = ?", b.id())).isEqualTo(users);
        assertThat(count("SELECT COUNT(*) FROM api_keys WHERE organization_id = ?", b.id())).isEqualTo(keys);
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        JsonNode doc = instanceAdmin().get("/v3/api-docs").body();
        JsonNode paths = doc.get("paths");
        assertThat(paths.get("/api/v1/organizations").propertyNames()).contains("get", "post");
        assertThat(paths.get("/api/v1/organizations/{id}").propertyNames()).contains("get");
        assertThat(paths.get("/api/v1/users").propertyNames()).contains("get", "post");
        assertThat(paths.get("/api/v1/users/{id}").propertyNames()).contains("get", "delete");
        assertThat(paths.get("/api/v1/api-keys").propertyNames()).contains("get", "post");
        assertThat(paths.get("/api/v1/api-keys/{id}").propertyNames()).contains("get", "delete");
        assertThat(paths.get("/api/v1/api-keys").get("post").get("responses").propertyNames())
                .contains("201", "400", "403", "404", "429");
        JsonNode schemas = doc.get("components").get("schemas");
        assertThat(schemas.get("V1ApiKeyCreated").get("properties").has("key")).isTrue();
        assertThat(schemas.get("V1ApiKey").get("properties").has("key")).as("a read never shows the secret").isFalse();
    }
}
