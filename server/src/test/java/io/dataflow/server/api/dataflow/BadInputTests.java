package io.dataflow.server.api.dataflow;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.detailAt;
import static io.dataflow.server.support.Problems.parameters;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Input that used to get a 500 although nothing was stored, or that was stored other than as sent: each is a 400
 * problem naming the field (a JSON pointer, a query parameter or a header) and stores nothing, on H2 and on
 * PostgreSQL, whose text columns refuse U+0000 and whose {@code webhook_url} column holds 2,048 characters.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class BadInputTests {

    private static final Map<TestDatabase, Api> ORGANIZATIONS = new EnumMap<>(TestDatabase.class);
    private static final String BEYOND_64_BITS = "123456789012345678901234567890";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    /** An organization of its own, so that what it has stored is what these tests stored. */
    private Api api() {
        synchronized (ORGANIZATIONS) {
            return ORGANIZATIONS.computeIfAbsent(database,
                    db -> TestServer.shared(db).newOrganization("bad input " + UUID.randomUUID()));
        }
    }

    private RawHttp raw() {
        return new RawHttp(api().baseUrl());
    }

    /** How many rows of {@code table} belong to this test's organization. */
    private long rows(String table) {
        String organization = server().engine().apiKeys().authenticate(api().key()).orElseThrow()
                .organizationId();
        try (Connection c = server().dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table
                        + " WHERE organization_id = ?")) {
            s.setString(1, organization);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String workflow() {
        return api().createWorkflow("{\"name\": \"" + UUID.randomUUID() + "\", \"steps\": [{\"type\": \"Echo\","
                + " \"input\": \"x\"}]}");
    }

    /** Posts a workflow document that must get a 400 with exactly these pointers, storing nothing. */
    private Api.Response rejectedWorkflow(String body, String... expectedPointers) {
        long before = rows("workflows");
        Api.Response response = api().post("/workflows", body);
        assertProblem(response, 400);
        assertThat(pointers(response)).as(response.text()).containsExactlyInAnyOrder(expectedPointers);
        assertThat(rows("workflows")).as("workflows stored").isEqualTo(before);
        return response;
    }

    @Test
    void aNulCharacterInANameTitleOrDescriptionIs400AtItsPointer() {
        Api.Response name = rejectedWorkflow("""
                {"name": "a\\u0000b", "steps": [{"type": "Echo", "input": "x"}]}""", "#/name");
        assertThat(detailAt(name, "#/name")).isEqualTo("contains the character U+0000 (NUL), which cannot be stored");
        rejectedWorkflow("""
                {"title": "t\\u0000", "tasks": [{"name": "a", "type": "Echo", "inputs": {"text": "x"}}]}""",
                "#/title");
        rejectedWorkflow("""
                {"name": "%s", "description": "\\u0000", "steps": [{"type": "Echo", "input": "x"}]}"""
                .formatted(UUID.randomUUID()), "#/description");
        rejectedWorkflow("""
                {"name": "%s", "steps": [{"type": "Echo", "input": {"text": "x\\u0000"}}]}"""
                .formatted(UUID.randomUUID()), "#/steps/0/input/text");
    }

    @Test
    void aLoneSurrogateIs400AtItsPointer() {
        Api.Response response = rejectedWorkflow("""
                {"name": "a\\ud800", "steps": [{"type": "Echo", "input": "x"}]}""", "#/name");
        assertThat(detailAt(response, "#/name")).isEqualTo("contains an unpaired surrogate (U+D800), which is not a"
                + " character");
    }

    @Test
    void aNulCharacterInAnUploadNameIs400AndStoresNoFile() {
        long before = rows("files");

        RawHttp.Response query = raw().send("POST", "/files?name=a%00b", Map.of("X-API-Key", api().key(),
                "Content-Type", "text/plain"), "x".getBytes(StandardCharsets.UTF_8));
        assertThat(query.status()).as(query.text()).isEqualTo(400);
        assertThat(query.json().get("errors").get(0).get("parameter").asString()).isEqualTo("name");

        Api.Response header = api().send(api().request("/files").header("Content-Type", "text/plain")
                .header("Content-Disposition", "attachment; filename*=UTF-8''a%00b.txt")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertProblem(header, 400);
        assertThat(header.body().get("errors").get(0).get("header").asString()).isEqualTo("Content-Disposition");

        Api.Response part = api().send(multipart("a\u0000b.txt", "text/plain"));
        assertProblem(part, 400);
        assertThat(pointers(part)).containsExactly("#");
        assertThat(part.body().get("detail").asString()).startsWith("the multipart form is not valid");

        assertThat(rows("files")).as("files stored").isEqualTo(before);
    }

    @Test
    void anUploadNameOrTypeLongerThanItsColumnIs400() {
        long before = rows("files");
        String longName = "n".repeat(256);

        Api.Response name = api().send(api().request("/files?name=" + longName).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertProblem(name, 400);
        assertThat(parameters(name)).containsExactly("name");
        assertThat(name.body().get("detail").asString()).isEqualTo("query parameter 'name' must be at most 255"
                + " characters, got 256");

        Api.Response type = api().send(api().request("/files").header("Content-Type", "text/" + "t".repeat(300))
                .POST(HttpRequest.BodyPublishers.ofString("x")));
        assertProblem(type, 400);
        assertThat(type.body().get("errors").get(0).get("header").asString()).isEqualTo("Content-Type");
        assertThat(type.body().get("detail").asString()).isEqualTo("header Content-Type must be at most 255"
                + " characters, got 305");

        assertThat(rows("files")).as("files stored").isEqualTo(before);
        Api.Response longest = api().send(api().request("/files?name=" + "n".repeat(255))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(longest.status()).as(longest.text()).isEqualTo(201);
    }

    @Test
    void aMultipartBodyWithoutBoundaryIs400() {
        long before = rows("files");
        Api.Response response = api().send(api().request("/files").header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("xx")));
        assertProblem(response, 400);
        assertThat(response.body().get("detail").asString()).startsWith("the multipart form is not valid");
        assertThat(rows("files")).isEqualTo(before);
    }

    @Test
    void aWholeNumberBeyond64BitsInATimeoutOrRetryFieldIs400AtItsPointer() {
        String n = BEYOND_64_BITS;
        Api.Response step = rejectedWorkflow("""
                {"name": "%s", "steps": [{"type": "Echo", "input": "x", "timeout_seconds": %s,
                  "retry": {"max_retries": %s, "delay_ms": %s}}]}""".formatted(UUID.randomUUID(), n, n, n),
                "#/steps/0/timeout_seconds", "#/steps/0/retry/max_retries", "#/steps/0/retry/delay_ms");
        assertThat(detailAt(step, "#/steps/0/timeout_seconds")).isEqualTo("must be a whole number from 1 to 86400");
        rejectedWorkflow("""
                {"title": "%s", "settings": {"max_retries": -%s, "retry_delay_ms": %s, "task_timeout_seconds": %s},
                 "tasks": [{"name": "a", "type": "Echo", "inputs": {"text": "x"}, "timeout_seconds": %s}]}"""
                .formatted(UUID.randomUUID(), n, n, n, n), "#/settings/max_retries", "#/settings/retry_delay_ms",
                "#/settings/task_timeout_seconds", "#/tasks/0/timeout_seconds");
    }

    @Test
    void aNumberTooLargeForADoubleIs400AtItsPointer() {
        rejectedWorkflow("""
                {"name": "%s", "steps": [{"type": "Echo", "input": 1e400}]}""".formatted(UUID.randomUUID()),
                "#/steps/0/input");
    }

    @Test
    void aBodyNestedDeeperThanAnAnswerCanShowIs400() {
        String workflowId = api().createWorkflow("""
                {"title": "%s", "inputs": [{"name": "x", "type": "any"}],
                 "tasks": [{"name": "e", "type": "Echo", "inputs": {"text": "{{ inputs.x }}"}}], "outputs": []}"""
                .formatted(UUID.randomUUID()));
        long executions = rows("executions");
        // The body's object, "inputs" and 199 arrays: 201 levels.
        Api.Response deep = api().post("/workflows/" + workflowId + "/executions",
                "{\"inputs\": {\"x\": " + "[".repeat(199) + "1" + "]".repeat(199) + "}}");
        assertProblem(deep, 400);
        assertThat(pointers(deep)).containsExactly("#");
        assertThat(deep.body().get("detail").asString()).isEqualTo("the body nests deeper than 200 levels of"
                + " objects and arrays");
        assertThat(rows("executions")).as("executions stored").isEqualTo(executions);

        // 200 levels are taken, and the execution, which shows them a few levels deeper, can be read.
        String executionId = api().startExecution(workflowId, "{\"inputs\": {\"x\": " + "[".repeat(198) + "1"
                + "]".repeat(198) + "}}");
        JsonNode execution = api().awaitFinished(workflowId, executionId);
        assertThat(execution.get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void queryValuesThatAreNotUtf8Are400NamingTheParameter() {
        String workflowId = workflow();
        long files = rows("files");
        Map<String, String> cases = Map.of(
                "/workflows?limit=%FF", "limit",
                "/workflows?cursor=%C0%AF", "cursor",
                "/workflows/" + workflowId + "/executions?status=%ED%A0%80", "status",
                "/api/v1/credentials?limit=%E2%82", "limit",
                "/workflows?limit=%", "limit",
                "/workflows?limit=%G1", "limit",
                "/workflows?cursor=%00", "cursor");
        cases.forEach((target, parameter) -> {
            RawHttp.Response response = raw().send("GET", target, Map.of("X-API-Key", api().key()), null);
            assertRawProblem(response, 400, target);
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("parameter").asString()).as(target).isEqualTo(parameter);
            assertThat(error.get("detail").asString()).as(target).startsWith("query parameter '" + parameter + "'");
        });

        RawHttp.Response upload = raw().send("POST", "/files?name=%FF", Map.of("X-API-Key", api().key()),
                "abc".getBytes(StandardCharsets.UTF_8));
        assertRawProblem(upload, 400, "upload");
        assertThat(upload.json().get("errors").get(0).get("parameter").asString()).isEqualTo("name");
        assertThat(rows("files")).as("files stored").isEqualTo(files);
    }

    @Test
    void moreQueryParametersThanTheServerTakesIs400NamingTheFirstOneTooMany() {
        RawHttp.Response response = raw().send("GET", "/workflows?" + "p=1&".repeat(1000) + "limit=5",
                Map.of("X-API-Key", api().key()), null);
        assertRawProblem(response, 400, "1001 parameters");
        assertThat(response.json().get("errors").get(0).get("parameter").asString()).isEqualTo("limit");
    }

    @Test
    void aWebhookUrlLongerThan2048CharactersIs400AndStartsNothing() {
        String workflowId = workflow();
        String url = "http://127.0.0.1:1/" + "a".repeat(2048 - "http://127.0.0.1:1/".length());
        long executions = rows("executions");

        Api.Response seed000 = api().post("/workflows/" + workflowId + "/execute",
                "{\"webhook_url\": \"" + url + "a\"}");
        assertProblem(seed000, 400);
        assertThat(pointers(seed000)).containsExactly("#/webhook_url");
        assertThat(detailAt(seed000, "#/webhook_url")).isEqualTo("must be at most 2048 characters, got 2049");
        Api.Response seed001 = api().post("/workflows/" + workflowId + "/executions",
                "{\"monitoring\": {\"webhook\": \"" + url + "a\"}}");
        assertProblem(seed001, 400);
        assertThat(pointers(seed001)).containsExactly("#/monitoring/webhook");
        assertThat(rows("executions")).as("executions stored").isEqualTo(executions);

        // 2,048 characters fit the column; port 1 refuses at once, so delivery gives up without waiting anywhere.
        Api.Response longest = api().post("/workflows/" + workflowId + "/execute", "{\"webhook_url\": \"" + url
                + "\"}");
        assertThat(longest.status()).as(longest.text()).isEqualTo(202);
    }

    @Test
    void theErrorPathCalledDirectlyIs404() {
        for (String method : List.of("GET", "POST", "DELETE")) {
            Api.Response response = api().send(api().request("/error")
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertProblem(response, 404);
            assertThat(response.body().get("detail").asString()).isEqualTo("there is nothing at /error");
        }
        assertProblem(api().withKey(null).get("/error"), 401);
    }

    @Test
    void aBodyThatIsNotUtf8Is400AndTwoSuchNamesDoNotCollide() {
        long before = rows("workflows");
        String name = "Caf" + UUID.randomUUID();
        for (int bad : new int[] {0xff, 0xfe}) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(("{\"name\": \"" + name).getBytes(StandardCharsets.UTF_8));
            body.write(bad);
            body.writeBytes("\", \"steps\": [{\"type\": \"Echo\", \"input\": \"x\"}]}"
                    .getBytes(StandardCharsets.UTF_8));
            Api.Response response = api().send(api().request("/workflows")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
            assertProblem(response, 400);
            assertThat(pointers(response)).containsExactly("#");
            assertThat(response.body().get("detail").asString()).isEqualTo("the body is not valid UTF-8: the byte"
                    + " sequence at offset " + (10 + name.length()) + " is not a character; send JSON encoded as"
                    + " UTF-8");
        }
        assertThat(rows("workflows")).as("workflows stored").isEqualTo(before);

        // An overlong form of '/' is not UTF-8 either, in a start body as anywhere.
        String workflowId = workflow();
        long executions = rows("executions");
        Api.Response overlong = api().send(api().request("/workflows/" + workflowId + "/executions")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xc0, (byte) 0xaf, '"', ':',
                    '1', '}'})));
        assertProblem(overlong, 400);
        assertThat(rows("executions")).as("executions stored").isEqualTo(executions);
    }

    @Test
    void anObjectNamingAMemberTwiceIs400() {
        Api.Response top = rejectedWorkflow("""
                {"name": "%s", "name": "%s", "steps": [{"type": "Echo", "input": "x"}]}"""
                .formatted(UUID.randomUUID(), UUID.randomUUID()), "#");
        assertThat(top.body().get("detail").asString()).contains("Duplicate Object property \"name\"");

        String workflowId = workflow();
        long executions = rows("executions");
        Api.Response inputs = api().post("/workflows/" + workflowId + "/execute",
                "{\"input\": {\"text\": \"a\", \"text\": \"b\"}}");
        assertProblem(inputs, 400);
        assertThat(rows("executions")).isEqualTo(executions);
    }

    @Test
    void aPathTheContainerRefusesIsAProblemDocument() {
        for (String target : List.of("/workflows/%FF", "/workflows/%00", "/task-types/%2F", "/workflows/%C0%AF")) {
            RawHttp.Response response = raw().send("GET", target, Map.of("X-API-Key", api().key()), null);
            assertRawProblem(response, 400, target);
        }
        RawHttp.Response trace = raw().send("TRACE", "/workflows", Map.of("X-API-Key", api().key()), null);
        assertRawProblem(trace, 405, "TRACE");
    }

    private static void assertRawProblem(RawHttp.Response response, int status, String what) {
        assertThat(response.status()).as("%s: %s", what, response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
        JsonNode body = response.json();
        assertThat(body).as(what).isNotNull();
        assertThat(body.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(body.get("detail").asString()).as(what).isNotBlank();
    }

    /** A multipart upload whose file part has this filename and content type. */
    private HttpRequest.Builder multipart(String filename, String contentType) {
        String boundary = "boundary" + UUID.randomUUID();
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\nx\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        return api().request("/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
