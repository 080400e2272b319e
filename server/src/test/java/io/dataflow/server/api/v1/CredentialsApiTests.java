package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.detailAt;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/credentials}: values go in and never come out, names are unique per organization, writing needs
 * an admin key, and another organization's credentials do not exist for a caller.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class CredentialsApiTests {

    private static final String SECRET = "sk-live-4f9a8b7c6d5e";

    @Parameter
    TestDatabase database;

    /** A new organization per test, so that its list holds only what the test made. */
    private Api organization() {
        return TestServer.shared(database).newOrganization("credentials " + UUID.randomUUID());
    }

    private static String body(String name) {
        return """
                {"name": "%s", "type": "openai", "value": {"api_key": "%s", "base_url": "https://api.example.com"}}
                """.formatted(name, SECRET);
    }

    @Test
    void createGetListReplaceDelete() {
        Api api = organization();

        Api.Response created = api.post("/api/v1/credentials", body("openai"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/credentials/openai");
        JsonNode c = created.body();
        assertThat(c.get("id").asString()).startsWith("cred-");
        assertThat(c.get("name").asString()).isEqualTo("openai");
        assertThat(c.get("type").asString()).isEqualTo("openai");
        assertThat(c.get("usableBy").asString()).isEqualTo("admins");
        assertThat(c.get("templates").asBoolean()).isTrue();
        assertThat(c.get("fields").valueStream().map(JsonNode::asString)).containsExactly("api_key", "base_url");
        assertThat(Instant.parse(c.get("createdAt").asString())).isEqualTo(Instant.parse(c.get("updatedAt").asString()));

        Api.Response got = api.get("/api/v1/credentials/openai");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(c);

        Api.Response replaced = api.put("/api/v1/credentials/openai",
                "{\"type\": \"http\", \"value\": {\"token\": \"tok-" + SECRET + "\"}}");
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.body().get("id")).isEqualTo(c.get("id"));
        assertThat(replaced.body().get("type").asString()).isEqualTo("http");
        assertThat(replaced.body().get("fields").valueStream().map(JsonNode::asString)).containsExactly("token");

        Api.Response list = api.get("/api/v1/credentials");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("credentials")).hasSize(1);
        assertThat(list.body().get("credentials").get(0).get("name").asString()).isEqualTo("openai");
        assertThat(list.body().get("nextCursor").isNull()).isTrue();

        for (Api.Response response : List.of(created, got, replaced, list)) {
            assertThat(response.text()).doesNotContain(SECRET);
        }

        assertThat(api.delete("/api/v1/credentials/openai").status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/credentials/openai"), 404);
        assertProblem(api.delete("/api/v1/credentials/openai"), 404);
        assertProblem(api.put("/api/v1/credentials/openai", body("openai")), 404);
    }

    @Test
    void eachCredentialSaysWhoMayUseItAndWhetherTemplatesMayReadIt() {
        Api api = organization();

        JsonNode open = api.post("/api/v1/credentials", """
                {"name": "open", "usableBy": "organization", "value": {"k": "v-secret"}}""").body();
        JsonNode closed = api.post("/api/v1/credentials", """
                {"name": "closed", "usableBy": "admins", "templates": false, "value": {"k": "v-secret"}}""").body();
        JsonNode templated = api.post("/api/v1/credentials", """
                {"name": "templated", "usableBy": "organization", "templates": true, "value": {"k": "v-secret"}}""")
                .body();

        // Opening a credential to every key does not open its value to their templates unless asked.
        assertThat(open.get("usableBy").asString()).isEqualTo("organization");
        assertThat(open.get("templates").asBoolean()).isFalse();
        assertThat(closed.get("usableBy").asString()).isEqualTo("admins");
        assertThat(closed.get("templates").asBoolean()).isFalse();
        assertThat(templated.get("templates").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/credentials/open").body()).isEqualTo(open);
        assertThat(api.get("/api/v1/credentials").body().get("credentials").valueStream()
                .map(c -> c.get("name").asString() + ":" + c.get("usableBy").asString() + ":" + c.get("templates")))
                .containsExactly("templated:organization:true", "closed:admins:false", "open:organization:false");

        Api.Response replaced = api.put("/api/v1/credentials/open", """
                {"usableBy": "admins", "templates": false, "value": {"k": "v-secret"}}""");
        assertThat(replaced.body().get("usableBy").asString()).isEqualTo("admins");
        assertThat(replaced.body().get("templates").asBoolean()).isFalse();
        // Left out on a replace, they take their defaults again.
        JsonNode defaulted = api.put("/api/v1/credentials/open", "{\"value\": {\"k\": \"v-secret\"}}").body();
        assertThat(defaulted.get("usableBy").asString()).isEqualTo("admins");
        assertThat(defaulted.get("templates").asBoolean()).isTrue();
    }

    @Test
    void invalidRulesNameTheirFieldAndChangeNothing() {
        Api api = organization();
        assertThat(api.post("/api/v1/credentials", body("kept")).status()).isEqualTo(201);

        Api.Response created = api.post("/api/v1/credentials", """
                {"name": "bad", "usableBy": "everyone", "templates": "yes", "value": {"k": "v"}}""");
        Api.Response replaced = api.put("/api/v1/credentials/kept", """
                {"usableBy": "Organization", "templates": 1, "value": {"k": "v"}}""");
        Api.Response mistyped = api.post("/api/v1/credentials", """
                {"name": "bad", "usableBy": true, "value": {"k": "v"}}""");

        assertProblem(created, 400);
        assertThat(pointers(created)).containsExactlyInAnyOrder("#/usableBy", "#/templates");
        assertThat(detailAt(created, "#/usableBy")).contains("'admins', 'organization'").contains("'everyone'");
        assertThat(detailAt(created, "#/templates")).contains("true or false");
        assertThat(pointers(replaced)).containsExactlyInAnyOrder("#/usableBy", "#/templates");
        assertThat(pointers(mistyped)).containsExactly("#/usableBy");
        assertProblem(api.get("/api/v1/credentials/bad"), 404);
        JsonNode kept = api.get("/api/v1/credentials/kept").body();
        assertThat(kept.get("usableBy").asString()).isEqualTo("admins");
        assertThat(kept.get("fields").size()).isEqualTo(2);
    }

    @Test
    void listsInPagesWithACursor() {
        Api api = organization();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/credentials", body("c" + i)).status()).isEqualTo(201);
        }

        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/api/v1/credentials?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().get("credentials").size()).isLessThanOrEqualTo(2);
            page.body().get("credentials").forEach(item -> names.add(item.get("name").asString()));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asString();
        } while (cursor != null);

        assertThat(names).containsExactly("c4", "c3", "c2", "c1", "c0");
        assertThat(api.get("/api/v1/credentials?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/credentials?cursor=nonsense").status()).isEqualTo(400);
    }

    @Test
    void invalidBodiesNameEachFieldAndStoreNothing() {
        Api api = organization();

        Api.Response response = api.post("/api/v1/credentials", """
                {"name": "has space", "type": 7, "value": {"ok": "x", "nested": {"a": 1}}, "extra": true}""");

        assertProblem(response, 400);
        assertThat(pointers(response)).containsExactlyInAnyOrder("#/extra", "#/name", "#/type", "#/value/nested");
        assertThat(detailAt(response, "#/name")).contains("letters, digits, '_' or '-'");
        assertThat(detailAt(response, "#/value/nested")).contains("must be text, a number or a boolean");
        assertThat(pointers(api.post("/api/v1/credentials", "{\"name\": \"a\"}"))).containsExactly("#/value");
        assertThat(pointers(api.post("/api/v1/credentials", "{\"name\": \"a\", \"value\": {}}")))
                .containsExactly("#/value");
        assertThat(pointers(api.post("/api/v1/credentials", "{\"value\": {\"k\": \"v\"}}"))).containsExactly("#/name");
        assertThat(pointers(api.post("/api/v1/credentials", "{\"name\": \"" + "x".repeat(101)
                + "\", \"value\": {\"k\": \"v\"}}"))).containsExactly("#/name");
        assertProblem(api.post("/api/v1/credentials", "not json"), 400);
        assertThat(api.get("/api/v1/credentials").body().get("credentials")).isEmpty();

        assertThat(api.post("/api/v1/credentials", body("kept")).status()).isEqualTo(201);
        Api.Response rename = api.put("/api/v1/credentials/kept", "{\"name\": \"other\", \"value\": {\"k\": \"v\"}}");
        assertThat(pointers(rename)).containsExactly("#/name");
        assertThat(api.get("/api/v1/credentials/kept").body().get("fields").size()).isEqualTo(2);
    }

    @Test
    void aDuplicateNameIsAConflict() {
        Api api = organization();
        assertThat(api.post("/api/v1/credentials", body("db")).status()).isEqualTo(201);

        JsonNode problem = assertProblem(api.post("/api/v1/credentials", body("db")), 409);

        assertThat(problem.get("detail").asString()).contains("'db' already exists");
    }

    @Test
    void anotherOrganizationNeitherSeesNorChangesThem() {
        Api owner = organization();
        Api other = organization();
        assertThat(owner.post("/api/v1/credentials", body("shared-name")).status()).isEqualTo(201);

        assertProblem(other.get("/api/v1/credentials/shared-name"), 404);
        assertProblem(other.put("/api/v1/credentials/shared-name", body("shared-name")), 404);
        assertProblem(other.delete("/api/v1/credentials/shared-name"), 404);
        assertThat(other.get("/api/v1/credentials").body().get("credentials")).isEmpty();
        assertThat(other.post("/api/v1/credentials", body("shared-name")).status()).isEqualTo(201);
        assertThat(owner.get("/api/v1/credentials/shared-name").body().get("type").asString()).isEqualTo("openai");
    }

    @Test
    void writingNeedsAnAdminKeyAndReadingDoesNot() throws Exception {
        Api admin = organization();
        assertThat(admin.post("/api/v1/credentials", body("openai")).status()).isEqualTo(201);
        Api reader = TestServer.shared(database).keyOf(admin, "workflows:read", "workflows:execute");

        assertProblem(reader.post("/api/v1/credentials", body("mine")), 403);
        assertProblem(reader.put("/api/v1/credentials/openai", body("openai")), 403);
        assertProblem(reader.delete("/api/v1/credentials/openai"), 403);
        assertThat(reader.get("/api/v1/credentials/openai").status()).isEqualTo(200);
        assertThat(reader.get("/api/v1/credentials").body().get("credentials")).hasSize(1);
        assertThat(admin.withKey(null).get("/api/v1/credentials").status()).isEqualTo(401);
    }

    @Test
    void theEndpointsAreInTheOpenApiDocument() {
        JsonNode paths = TestServer.shared(database).api().get("/v3/api-docs").body().get("paths");

        assertThat(paths.has("/api/v1/credentials")).isTrue();
        assertThat(paths.get("/api/v1/credentials/{name}").propertyNames())
                .contains("get", "put", "delete");
    }
}
