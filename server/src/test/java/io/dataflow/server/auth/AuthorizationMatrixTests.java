package io.dataflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.ExecutionService;
import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Binding;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every endpoint of every dialect, called by each kind of caller against one organization's workflow, execution,
 * file and credential: the exact status each gets, and that a caller refused sees none of the data's ids or names.
 * The scopes themselves (403 naming the scope) are {@link ScopeTableTests}'; this test gives every caller the three
 * workflow scopes and varies who they are. A change is made on a fresh fixture for each caller, so that one
 * caller's change does not decide the next caller's answer; a refused change leaves the fixture as it was.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AuthorizationMatrixTests {

    /** Who calls. */
    enum Who {
        NO_KEY, UNKNOWN_KEY, OTHER_ORGANIZATION, STRANGER, SHARED_USER, OWNER, ADMIN
    }

    private static final String LINEAR = """
            {"name": "%s", "steps": [{"type": "StaticTextInput", "input": "abc"}, {"type": "TextOperation.Reverse"}]}""";
    private static final String GRAPH = """
            {"name": "%s", "nodes": [
              {"id": "trigger", "nodeId": "trigger.manual", "config": {"inputs": []}},
              {"id": "text", "nodeId": "StaticTextInput", "config": {"text": "abc"}}],
             "connections": []}""";

    @Parameter
    TestDatabase database;

    private TestServer server;
    private Api admin;
    private Api other;
    private Api owner;
    private Api sharedUser;
    private Api stranger;

    @BeforeEach
    void callers() {
        server = TestServer.shared(database);
        admin = server.newOrganization("matrix " + UUID.randomUUID());
        other = server.newOrganization("matrix, other " + UUID.randomUUID());
        owner = member();
        sharedUser = member();
        stranger = member();
    }

    /** One endpoint: its body (given the fixture) and the status each caller gets. */
    record Row(String endpoint, Function<Fixture, String> body, Map<Who, Integer> expected) {
        boolean changes() {
            return !endpoint.startsWith("GET ");
        }
    }

    private static Row row(String endpoint, Function<Fixture, String> body, int otherOrganization, int stranger,
            int sharedUser, int owner, int admin) {
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        expected.put(Who.OTHER_ORGANIZATION, otherOrganization);
        expected.put(Who.STRANGER, stranger);
        expected.put(Who.SHARED_USER, sharedUser);
        expected.put(Who.OWNER, owner);
        expected.put(Who.ADMIN, admin);
        return new Row(endpoint, body, expected);
    }

    private static Row row(String endpoint, int otherOrganization, int stranger, int sharedUser, int owner,
            int admin) {
        return row(endpoint, f -> "{}", otherOrganization, stranger, sharedUser, owner, admin);
    }

    /** The rows: every endpoint of docs/api.md's scope table that takes a key. */
    static List<Row> rows() {
        return List.of(
                row("GET /workflows", 200, 200, 200, 200, 200),
                row("POST /workflows", f -> LINEAR.formatted("created " + UUID.randomUUID()),
                        201, 201, 201, 201, 201),
                row("GET /workflows/{workflowId}", 404, 404, 200, 200, 200),
                row("PUT /workflows/{workflowId}", f -> LINEAR.formatted(f.name), 404, 404, 403, 200, 200),
                row("DELETE /workflows/{workflowId}", 404, 404, 403, 204, 204),
                row("POST /workflows/{workflowId}/execute", 404, 404, 202, 202, 202),
                row("POST /workflows/{workflowId}/executions", 404, 404, 202, 202, 202),
                row("GET /workflows/{workflowId}/executions", 404, 404, 200, 200, 200),
                row("GET /workflows/{workflowId}/executions/{executionId}", 404, 404, 200, 200, 200),
                row("POST /workflows/{workflowId}/executions/{executionId}/pause", 404, 404, 409, 409, 409),
                row("POST /workflows/{workflowId}/executions/{executionId}/resume", 404, 404, 409, 409, 409),
                row("POST /workflows/{workflowId}/executions/{executionId}/terminate", 404, 404, 409, 409, 409),
                row("POST /workflows/{workflowId}/executions/{executionId}/cancel", 404, 404, 409, 409, 409),
                row("POST /workflows/{workflowId}/executions/{executionId}/restart", 404, 404, 200, 200, 200),
                row("POST /workflows/{workflowId}/executions/{executionId}/rerun",
                        f -> "{\"from_task\": \"step_2\"}", 404, 404, 202, 202, 202),
                row("GET /workflows/{workflowId}/executions/{executionId}/runs", 404, 404, 200, 200, 200),
                row("POST /workflows/{workflowId}/executions/{executionId}/events/{type}", 404, 404, 409, 409, 409),
                row("GET /workflows/{workflowId}/executions/{executionId}/events", 404, 404, 200, 200, 200),
                row("DELETE /workflows/{workflowId}/executions/{executionId}", 404, 404, 204, 204, 204),
                row("POST /workflows/{workflowId}/executions/bulk",
                        f -> "{\"action\": \"terminate\", \"filter\": {\"status\": [\"RUNNING\"]}}",
                        404, 404, 202, 202, 202),
                row("GET /workflows/{workflowId}/executions/bulk", 404, 404, 200, 200, 200),
                row("GET /workflows/{workflowId}/executions/bulk/{jobId}", 404, 404, 200, 200, 200),
                row("POST /files", f -> "a file", 201, 201, 201, 201, 201),
                row("GET /files/{fileId}", 404, 200, 200, 200, 200),
                row("GET /task-types", 200, 200, 200, 200, 200),
                row("GET /task-types/{name}", 200, 200, 200, 200, 200),
                row("GET /organization", 200, 403, 403, 403, 200),
                row("GET /api/v1/workflows", 200, 200, 200, 200, 200),
                row("POST /api/v1/workflows", f -> GRAPH.formatted("created " + UUID.randomUUID()),
                        201, 201, 201, 201, 201),
                row("GET /api/v1/workflows/{id}", 404, 404, 200, 200, 200),
                row("PUT /api/v1/workflows/{id}", f -> GRAPH.formatted(f.name + " graph"), 404, 404, 403, 200, 200),
                row("DELETE /api/v1/workflows/{id}", 404, 404, 403, 204, 204),
                row("POST /api/v1/workflows/{id}/duplicate", 404, 404, 201, 201, 201),
                row("POST /api/v1/workflows/{id}/execute", f -> "{\"triggerInputs\": {}}", 404, 404, 201, 201, 201),
                row("POST /api/v1/workflows/{id}/deploy", 404, 404, 403, 200, 200),
                row("POST /api/v1/workflows/{id}/undeploy", 404, 404, 403, 409, 409),
                row("PUT /api/v1/workflows/{id}/status", f -> "{\"status\": \"paused\"}", 404, 404, 403, 409, 409),
                row("GET /api/v1/workflows/{id}/versions", 404, 404, 200, 200, 200),
                row("GET /api/v1/workflows/{id}/versions/{version}", 404, 404, 200, 200, 200),
                row("POST /api/v1/workflows/{id}/versions", f -> "{\"versionTag\": \"v1.0.0\"}",
                        404, 404, 403, 201, 201),
                row("GET /api/v1/workflows/{id}/share", 404, 404, 200, 200, 200),
                row("POST /api/v1/workflows/{id}/share", f -> "{\"userId\": \"" + f.strangerId + "\"}",
                        404, 404, 403, 200, 200),
                row("DELETE /api/v1/workflows/{id}/share/{userId}", 404, 404, 403, 204, 204),
                row("GET /api/v1/workflows/stats", 200, 200, 200, 200, 200),
                row("GET /api/v1/workflows/templates", 200, 200, 200, 200, 200),
                row("GET /api/v1/workflows/{id}/executions", 404, 404, 200, 200, 200),
                row("GET /api/v1/executions/{executionId}", 404, 404, 200, 200, 200),
                row("GET /api/v1/executions/{executionId}/stream", 404, 404, 200, 200, 200),
                row("POST /api/v1/executions/{executionId}/pause", 404, 404, 409, 409, 409),
                row("POST /api/v1/executions/{executionId}/resume", 404, 404, 409, 409, 409),
                row("POST /api/v1/executions/{executionId}/terminate", 404, 404, 409, 409, 409),
                row("POST /api/v1/executions/{executionId}/restart", 404, 404, 200, 200, 200),
                row("POST /api/v1/executions/{executionId}/rerun", f -> "{\"fromNode\": \"step_2\"}",
                        404, 404, 201, 201, 201),
                row("POST /api/v1/organizations", f -> "{\"name\": \"matrix org " + UUID.randomUUID()
                        + "\", \"admin\": {\"name\": \"Ada\"}}", 403, 403, 403, 403, 403),
                row("GET /api/v1/organizations", 200, 403, 403, 403, 200),
                row("GET /api/v1/organizations/{id}", 404, 403, 403, 403, 200),
                row("POST /api/v1/users", f -> "{\"name\": \"Grace\", \"email\": \"g" + UUID.randomUUID()
                        + "@example.com\"}", 201, 403, 403, 403, 201),
                row("GET /api/v1/users", 200, 403, 403, 403, 200),
                row("GET /api/v1/users/{id}", 404, 403, 403, 403, 200),
                row("DELETE /api/v1/users/{id}", 404, 403, 403, 403, 204),
                row("POST /api/v1/api-keys", f -> "{\"name\": \"k\", \"scopes\": [\"workflows:read\"]}",
                        201, 201, 201, 201, 201),
                row("GET /api/v1/api-keys", 200, 200, 200, 200, 200),
                row("GET /api/v1/me", 200, 200, 200, 200, 200),
                row("GET /api/v1/api-keys/{id}", 404, 404, 404, 200, 200),
                row("DELETE /api/v1/api-keys/{id}", 404, 404, 404, 204, 204),
                row("GET /api/v1/credentials", 200, 200, 200, 200, 200),
                row("POST /api/v1/credentials", f -> "{\"name\": \"c" + UUID.randomUUID().toString().substring(0, 8)
                        + "\", \"value\": {\"api_key\": \"sk-1\"}}", 201, 403, 403, 403, 201),
                row("GET /api/v1/credentials/{name}", 404, 200, 200, 200, 200),
                row("PUT /api/v1/credentials/{name}", f -> "{\"value\": {\"api_key\": \"sk-2\"}}",
                        404, 403, 403, 403, 200),
                row("DELETE /api/v1/credentials/{name}", 404, 403, 403, 403, 204),
                row("GET /client/v4/user/tokens/verify", 200, 200, 200, 200, 200),
                row("GET /client/v4/memberships", 200, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows", 403, 200, 200, 200, 200),
                row("PUT /accounts/{account_id}/workflows/{workflow_name}",
                        f -> "{\"class_name\": \"Matrix2\", \"script_name\": \"" + f.workflowId + "\"}",
                        403, 400, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}", 403, 200, 200, 200, 200),
                row("DELETE /accounts/{account_id}/workflows/{workflow_name}", 403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/versions", 403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/versions/{version_id}",
                        403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/versions/{version_id}/graph",
                        403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/versions/{version_id}/dag",
                        403, 200, 200, 200, 200),
                row("POST /accounts/{account_id}/workflows/{workflow_name}/instances", 403, 200, 200, 200, 200),
                row("POST /accounts/{account_id}/workflows/{workflow_name}/instances/batch", f -> "[{}]",
                        403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/instances", 403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}",
                        403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}/step",
                        403, 200, 200, 200, 200),
                row("POST /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}/events/{event_type}",
                        403, 409, 409, 409, 409),
                row("PATCH /accounts/{account_id}/workflows/{workflow_name}/instances/{instance_id}/status",
                        f -> "{\"status\": \"pause\"}", 403, 409, 409, 409, 409),
                row("POST /accounts/{account_id}/workflows/{workflow_name}/instances/batch/terminate",
                        f -> "[\"" + f.instanceId() + "\"]", 403, 200, 200, 200, 200),
                row("PUT /accounts/{account_id}/workflows/{workflow_name}/instances/terminate", f -> "",
                        403, 200, 200, 200, 200),
                row("GET /accounts/{account_id}/workflows/{workflow_name}/instances/terminate",
                        403, 200, 200, 200, 200),
                row("GET /actuator/health", 200, 200, 200, 200, 200),
                row("GET /actuator/prometheus", 403, 403, 403, 403, 403));
    }

    /** What the callers act on: owned by {@link #owner}, shared with {@link #sharedUser}. */
    record Fixture(String name, String workflowId, String graphId, String executionId, String jobId, String fileId,
            String credential, String organizationId, String ownerId, String sharedUserId, String strangerId,
            String doomedUserId, String keyId, String bindingName, String bindingId, String bindingVersionId,
            String instanceId) {

        /** What another organization may never see. */
        Set<String> organizations() {
            return Set.of(name, workflowId, graphId, executionId, jobId, fileId, credential, organizationId, ownerId,
                    sharedUserId, strangerId, doomedUserId, keyId, bindingName, bindingId, bindingVersionId,
                    instanceId);
        }

        /** What a user of the organization the workflows are not shared with may never see. */
        Set<String> owners() {
            return Set.of(name, workflowId, graphId, executionId, jobId, keyId);
        }
    }

    private Api member() {
        return server.keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
    }

    private String userOf(Api api) {
        return server.engine().apiKeys().authenticate(api.key()).orElseThrow().userId();
    }

    private Fixture fixture() {
        String name = "matrix " + UUID.randomUUID();
        String workflowId = owner.createWorkflow(LINEAR.formatted(name));
        String executionId = owner.startExecution(workflowId, "{}");
        owner.awaitFinished(workflowId, executionId);
        Api.Response graph = owner.post("/api/v1/workflows", GRAPH.formatted(name + " graph"));
        assertThat(graph.status()).as(graph.text()).isEqualTo(201);
        String graphId = graph.body().get("workflowId").asString();
        String sharedUserId = userOf(sharedUser);
        for (String id : List.of(workflowId, graphId)) {
            Api.Response shared = owner.post("/api/v1/workflows/" + id + "/share",
                    "{\"userId\": \"" + sharedUserId + "\"}");
            assertThat(shared.status()).as(shared.text()).isEqualTo(200);
        }
        Api.Response job = owner.post("/workflows/" + workflowId + "/executions/bulk",
                "{\"action\": \"terminate\", \"filter\": {\"status\": [\"RUNNING\"]}}");
        assertThat(job.status()).as(job.text()).isEqualTo(202);
        Api.Response file = owner.send(owner.request("/files").POST(HttpRequest.BodyPublishers.ofString("secret")));
        assertThat(file.status()).as(file.text()).isEqualTo(201);
        String credential = "matrix" + UUID.randomUUID().toString().substring(0, 8);
        admin.createCredential(credential, "{\"api_key\": \"sk-matrix\"}");
        Api.Response key = owner.post("/api/v1/api-keys", "{\"name\": \"matrix\", \"scopes\": [\"workflows:read\"]}");
        assertThat(key.status()).as(key.text()).isEqualTo(201);
        String organizationId = server.engine().apiKeys().authenticate(admin.key()).orElseThrow().organizationId();
        // Seed 003: a name of the organization bound to the owner's workflow, with one finished instance (a named
        // execution), made through the engine.
        Binding binding = server.engine().bindings().bind(Access.admin(organizationId),
                "matrix_" + UUID.randomUUID().toString().substring(0, 8), workflowId, "Matrix").binding();
        String instanceId = "instance-" + UUID.randomUUID().toString().substring(0, 8);
        String namedExecutionId = server.engine().bindings().start(Access.admin(organizationId), binding.name(),
                instanceId, new ExecutionService.StartRequest(null, null, "api.accounts")).orElseThrow()
                .execution().id();
        owner.awaitFinished(workflowId, namedExecutionId);
        return new Fixture(name, workflowId, graphId, executionId, job.body().get("job_id").asString(),
                file.body().get("file_id").asString(), credential, organizationId, userOf(owner), sharedUserId,
                userOf(stranger), userOf(member()), key.body().get("id").asString(), binding.name(), binding.id(),
                binding.versionId(), instanceId);
    }

    private Api.Response call(Who who, Row row, Fixture fixture) {
        String method = row.endpoint().substring(0, row.endpoint().indexOf(' '));
        String path = row.endpoint().substring(method.length() + 1);
        String id = path.startsWith("/api/v1/organizations/") ? fixture.organizationId()
                : path.startsWith("/api/v1/users/") ? (method.equals("DELETE") ? fixture.doomedUserId()
                        : fixture.strangerId())
                : path.startsWith("/api/v1/api-keys/") ? fixture.keyId() : fixture.graphId();
        path = path.replace("{account_id}", fixture.organizationId())
                .replace("{workflow_name}", fixture.bindingName()).replace("{version_id}", fixture.bindingVersionId())
                .replace("{instance_id}", fixture.instanceId()).replace("{event_type}", "approval")
                .replace("{workflowId}", fixture.workflowId()).replace("{id}", id)
                .replace("{executionId}", fixture.executionId()).replace("{jobId}", fixture.jobId())
                .replace("{type}", "approval").replace("{fileId}", fixture.fileId())
                .replace("{userId}", fixture.sharedUserId()).replace("{version}", "1")
                .replace("/task-types/{name}", "/task-types/Echo").replace("{name}", fixture.credential());
        Api api = switch (who) {
            case NO_KEY -> admin.withKey(null);
            case UNKNOWN_KEY -> admin.withKey("dfp_" + UUID.randomUUID());
            case OTHER_ORGANIZATION -> other;
            case STRANGER -> stranger;
            case SHARED_USER -> sharedUser;
            case OWNER -> owner;
            case ADMIN -> admin;
        };
        assertThat(path).as("every path parameter has a value").doesNotContain("{");
        if (path.endsWith("/step")) {
            path += "?name=step_1"; // the instance's first step (LINEAR's steps are step_1 and step_2)
        }
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json");
        return api.send(switch (method) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.method(method, HttpRequest.BodyPublishers.ofString(row.body().apply(fixture)));
        });
    }

    @Test
    void everyCallerGetsExactlyItsAnswerAndNoOtherOrganizationsData() {
        Fixture shared = fixture();
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            for (Who who : Who.values()) {
                Fixture fixture = row.changes() && row.expected().getOrDefault(who, 401) < 400 ? fixture() : shared;
                Api.Response response = call(who, row, fixture);
                int expected = row.expected().getOrDefault(who, 401);
                if (response.status() != expected) {
                    wrong.add(row.endpoint() + " as " + who + ": " + response.status() + " (expected " + expected
                            + ") " + shortened(response.text()));
                }
                Set<String> hidden = who == Who.OTHER_ORGANIZATION ? fixture.organizations()
                        : who == Who.STRANGER ? fixture.owners() : Set.of();
                String asked = response.raw().request().uri().toString();
                for (String secret : hidden) {
                    // An id the caller sent itself may come back in the problem's instance; nothing else may.
                    if (!asked.contains(secret) && response.text().contains(secret)) {
                        wrong.add(row.endpoint() + " as " + who + " shows " + secret);
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(owner.get("/workflows/" + shared.workflowId()).body().path("name").asString())
                .as("the refused changes left the shared fixture as it was").isEqualTo(shared.name());
    }

    @Test
    void theServersMetricsAreTheInstanceAdministratorsOnly() {
        assertThat(server.api().get("/actuator/prometheus").status()).isEqualTo(200);
        Api.Response organizationAdmin = admin.get("/actuator/prometheus");
        assertThat(organizationAdmin.status()).isEqualTo(403);
        assertThat(organizationAdmin.body().path("detail").asString()).contains("instance administrator");
    }

    @Test
    void everyEndpointThatTakesAKeyHasARow() throws IOException {
        Set<String> needKeys = new TreeSet<>();
        for (Map.Entry<String, String> entry : ScopeTableTests.table().entrySet()) {
            if (!entry.getValue().startsWith("none")) {
                needKeys.add(entry.getKey());
            }
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        rows().forEach(r -> rows.put(r.endpoint(), r));
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(needKeys);
    }

    private static String shortened(String text) {
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
