package io.dataflow.server.api.accounts;

import static io.dataflow.server.support.Envelopes.assertFailure;
import static io.dataflow.server.support.Envelopes.firstMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /accounts/{account_id}/workflows} and its versions over raw HTTP, on each database: binding a workflow of
 * the organization by id or name, reading, listing, paging and deleting, versions and their graph, and every error
 * in the envelope with its code, changing nothing.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsWorkflowsApiTests {

    private static final String LINEAR = """
            {"name": "%s", "steps": [{"type": "StaticTextInput", "input": "abc"}, {"type": "TextOperation.Reverse"}]}""";
    private static final List<String> STATUS_WORDS = List.of("complete", "errored", "paused", "queued", "running",
            "terminated", "waiting", "waitingForPause");

    @Parameter
    TestDatabase database;

    private Api api;
    private String account;
    private String workflowName;
    private String workflowId;

    @BeforeEach
    void account() {
        TestServer server = TestServer.shared(database);
        api = server.newOrganization("Accounts workflows " + UUID.randomUUID());
        account = server.engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
        workflowName = "reverse " + UUID.randomUUID();
        workflowId = api.createWorkflow(LINEAR.formatted(workflowName));
    }

    private RawHttp.Response send(String method, String path, String body) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Authorization", "Bearer " + api.key()));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new RawHttp(api.baseUrl()).send(method, "/accounts/" + account + "/workflows" + path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode ok(RawHttp.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("errors").isEmpty()).isTrue();
        return body;
    }

    private JsonNode bind(String name, String className, String scriptName) {
        return ok(send("PUT", "/" + name, "{\"class_name\": \"" + className + "\", \"script_name\": \""
                + scriptName + "\"}")).get("result");
    }

    @Test
    void putBindsAWorkflowByIdAndAnswersTheSdksFullObject() {
        JsonNode bound = bind("orders", "OrderFlow", workflowId);
        assertThat(bound.get("id").asString()).isNotBlank();
        assertThat(bound.get("name").asString()).isEqualTo("orders");
        assertThat(bound.get("class_name").asString()).isEqualTo("OrderFlow");
        assertThat(bound.get("script_name").asString()).isEqualTo(workflowId);
        assertThat(bound.get("created_on").asString()).endsWith("Z");
        assertThat(bound.get("modified_on").asString()).endsWith("Z");
        assertThat(bound.has("triggered_on") && bound.get("triggered_on").isNull()).isTrue();
        assertThat(bound.get("is_deleted").asInt()).isZero();
        assertThat(bound.get("terminator_running").asInt()).isZero();
        assertThat(bound.get("version_id").asString()).isNotBlank();

        JsonNode same = bind("orders", "OrderFlow", workflowId);
        assertThat(same.get("id").asString()).isEqualTo(bound.get("id").asString());
        assertThat(same.get("version_id").asString()).as("nothing changed: same version")
                .isEqualTo(bound.get("version_id").asString());
    }

    @Test
    void putByTheWorkflowsNameAndAChangeMakesANewVersion() {
        JsonNode first = bind("orders", "OrderFlow", workflowId);
        JsonNode second = bind("orders", "OrderFlowV2", workflowName);
        assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(second.get("script_name").asString()).isEqualTo(workflowId);
        assertThat(second.get("class_name").asString()).isEqualTo("OrderFlowV2");
        assertThat(second.get("version_id").asString()).isNotEqualTo(first.get("version_id").asString());

        JsonNode versions = ok(send("GET", "/orders/versions", null));
        List<String> ids = new ArrayList<>();
        versions.get("result").forEach(v -> ids.add(v.get("id").asString()));
        assertThat(ids).containsExactly(second.get("version_id").asString(), first.get("version_id").asString());
        assertThat(versions.get("result_info").get("total_count").asLong()).isEqualTo(2);
        JsonNode newest = versions.get("result").get(0);
        assertThat(newest.get("class_name").asString()).isEqualTo("OrderFlowV2");
        assertThat(newest.get("workflow_id").asString()).isEqualTo(first.get("id").asString());
        assertThat(newest.get("has_dag").asBoolean()).isTrue();
        assertThat(newest.get("language").asString()).isEqualTo("javascript");
        assertThat(newest.get("created_on").asString()).isEqualTo(newest.get("modified_on").asString());
    }

    @Test
    void getAndListShowEveryInstanceCount() {
        bind("orders", "OrderFlow", workflowId);
        JsonNode got = ok(send("GET", "/orders", null)).get("result");
        assertThat(got.get("name").asString()).isEqualTo("orders");
        assertThat(got.get("script_name").asString()).isEqualTo(workflowId);
        List<String> words = new ArrayList<>(got.get("instances").propertyNames());
        assertThat(words).containsExactlyInAnyOrderElementsOf(STATUS_WORDS);
        got.get("instances").forEach(count -> assertThat(count.asLong()).isZero());

        JsonNode listed = ok(send("GET", "", null));
        assertThat(listed.get("result")).hasSize(1);
        assertThat(listed.get("result").get(0)).isEqualTo(got);
        assertThat(listed.get("result_info").get("count").asInt()).isEqualTo(1);
    }

    @Test
    void listSearchesAndPagesAndAPagePastTheEndIsEmpty() {
        for (String name : List.of("alpha", "beta", "alphabet")) {
            bind(name, "Flow", workflowId);
        }
        JsonNode searched = ok(send("GET", "?search=ALPHA", null));
        List<String> names = new ArrayList<>();
        searched.get("result").forEach(w -> names.add(w.get("name").asString()));
        assertThat(names).containsExactly("alpha", "alphabet");

        JsonNode second = ok(send("GET", "?page=2&per_page=2", null));
        assertThat(second.get("result")).hasSize(1);
        assertThat(second.get("result").get(0).get("name").asString()).isEqualTo("beta");
        assertThat(second.get("result_info").toString())
                .isEqualTo("{\"page\":2,\"per_page\":2,\"count\":1,\"total_count\":3}");

        JsonNode past = ok(send("GET", "?page=3&per_page=2", null));
        assertThat(past.get("result").isEmpty()).isTrue();
        assertThat(past.get("result_info").get("count").asInt()).isZero();
        assertThat(past.get("result_info").get("total_count").asLong()).isEqualTo(3);

        assertThat(assertFailure(send("GET", "?per_page=101", null), 400)).containsExactly(10003);
    }

    @Test
    void badNamesAreRefusedAndChangeNothing() {
        String body = "{\"class_name\": \"Flow\", \"script_name\": \"" + workflowId + "\"}";
        for (String name : List.of("-starts-with-dash", "has.dot", "x".repeat(65))) {
            RawHttp.Response response = send("PUT", "/" + name, body);
            assertThat(assertFailure(response, 400)).as(name).containsExactly(10004);
            assertThat(firstMessage(response)).contains("workflow_name");
            assertThat(assertFailure(send("GET", "/" + name, null), 400)).containsExactly(10004);
        }
        assertThat(ok(send("PUT", "/" + "x".repeat(64), body)).get("result").get("name").asString())
                .hasSize(64);
        assertThat(ok(send("GET", "", null)).get("result")).hasSize(1);
    }

    @Test
    void badBodiesAreRefusedNamingTheFieldAndChangeNothing() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"class_name\": \"Flow\", \"script_name\": \"nope\"}", "'script_name'");
        refused.put("{\"class_name\": \"Flow\", \"script_name\": \"" + workflowId
                + "\", \"concurrency\": {\"limit\": 2}}", "concurrency");
        refused.put("{\"class_name\": \"Flow\", \"script_name\": \"" + workflowId
                + "\", \"schedules\": [{\"cron\": \"* * * * *\"}], \"limits\": {\"steps\": 3},"
                + " \"default_retention\": {}}", "limits, schedules");
        refused.put("{\"class_name\": \"Flow\", \"script_name\": \"" + workflowId
                + "\", \"default_retention\": {\"success_retention\": \"soon\"}}",
                "default_retention.success_retention must be milliseconds");
        refused.put("{\"class_name\": \"Flow\", \"script_name\": \"" + workflowId
                + "\", \"default_retention\": {\"error_retention\": \"400 days\"}}",
                "default_retention.error_retention is longer than this server keeps finished instances (30 days");
        refused.put("{\"class_name\": \"Flow\", \"script_name\": \"" + workflowId
                + "\", \"default_retention\": {\"success\": 5}}", "default_retention.success is not a field here");
        refused.put("{\"class_name\": \"Flow\", \"script_name\": \"" + workflowId + "\", \"colour\": 1}",
                "'colour'");
        refused.put("{\"script_name\": \"" + workflowId + "\"}", "'class_name' is required");
        refused.put("{\"class_name\": \"Flow\"}", "'script_name' is required");
        refused.put("{\"class_name\": 5, \"script_name\": \"" + workflowId + "\"}", "'class_name'");
        refused.put("{\"class_name\": \"" + "c".repeat(201) + "\", \"script_name\": \"" + workflowId + "\"}",
                "'class_name'");
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            RawHttp.Response response = send("PUT", "/orders", entry.getKey());
            assertThat(assertFailure(response, 400)).as(entry.getKey()).containsExactly(10004);
            assertThat(firstMessage(response)).as(entry.getKey()).contains(entry.getValue());
        }
        for (String notAnObject : List.of("[]", "\"x\"", "{")) {
            assertThat(assertFailure(send("PUT", "/orders", notAnObject), 400)).as(notAnObject)
                    .containsExactly(10002);
        }
        assertThat(assertFailure(send("GET", "/orders", null), 404)).containsExactly(10501);
    }

    @Test
    void anUnknownWorkflowIs404WithCode10501AndAnUnknownVersion10503() {
        for (String[] call : List.of(new String[] {"GET", "/nope"}, new String[] {"DELETE", "/nope"},
                new String[] {"GET", "/nope/versions"}, new String[] {"GET", "/nope/versions/v1"},
                new String[] {"GET", "/nope/versions/v1/graph"}, new String[] {"GET", "/nope/versions/v1/dag"})) {
            RawHttp.Response response = send(call[0], call[1], null);
            assertThat(assertFailure(response, 404)).as(call[1]).containsExactly(10501);
            assertThat(firstMessage(response)).contains("'nope'");
        }
        bind("orders", "Flow", workflowId);
        for (String path : List.of("/orders/versions/nope", "/orders/versions/nope/graph",
                "/orders/versions/nope/dag")) {
            assertThat(assertFailure(send("GET", path, null), 404)).as(path).containsExactly(10503);
        }
    }

    @Test
    void anotherAccountIs403() {
        bind("orders", "Flow", workflowId);
        Api theirs = TestServer.shared(database).newOrganization("Accounts other " + UUID.randomUUID());
        for (String[] call : List.of(new String[] {"GET", ""}, new String[] {"GET", "/orders"},
                new String[] {"DELETE", "/orders"}, new String[] {"GET", "/orders/versions"})) {
            RawHttp.Response response = new RawHttp(api.baseUrl()).send(call[0],
                    "/accounts/" + account + "/workflows" + call[1], Map.of("Authorization", "Bearer "
                            + theirs.key()), null);
            assertThat(assertFailure(response, 403)).as(call[1]).containsExactly(9109);
            assertThat(response.text()).doesNotContain("orders");
        }
        assertThat(ok(send("GET", "/orders", null)).get("result").get("name").asString()).isEqualTo("orders");
    }

    @Test
    void deleteRemovesTheNameNotTheWorkflow() {
        bind("orders", "Flow", workflowId);
        JsonNode deleted = ok(send("DELETE", "/orders", null));
        assertThat(deleted.get("result").toString()).isEqualTo("{\"status\":\"ok\",\"success\":true}");
        assertThat(assertFailure(send("GET", "/orders", null), 404)).containsExactly(10501);
        assertThat(assertFailure(send("DELETE", "/orders", null), 404)).containsExactly(10501);
        assertThat(api.get("/workflows/" + workflowId).status()).isEqualTo(200);
        JsonNode again = bind("orders", "Flow", workflowId);
        assertThat(again.get("name").asString()).as("the name is free again").isEqualTo("orders");
    }

    @Test
    void aVersionAndItsGraphUnderGraphAndDag() {
        JsonNode bound = bind("orders", "OrderFlow", workflowId);
        String versionId = bound.get("version_id").asString();
        JsonNode version = ok(send("GET", "/orders/versions/" + versionId, null)).get("result");
        assertThat(new ArrayList<>(version.propertyNames())).containsExactlyInAnyOrder("id", "class_name",
                "created_on", "modified_on", "workflow_id", "has_dag", "language");
        assertThat(version.get("id").asString()).isEqualTo(versionId);
        assertThat(version.get("workflow_id").asString()).isEqualTo(bound.get("id").asString());

        JsonNode graph = ok(send("GET", "/orders/versions/" + versionId + "/graph", null)).get("result");
        assertThat(graph.get("id").asString()).isEqualTo(versionId);
        assertThat(graph.get("graph")).isEqualTo(graph.get("dag"));
        assertThat(graph.get("graph").get("version").asInt()).isEqualTo(1);
        JsonNode drawn = graph.get("graph").get("workflow");
        assertThat(drawn.get("class_name").asString()).isEqualTo("OrderFlow");
        List<String> types = new ArrayList<>();
        drawn.get("nodes").forEach(node -> types.add(node.get("type").asString()));
        // The trigger declares the inputs (a seed 001 workflow takes open ones), then a node per step.
        assertThat(types).containsExactly("trigger.manual", "StaticTextInput", "TextOperation.Reverse");
        assertThat(drawn.get("nodes").get(1).get("config").isObject()).isTrue();
        List<String> ids = new ArrayList<>();
        drawn.get("nodes").forEach(node -> ids.add(node.get("id").asString()));
        assertThat(drawn.get("edges").isEmpty()).as("the second step reads the first's output").isFalse();
        drawn.get("edges").forEach(edge -> assertThat(ids).contains(edge.get("source").asString(),
                edge.get("target").asString()));
        assertThat(ok(send("GET", "/orders/versions/" + versionId + "/dag", null)).get("result")).isEqualTo(graph);
    }
}
