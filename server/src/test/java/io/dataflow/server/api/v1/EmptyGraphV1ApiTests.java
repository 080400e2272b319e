package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.StoredRows;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * A graph with no task node (none at all, or only the trigger) is saved and listed like any draft, but an execution
 * of it would never end: executing it, with or without a definition of its own, deploying it, and rerunning or
 * restarting an execution of such a version are {@code 400} at {@code #/nodes}, and store nothing.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EmptyGraphV1ApiTests {

    private static final String EMPTY = """
            {"name": "%s", "nodes": [], "connections": []}""";
    private static final String TRIGGER_ONLY = """
            {"name": "%s", "nodes": [{"id": "t", "nodeId": "trigger.manual", "config": {}}], "connections": []}""";
    /** One node that finishes at once. */
    private static final String ONE_NODE = """
            {"name": "%s", "nodes": [{"id": "shout", "nodeId": "TextOperation.Uppercase", "config": {"text": "hi"}}],
             "connections": []}""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api organization() {
        return server().newOrganization("empty graphs " + UUID.randomUUID());
    }

    private StoredRows stored() {
        return new StoredRows(server());
    }

    private static String name(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    private static String create(Api api, String body) {
        Api.Response created = api.post("/api/v1/workflows", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("workflowId").asString();
    }

    /** Asserts the refusal of a graph with no task node, at {@code pointer}. */
    private static void refusedAt(Api.Response response, String pointer) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(pointers(response)).containsExactly(pointer);
        assertThat(problem.get("detail").asString()).contains("has no task nodes to run: add one");
        assertThat(problem.get("errors").get(0).get("detail").asString()).isEqualTo(problem.get("detail").asString());
    }

    @Test
    void anEmptyDraftIsSavedListedAndChangedButNeitherExecutedNorDeployed() {
        Api api = organization();
        String name = name("empty");
        String id = create(api, EMPTY.formatted(name));

        JsonNode listed = api.get("/api/v1/workflows?search=" + name.substring(name.indexOf(' ') + 1)).body();
        assertThat(listed.get("count").asInt()).isEqualTo(1);
        assertThat(listed.get("workflows").get(0).get("id").asString()).isEqualTo(id);
        assertThat(api.get("/api/v1/workflows/" + id).body().get("nodes")).isEmpty();
        Api.Response changed = api.put("/api/v1/workflows/" + id, "{\"description\": \"still empty\", \"nodes\": [],"
                + " \"connections\": [], \"settings\": {\"timeout\": 30}}");
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.body().get("version").asInt()).isEqualTo(2);

        refusedAt(api.post("/api/v1/workflows/" + id + "/execute", ""), "#/nodes");
        refusedAt(api.post("/api/v1/workflows/" + id + "/execute", "{\"triggerInputs\": {\"a\": 1}}"), "#/nodes");
        refusedAt(api.post("/api/v1/workflows/" + id + "/deploy", ""), "#/nodes");

        assertThat(stored().executions(id)).isZero();
        assertThat(api.get("/api/v1/workflows/" + id + "/executions").body().get("count").asInt()).isZero();
        JsonNode kept = api.get("/api/v1/workflows/" + id).body();
        assertThat(kept.get("status").asString()).isEqualTo("draft");
        assertThat(api.get("/api/v1/workflows/" + id + "/versions").body().get("deployedVersion").isNull()).isTrue();
    }

    @Test
    void aGraphOfOnlyATriggerIsNeitherExecutedNorDeployedUntilItHasATaskNode() {
        Api api = organization();
        String id = create(api, TRIGGER_ONLY.formatted(name("trigger only")));

        refusedAt(api.post("/api/v1/workflows/" + id + "/execute", "{\"triggerInputs\": {}}"), "#/nodes");
        refusedAt(api.post("/api/v1/workflows/" + id + "/deploy", ""), "#/nodes");
        assertThat(stored().executions(id)).isZero();
        assertThat(api.get("/api/v1/workflows/" + id).body().get("status").asString()).isEqualTo("draft");

        api.put("/api/v1/workflows/" + id, ONE_NODE.formatted(name("now with a node")));
        Api.Response deployed = api.post("/api/v1/workflows/" + id + "/deploy", "");
        assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
        Api.Response executed = api.post("/api/v1/workflows/" + id + "/execute", "");
        assertThat(executed.status()).as(executed.text()).isEqualTo(201);
        assertThat(api.awaitFinished(id, executed.body().get("executionId").asString()).get("status").asString())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aDefinitionSentToRunInsteadNeedsATaskNodeAndWithoutOneStoresNoSnapshot() {
        Api api = organization();
        String id = create(api, ONE_NODE.formatted(name("runnable")));
        long versions = stored().versions(id);

        refusedAt(api.post("/api/v1/workflows/" + id + "/execute", "{\"definition\": {\"nodes\": [],"
                + " \"connections\": []}}"), "#/definition/nodes");
        refusedAt(api.post("/api/v1/workflows/" + id + "/execute", "{\"definition\": {\"nodes\": [{\"id\": \"t\","
                + " \"nodeId\": \"trigger.manual\", \"config\": {}}]}, \"triggerInputs\": {}}"), "#/definition/nodes");

        assertThat(stored().versions(id)).isEqualTo(versions);
        assertThat(stored().executions(id)).isZero();

        // The page's example: a definition with a task node runs, as the execution's own snapshot.
        Api.Response example = api.post("/api/v1/workflows/" + id + "/execute", """
                {"triggerInputs": {"name": "ada"},
                 "definition": {"nodes": [{"id": "trigger", "nodeId": "trigger.manual", "config": {}},
                                          {"id": "shout", "nodeId": "TextOperation.Uppercase", "config": {}}],
                                "connections": [{"sourceNodeId": "trigger", "sourcePort": "name",
                                                 "targetNodeId": "shout", "targetPort": "text"}]}}""");
        assertThat(example.status()).as(example.text()).isEqualTo(201);
        JsonNode done = api.awaitFinished(id, example.body().get("executionId").asString());
        assertThat(done.get("outputs").get("shout").get("text").asString()).isEqualTo("ADA");
        assertThat(stored().versions(id)).isEqualTo(versions + 1);
        assertThat(stored().executions(id)).isEqualTo(1);
    }

    @Test
    void anExecutionLeftOnAnEmptyVersionIsTerminatedButNeitherRerunNorRestarted() {
        Api api = organization();
        String id = create(api, ONE_NODE.formatted(name("emptied")));
        String execution = api.post("/api/v1/workflows/" + id + "/execute", "").body().get("executionId").asString();
        api.awaitFinished(id, execution);
        assertThat(api.put("/api/v1/workflows/" + id, "{\"nodes\": []}").body().get("version").asInt()).isEqualTo(2);
        stored().strand(execution, 2);
        assertThat(api.get("/api/v1/executions/" + execution).body().get("status").asString()).isEqualTo("queued");

        Api.Response terminated = api.post("/api/v1/executions/" + execution + "/terminate", "");
        assertThat(terminated.status()).as(terminated.text()).isEqualTo(200);
        assertThat(terminated.body().get("status").asString()).isEqualTo("terminated");
        refusedAt(api.post("/api/v1/executions/" + execution + "/restart", ""), "#/nodes");
        refusedAt(api.post("/api/v1/executions/" + execution + "/rerun", "{\"fromNode\": \"shout\"}"), "#/nodes");

        assertThat(api.get("/api/v1/executions/" + execution).body().get("status").asString())
                .isEqualTo("terminated");
        assertThat(stored().executions(id)).isEqualTo(1);
    }
}
