package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code DATAFLOW_LIMIT_USERS} and {@code DATAFLOW_LIMIT_API_KEYS_PER_USER}: at the limit, creating one more is a 429
 * problem naming the setting, without Retry-After, and stores nothing; deleting a user or revoking a key makes room.
 * A server of its own with small limits.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class UserAndKeyLimitsV1ApiTests {

    private static final int MAX_USERS = 3;
    private static final int MAX_KEYS = 2;

    private static TestServer server;

    @Parameter
    TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase database) {
        server = TestServer.start(database, Map.of("DATAFLOW_LIMIT_USERS", Integer.toString(MAX_USERS),
                "DATAFLOW_LIMIT_API_KEYS_PER_USER", Integer.toString(MAX_KEYS)));
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    private static void assertLimit(Api.Response response, String setting) {
        JsonNode problem = assertProblem(response, 429);
        assertThat(problem.get("limit").asString()).isEqualTo(setting);
        assertThat(problem.get("detail").asString()).contains(setting);
        assertThat(response.header("Retry-After")).as("waiting does not help").isNull();
    }

    @Test
    void anOrganizationHasAtMostItsLimitOfUsers() {
        Api admin = server.newOrganization("limits " + UUID.randomUUID());
        // The organization's first user, its administrator, counts.
        String second = admin.post("/api/v1/users", "{\"name\": \"two\"}").body().get("id").asString();
        assertThat(admin.post("/api/v1/users", "{\"name\": \"three\"}").status()).isEqualTo(201);

        assertLimit(admin.post("/api/v1/users", "{\"name\": \"four\", \"email\": \"four@example.com\"}"),
                "DATAFLOW_LIMIT_USERS");
        assertThat(admin.get("/api/v1/users").body().get("count").asLong()).isEqualTo(MAX_USERS);

        assertThat(admin.delete("/api/v1/users/" + second).status()).isEqualTo(204);
        assertThat(admin.post("/api/v1/users", "{\"name\": \"four\", \"email\": \"four@example.com\"}").status())
                .isEqualTo(201);
        // Another organization has its own count.
        Api other = server.newOrganization("limits " + UUID.randomUUID());
        assertThat(other.post("/api/v1/users", "{\"name\": \"two\"}").status()).isEqualTo(201);
    }

    @Test
    void aUserHasAtMostItsLimitOfUnrevokedKeys() {
        Api admin = server.newOrganization("limits " + UUID.randomUUID());
        // The administrator already holds one key.
        JsonNode second = admin.post("/api/v1/api-keys", "{\"name\": \"two\", \"scopes\": [\"workflows:read\"]}")
                .body();
        assertThat(second.get("key").asString()).isNotBlank();

        assertLimit(admin.post("/api/v1/api-keys", "{\"name\": \"three\", \"scopes\": [\"workflows:read\"]}"),
                "DATAFLOW_LIMIT_API_KEYS_PER_USER");
        assertThat(admin.get("/api/v1/api-keys").body().get("count").asLong()).isEqualTo(MAX_KEYS);

        // Another user of the organization has a count of its own; revoking makes room.
        String user = admin.post("/api/v1/users", "{\"name\": \"u\"}").body().get("id").asString();
        assertThat(admin.post("/api/v1/api-keys", "{\"name\": \"u\", \"scopes\": [\"admin\"], \"userId\": \"" + user
                + "\"}").status()).isEqualTo(201);
        assertThat(admin.delete("/api/v1/api-keys/" + second.get("id").asString()).status()).isEqualTo(204);
        assertThat(admin.post("/api/v1/api-keys", "{\"name\": \"three\", \"scopes\": [\"workflows:read\"]}")
                .status()).isEqualTo(201);
    }
}
