package io.dataflow.server.auth;

import static io.dataflow.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * API keys and organizations: nothing answers without a valid key, and one organization's workflows and executions
 * do not exist for another. Another organization's ids are answered with 404, the same as ids that do not exist,
 * so that ids cannot be probed (DESIGN.md's "403 for another organization's data" is not what the code does, by
 * choice: the stores are scoped by organization, so the row is simply not found).
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AuthAndIsolationTests {

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api api() {
        return server().api();
    }

    private static String workflow(String name) {
        return """
                { "name": "%s", "steps": [ { "type": "StaticTextInput", "input": "abc" },
                                           { "type": "TextOperation.Reverse" } ] }""".formatted(name);
    }

    private static String unique(String name) {
        return name + " " + UUID.randomUUID();
    }

    /** One request of every kind the server answers, as method and path. */
    private List<HttpRequest.Builder> everyEndpoint(Api client, String workflowId, String executionId) {
        String wf = "/workflows/" + workflowId;
        String ex = wf + "/executions/" + executionId;
        HttpRequest.BodyPublisher json = HttpRequest.BodyPublishers.ofString(workflow(unique("Unauthorized")));
        return List.of(
                client.request("/workflows").GET(),
                client.request("/workflows").header("Content-Type", "application/json").POST(json),
                client.request(wf).GET(),
                client.request(wf).header("Content-Type", "application/json").PUT(json),
                client.request(wf).DELETE(),
                client.request(wf + "/execute").POST(HttpRequest.BodyPublishers.noBody()),
                client.request(wf + "/executions").POST(HttpRequest.BodyPublishers.noBody()),
                client.request(wf + "/executions").GET(),
                client.request(ex).GET(),
                client.request(ex + "/cancel").POST(HttpRequest.BodyPublishers.noBody()),
                client.request(ex).DELETE(),
                client.request("/task-types").GET(),
                client.request("/task-types/Echo").GET(),
                client.request("/files").POST(HttpRequest.BodyPublishers.ofString("a file")),
                client.request("/files/file-01jzzzzzzzzzzzzzzzzzzzzzzz").GET(),
                client.request("/v3/api-docs").GET(),
                client.request("/actuator/health").GET(),
                client.request("/actuator/prometheus").GET(),
                client.request("/no/such/page").GET());
    }

    private String[] workflowAndExecution() {
        String workflowId = api().createWorkflow(workflow(unique("Guarded")));
        String executionId = api().post("/workflows/" + workflowId + "/execute", null).body().get("execution_id")
                .asString();
        api().awaitFinished(workflowId, executionId);
        return new String[] {workflowId, executionId};
    }

    private static void assertUnauthorized(Api.Response response, String what) {
        assertThat(response.status()).as(what + ": " + response.text()).isEqualTo(401);
        assertProblem(response, 401);
        assertThat(response.header("WWW-Authenticate")).as(what).isEqualTo("Bearer");
    }

    @Test
    void everyEndpointAnswers401WithoutAKey() {
        String[] ids = workflowAndExecution();
        Api anonymous = api().withKey(null);

        for (HttpRequest.Builder request : everyEndpoint(anonymous, ids[0], ids[1])) {
            HttpRequest built = request.build();
            Api.Response response = anonymous.send(request);
            assertUnauthorized(response, built.method() + " " + built.uri().getPath());
            assertThat(response.body().get("detail").asString()).contains("X-API-Key");
        }
        JsonNode workflow = api().get("/workflows/" + ids[0]).body();
        assertThat(workflow.get("version").asInt()).isEqualTo(1);
        assertThat(api().get("/workflows/" + ids[0] + "/executions").body().get("executions")).hasSize(1);
    }

    @Test
    void everyEndpointAnswers401ForAWrongKey() {
        String[] ids = workflowAndExecution();
        Api wrong = api().withKey("dfp_" + UUID.randomUUID());

        for (HttpRequest.Builder request : everyEndpoint(wrong, ids[0], ids[1])) {
            HttpRequest built = request.build();
            assertUnauthorized(wrong.send(request), built.method() + " " + built.uri().getPath());
        }
        assertThat(api().get("/workflows/" + ids[0]).status()).isEqualTo(200);
    }

    @Test
    void aRejectedCreateStoresNothing() {
        String name = unique("Anonymous");

        assertUnauthorized(api().withKey(null).post("/workflows", workflow(name)), "no key");
        assertUnauthorized(api().withKey("nope").post("/workflows", workflow(name)), "wrong key");

        assertThat(api().workflowNames()).doesNotContain(name);
    }

    @Test
    void theKeyMayBeSentAsABearerToken() {
        Api anonymous = api().withKey(null);
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ")) {
            Api.Response response = anonymous.send(anonymous.request("/workflows")
                    .header("Authorization", scheme + TestServer.ADMIN_KEY).GET());
            assertThat(response.status()).as(scheme).isEqualTo(200);
        }
        Api.Response created = anonymous.send(anonymous.request("/workflows")
                .header("Authorization", "Bearer " + TestServer.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(workflow(unique("Bearer")))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(api().get("/workflows/" + created.body().get("workflow_id").asString()).status()).isEqualTo(200);

        for (String header : List.of("Bearer wrong-key", "Basic " + TestServer.ADMIN_KEY, TestServer.ADMIN_KEY,
                "Bearer ")) {
            assertUnauthorized(anonymous.send(anonymous.request("/workflows").header("Authorization", header).GET()),
                    header);
        }
    }

    @Test
    void theDocumentationAndHealthAnswerWithAKey() {
        assertThat(api().get("/v3/api-docs").status()).isEqualTo(200);
        Api.Response health = api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void anotherOrganizationFindsNothingOfTheFirst() {
        String name = unique("Private");
        String workflowId = api().createWorkflow(workflow(name));
        String executionId = api().post("/workflows/" + workflowId + "/execute", null).body().get("execution_id")
                .asString();
        api().awaitFinished(workflowId, executionId);
        Api other = server().newOrganization("other " + UUID.randomUUID());
        String wf = "/workflows/" + workflowId;
        String ex = wf + "/executions/" + executionId;

        // 404 like an id that does not exist, not 403: another organization's ids do not leak.
        assertProblem(other.get(wf), 404);
        assertProblem(other.get(wf + "/executions"), 404);
        assertProblem(other.get(ex), 404);
        assertProblem(other.post(wf + "/execute", null), 404);
        assertProblem(other.post(wf + "/executions", "{}"), 404);
        assertProblem(other.post(ex + "/cancel", null), 404);
        assertProblem(other.put(wf, workflow(name + " taken over")), 404);
        assertProblem(other.delete(ex), 404);
        assertProblem(other.delete(wf), 404);
        assertThat(other.workflowNames()).doesNotContain(name);
        assertThat(other.listAll("/workflows", "workflows", 100)).isEmpty();

        JsonNode still = api().get(wf).body();
        assertThat(still.get("name").asString()).isEqualTo(name);
        assertThat(still.get("version").asInt()).isEqualTo(1);
        assertThat(api().get(wf + "/executions").body().get("executions")).hasSize(1);
        assertThat(api().get(ex).body().get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void organizationsHaveTheirOwnNamesAndLists() {
        String name = unique("Shared name");
        String mine = api().createWorkflow(workflow(name));
        Api other = server().newOrganization("other " + UUID.randomUUID());

        String theirs = other.createWorkflow(workflow(name));

        assertThat(theirs).isNotEqualTo(mine);
        assertThat(other.listAll("/workflows", "workflows", 100).stream().map(w -> w.get("workflow_id").asString()))
                .containsExactly(theirs);
        assertThat(api().listAll("/workflows", "workflows", 100).stream().map(w -> w.get("workflow_id").asString()))
                .contains(mine).doesNotContain(theirs);
        JsonNode execution = other.awaitFinished(theirs, other.post("/workflows/" + theirs + "/execute", null).body()
                .get("execution_id").asString());
        assertThat(execution.get("outputs").get("text").asString()).isEqualTo("cba");
        assertProblem(api().get("/workflows/" + theirs + "/executions/" + execution.get("execution_id").asString()),
                404);
    }

    @Test
    void aFirstStartWithoutAChosenKeyWritesTheGeneratedAdminKeyToTheDataDirectory() throws Exception {
        try (TestServer fresh = TestServer.start(database,
                Map.of("DATAFLOW_ADMIN_API_KEY", "", "DATAFLOW_WORKERS", "2"))) {
            Path keyFile = fresh.settings().dataDir().resolve("admin-api-key");

            assertThat(keyFile).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            String key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
            assertThat(key).isNotBlank().doesNotContain(TestServer.ADMIN_KEY);

            Api generated = fresh.api().withKey(key);
            assertThat(generated.get("/workflows").status()).isEqualTo(200);
            String workflowId = generated.createWorkflow(workflow(unique("Bootstrapped")));
            assertThat(generated.get("/workflows/" + workflowId).status()).isEqualTo(200);
            assertUnauthorized(fresh.api().get("/workflows"), "the test key, which this server never made");
        }
    }
}
