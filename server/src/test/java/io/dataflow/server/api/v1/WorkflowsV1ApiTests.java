package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.parameters;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Json;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's {@code /api/v1/workflows}: every endpoint with the page's example bodies, a graph that runs, and the
 * same workflows seen through {@code /workflows}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WorkflowsV1ApiTests {

    /** The seed's create example. */
    static final String SEED_CREATE = """
            {
            "name": "Daily ETL Pipeline",
            "description": "Extracts data from MySQL, transforms, and loads to S3",
            "status": "draft",
            "nodes": [],
            "connections": [],
            "tags": ["etl"],
            "settings": {
            "timeout": 3600,
            "retryOnFailure": true,
            "maxRetries": 3
            }
            }""";

    /** The seed's update example. */
    static final String SEED_UPDATE = """
            {
            "name": "Updated ETL Pipeline",
            "description": "Updated description",
            "nodes": [],
            "connections": [],
            "tags": ["etl", "v2"],
            "settings": {
            "timeout": 7200
            }
            }""";

    /** A graph that runs: the trigger's {@code name} upper-cased, then echoed. */
    static final String GREETING_GRAPH = """
            {
              "name": "%s",
              "description": "Shouts a name",
              "tags": ["demo", "text"],
              "nodes": [
                {"id": "trigger", "nodeId": "trigger.manual", "label": "Start", "position": {"x": 0, "y": 0},
                 "config": {"inputs": [{"name": "name", "type": "text"}]}},
                {"id": "shout", "nodeId": "TextOperation.Uppercase", "label": "Shout",
                 "position": {"x": 200, "y": 0}, "config": {}},
                {"id": "echo", "nodeId": "Echo", "label": "Echo", "position": {"x": 400, "y": 0.5}}
              ],
              "connections": [
                {"sourceNodeId": "trigger", "sourcePort": "name", "targetNodeId": "shout", "targetPort": "text"},
                {"sourceNodeId": "shout", "sourcePort": "output", "targetNodeId": "echo", "targetPort": "input"}
              ],
              "config": {"owner": "team-a"},
              "settings": {"timeout": 60, "retryOnFailure": false}
            }""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api organization() {
        return server().newOrganization("v1 " + UUID.randomUUID());
    }

    private static String create(Api api, String body) {
        Api.Response created = api.post("/api/v1/workflows", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = created.body().get("workflowId").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/workflows/" + id);
        return id;
    }

    private static String greeting(String name) {
        return GREETING_GRAPH.formatted(name);
    }

    @Test
    void theSeedsExamplesCreateGetUpdateAndDelete() {
        Api api = organization();
        String id = create(api, SEED_CREATE);

        JsonNode w = api.get("/api/v1/workflows/" + id).body();
        assertThat(w.propertyNames()).containsExactlyInAnyOrder("id", "name", "description", "status", "version",
                "nodes", "connections", "config", "settings", "tags", "organizationId", "ownerId", "sharedWith",
                "isPublic", "isTemplate", "createdAt", "updatedAt");
        assertThat(w.get("name").asString()).isEqualTo("Daily ETL Pipeline");
        assertThat(w.get("status").asString()).isEqualTo("draft");
        assertThat(w.get("version").asInt()).isEqualTo(1);
        assertThat(w.get("settings").get("timeout").asInt()).isEqualTo(3600);
        assertThat(w.get("settings").get("maxRetries").asInt()).isEqualTo(3);
        assertThat(w.get("tags").valueStream().map(JsonNode::asString)).containsExactly("etl");
        assertThat(w.get("sharedWith")).isEmpty();
        assertThat(w.get("isPublic").asBoolean()).isFalse();
        assertThat(w.get("ownerId").asString()).startsWith("usr-");
        assertThat(w.get("organizationId").asString()).startsWith("org-");

        Api.Response updated = api.put("/api/v1/workflows/" + id, SEED_UPDATE);
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        JsonNode u = updated.body();
        assertThat(u.get("name").asString()).isEqualTo("Updated ETL Pipeline");
        assertThat(u.get("description").asString()).isEqualTo("Updated description");
        assertThat(u.get("tags").valueStream().map(JsonNode::asString)).containsExactly("etl", "v2");
        assertThat(u.get("settings").get("timeout").asInt()).isEqualTo(7200);
        assertThat(u.get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/workflows/" + id).body()).isEqualTo(u);

        Api.Response tagsOnly = api.put("/api/v1/workflows/" + id, "{\"tags\": [\"prod\"]}");
        assertThat(tagsOnly.body().get("version").asInt()).as("tags are no definition change").isEqualTo(2);
        assertThat(tagsOnly.body().get("name").asString()).isEqualTo("Updated ETL Pipeline");

        assertThat(api.delete("/api/v1/workflows/" + id).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/workflows/" + id), 404);
        assertProblem(api.delete("/api/v1/workflows/" + id), 404);
    }

    @Test
    void aGraphRunsWithTriggerInputsAndIsWatchedInBothDialects() {
        Api api = organization();
        String id = create(api, greeting("Greeting"));
        JsonNode w = api.get("/api/v1/workflows/" + id).body();
        assertThat(w.get("nodes").get(2).get("position").get("y").asDouble()).isEqualTo(0.5);
        assertThat(w.get("nodes").get(0).get("label").asString()).isEqualTo("Start");
        assertThat(w.get("config").get("owner").asString()).isEqualTo("team-a");

        Api.Response executed = api.post("/api/v1/workflows/" + id + "/execute",
                "{\"triggerInputs\": {\"name\": \"ada\"}}");
        assertThat(executed.status()).as(executed.text()).isEqualTo(201);
        assertThat(executed.body().propertyNames()).containsExactly("executionId");
        String execution = executed.body().get("executionId").asString();

        JsonNode done = api.awaitFinished(id, execution);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("tasks").valueStream().map(t -> t.get("name").asString())).contains("shout", "echo");
        assertThat(done.get("outputs").get("echo").get("text").asString()).isEqualTo("ADA");

        Api.Response settingsOnly = api.put("/api/v1/workflows/" + id, "{\"settings\": {\"timeout\": 30}}");
        assertThat(settingsOnly.status()).as(settingsOnly.text()).isEqualTo(200);
        assertThat(settingsOnly.body().get("nodes")).isEqualTo(w.get("nodes"));
        assertThat(settingsOnly.body().get("connections")).isEqualTo(w.get("connections"));
        assertThat(settingsOnly.body().get("config")).isEqualTo(w.get("config"));
        assertThat(settingsOnly.body().get("settings").get("timeout").asInt()).isEqualTo(30);
        assertThat(settingsOnly.body().get("version").asInt()).isEqualTo(2);

        Api.Response unknownInput = api.post("/api/v1/workflows/" + id + "/execute",
                "{\"triggerInputs\": {\"nam\": \"ada\"}}");
        assertProblem(unknownInput, 400);
        assertThat(pointers(unknownInput)).contains("#/triggerInputs/nam");
    }

    @Test
    void aWorkflowOfTheOtherDialectShowsAsAGraphAndRuns() {
        Api api = organization();
        String id = api.createWorkflow("""
                {"name": "Dummy Workflow", "steps": [
                  {"type": "StaticTextInput", "input": "Hello, world!"},
                  {"type": "TextOperation.Reverse"},
                  {"type": "Echo"}]}""");
        JsonNode w = api.get("/api/v1/workflows/" + id).body();
        assertThat(w.get("nodes").valueStream().map(n -> n.get("nodeId").asString()))
                .contains("StaticTextInput", "TextOperation.Reverse", "Echo");
        assertThat(w.get("connections")).isNotEmpty();
        assertThat(w.get("status").asString()).isEqualTo("draft");

        String listed = api.get("/api/v1/workflows?search=dummy").body().get("workflows").get(0).get("id")
                .asString();
        assertThat(listed).isEqualTo(id);

        String execution = api.post("/api/v1/workflows/" + id + "/execute", "").body().get("executionId").asString();
        JsonNode done = api.awaitFinished(id, execution);
        assertThat(done.get("outputs").get("text").asString()).isEqualTo("!dlrow ,olleH");
    }

    @Test
    void aNodesRetriesAndTimeoutAreShownBackAsSentAndBadOnesRefusedAtTheirFields() {
        Api api = organization();
        String nodes = """
                [{"id": "shout", "nodeId": "TextOperation.Uppercase", "config": {"text": "hi"},
                  "retries": {"limit": 2, "delay": "5 seconds", "backoff": "linear"}, "timeout": 30000},
                 {"id": "quiet", "nodeId": "TextOperation.Lowercase", "config": {"text": "HI"}}]""";
        String id = create(api, "{\"name\": \"configured " + UUID.randomUUID() + "\", \"nodes\": " + nodes + "}");

        JsonNode shown = api.get("/api/v1/workflows/" + id).body();
        assertThat(shown.get("nodes")).isEqualTo(Json.parse(nodes));
        String execution = api.post("/api/v1/workflows/" + id + "/execute", "").body().get("executionId").asString();
        assertThat(api.awaitFinished(id, execution).get("status").asString()).isEqualTo("COMPLETED");

        Api.Response bad = api.put("/api/v1/workflows/" + id, """
                {"nodes": [{"id": "shout", "nodeId": "TextOperation.Uppercase", "config": {"text": "hi"},
                            "retries": {"limit": 2}, "timeout": "forever"}]}""");
        assertThat(refusedAt(bad)).containsExactlyInAnyOrder("#/nodes/0/retries/delay", "#/nodes/0/timeout");
        assertThat(api.get("/api/v1/workflows/" + id).body()).isEqualTo(shown);
    }

    @Test
    void deployPinsTheVersionAndTheLifecycleRefusesWhatItMust() {
        Api api = organization();
        String id = create(api, greeting("Lifecycle"));

        Api.Response deployed = api.post("/api/v1/workflows/" + id + "/deploy", "");
        assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
        assertThat(deployed.body().get("message").asString()).isEqualTo("Workflow deployed successfully");
        assertThat(deployed.body().get("workflowId").asString()).isEqualTo(id);
        assertThat(deployed.body().get("status").asString()).isEqualTo("active");

        // A later edit makes version 2, but executions keep running the deployed version 1.
        api.put("/api/v1/workflows/" + id, greeting("Lifecycle").replace("TextOperation.Uppercase",
                "TextOperation.Lowercase"));
        String execution = api.post("/api/v1/workflows/" + id + "/execute",
                "{\"triggerInputs\": {\"name\": \"Ada\"}}").body().get("executionId").asString();
        JsonNode done = api.awaitFinished(id, execution);
        assertThat(done.get("workflow_version").asInt()).isEqualTo(1);
        assertThat(done.get("outputs").get("echo").get("text").asString()).isEqualTo("ADA");
        JsonNode versions = api.get("/api/v1/workflows/" + id + "/versions").body();
        assertThat(versions.get("currentVersion").asInt()).isEqualTo(2);

        Api.Response paused = api.put("/api/v1/workflows/" + id + "/status", "{\"status\": \"paused\"}");
        assertThat(paused.status()).as(paused.text()).isEqualTo(200);
        assertThat(paused.body().get("status").asString()).isEqualTo("paused");
        JsonNode refused = assertProblem(api.post("/api/v1/workflows/" + id + "/execute", ""), 409);
        assertThat(refused.get("workflowStatus").asString()).isEqualTo("paused");
        assertProblem(api.post("/workflows/" + id + "/execute", ""), 409);

        assertThat(api.put("/api/v1/workflows/" + id + "/status", "{\"status\": \"archived\"}").status())
                .isEqualTo(200);
        JsonNode noDeploy = assertProblem(api.post("/api/v1/workflows/" + id + "/deploy", ""), 409);
        assertThat(noDeploy.get("workflowStatus").asString()).isEqualTo("archived");
        JsonNode noPause = assertProblem(api.put("/api/v1/workflows/" + id + "/status", "{\"status\": \"paused\"}"),
                409);
        assertThat(noPause.get("allowed").valueStream().map(JsonNode::asString)).containsExactly("draft");
        assertProblem(api.post("/api/v1/workflows/" + id + "/execute", ""), 409);

        assertThat(api.put("/api/v1/workflows/" + id + "/status", "{\"status\": \"draft\"}").status()).isEqualTo(200);
        String latest = api.post("/api/v1/workflows/" + id + "/execute", "{\"triggerInputs\": {\"name\": \"Ada\"}}")
                .body().get("executionId").asString();
        assertThat(api.awaitFinished(id, latest).get("outputs").get("echo").get("text").asString()).isEqualTo("ada");

        Api.Response undeploy = api.post("/api/v1/workflows/" + id + "/undeploy", "");
        JsonNode notDeployed = assertProblem(undeploy, 409);
        assertThat(notDeployed.get("allowed").valueStream().map(JsonNode::asString))
                .containsExactly("active", "paused");
        api.post("/api/v1/workflows/" + id + "/deploy", "");
        Api.Response undeployed = api.post("/api/v1/workflows/" + id + "/undeploy", "");
        assertThat(undeployed.body().get("message").asString()).isEqualTo("Workflow undeployed successfully");
        assertThat(undeployed.body().get("status").asString()).isEqualTo("draft");
    }

    @Test
    void executeRunsAGivenDefinitionForThatExecutionOnly() {
        Api api = organization();
        String id = create(api, greeting("Override"));
        String override = greeting("x").replace("TextOperation.Uppercase", "TextOperation.Reverse");
        String definition = override.substring(override.indexOf("\"nodes\""), override.lastIndexOf("\"config\""))
                .trim().replaceAll(",$", "");
        Api.Response executed = api.post("/api/v1/workflows/" + id + "/execute",
                "{\"definition\": {" + definition + "}, \"triggerInputs\": {\"name\": \"abc\"}}");
        assertThat(executed.status()).as(executed.text()).isEqualTo(201);
        JsonNode done = api.awaitFinished(id, executed.body().get("executionId").asString());
        assertThat(done.get("outputs").get("echo").get("text").asString()).isEqualTo("cba");
        assertThat(done.get("workflow_version").asInt()).isNegative();
        assertThat(api.get("/api/v1/workflows/" + id + "/versions").body().get("versions")).hasSize(1);

        Api.Response bad = api.post("/api/v1/workflows/" + id + "/execute",
                "{\"definition\": {\"nodes\": [{\"id\": \"a\", \"nodeId\": \"No.Such\"}]}}");
        assertProblem(bad, 400);
        assertThat(pointers(bad)).contains("#/definition/nodes/0/nodeId");
    }

    @Test
    void versionsAreTaggedOnceEach() {
        Api api = organization();
        String id = create(api, SEED_CREATE);
        Api.Response tagged = api.post("/api/v1/workflows/" + id + "/versions",
                "{\"versionTag\": \"v2.1.0\", \"description\": \"Added retry logic to S3 upload node\"}");
        assertThat(tagged.status()).as(tagged.text()).isEqualTo(201);
        assertThat(tagged.body().get("workflowId").asString()).isEqualTo(id);
        assertThat(tagged.body().get("version").asInt()).isEqualTo(2);
        assertThat(tagged.body().get("versionTag").asString()).isEqualTo("v2.1.0");

        JsonNode versions = api.get("/api/v1/workflows/" + id + "/versions").body();
        assertThat(versions.get("workflowId").asString()).isEqualTo(id);
        assertThat(versions.get("currentVersion").asInt()).isEqualTo(2);
        JsonNode second = versions.get("versions").get(1);
        assertThat(second.propertyNames()).containsExactlyInAnyOrder("version", "versionTag", "description",
                "createdBy", "createdAt");
        assertThat(second.get("description").asString()).isEqualTo("Added retry logic to S3 upload node");
        assertThat(second.get("createdBy").asString()).startsWith("usr-");
        assertThat(versions.get("versions").get(0).get("versionTag").isNull()).isTrue();

        JsonNode taken = assertProblem(api.post("/api/v1/workflows/" + id + "/versions",
                "{\"versionTag\": \"v2.1.0\"}"), 409);
        assertThat(taken.get("detail").asString()).contains("v2.1.0");
        assertThat(refusedAt(api.post("/api/v1/workflows/" + id + "/versions", "{}")))
                .containsExactly("#/versionTag");
        assertThat(api.get("/api/v1/workflows/" + id + "/versions").body().get("versions")).hasSize(2);
    }

    @Test
    void eachVersionIsReadWithTheGraphItPinned() {
        Api api = organization();
        String id = create(api, greeting("Versioned"));
        api.put("/api/v1/workflows/" + id, greeting("Versioned").replace("TextOperation.Uppercase",
                "TextOperation.Lowercase").replace("\"timeout\": 60", "\"timeout\": 90"));
        api.post("/api/v1/workflows/" + id + "/versions", "{\"versionTag\": \"v2.0.0\", \"description\": \"lower\"}");

        Api.Response first = api.get("/api/v1/workflows/" + id + "/versions/1");
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        JsonNode v1 = first.body();
        assertThat(v1.propertyNames()).containsExactlyInAnyOrder("workflowId", "version", "versionTag",
                "description", "createdBy", "createdAt", "nodes", "connections", "config", "settings");
        assertThat(v1.get("workflowId").asString()).isEqualTo(id);
        assertThat(v1.get("version").asInt()).isEqualTo(1);
        assertThat(v1.get("versionTag").isNull()).isTrue();
        assertThat(v1.get("createdBy").asString()).startsWith("usr-");
        assertThat(v1.get("nodes").get(1).get("nodeId").asString()).isEqualTo("TextOperation.Uppercase");
        assertThat(v1.get("nodes").get(1).get("label").asString()).isEqualTo("Shout");
        assertThat(v1.get("connections")).hasSize(2);
        assertThat(v1.get("config").get("owner").asString()).isEqualTo("team-a");
        assertThat(v1.get("settings").get("timeout").asInt()).isEqualTo(60);

        JsonNode v2 = api.get("/api/v1/workflows/" + id + "/versions/2").body();
        assertThat(v2.get("nodes").get(1).get("nodeId").asString()).isEqualTo("TextOperation.Lowercase");
        assertThat(v2.get("settings").get("timeout").asInt()).isEqualTo(90);
        JsonNode v3 = api.get("/api/v1/workflows/" + id + "/versions/3").body();
        assertThat(v3.get("versionTag").asString()).isEqualTo("v2.0.0");
        assertThat(v3.get("description").asString()).isEqualTo("lower");
        JsonNode current = api.get("/api/v1/workflows/" + id).body();
        assertThat(v3.get("nodes")).isEqualTo(current.get("nodes"));
        assertThat(v3.get("connections")).isEqualTo(current.get("connections"));

        String snapshot = api.post("/api/v1/workflows/" + id + "/execute", "{\"definition\": {\"nodes\": [{\"id\":"
                + " \"x\", \"nodeId\": \"StaticTextInput\", \"config\": {\"text\": \"abc\"}}], \"connections\": []}}")
                .body().get("executionId").asString();
        int negative = api.get("/api/v1/executions/" + snapshot).body().get("workflowVersion").asInt();
        assertThat(negative).isNegative();
        for (String missing : List.of("4", "0", String.valueOf(negative), "abc", "1.0", "99999999999", "%20")) {
            JsonNode notFound = assertProblem(api.get("/api/v1/workflows/" + id + "/versions/" + missing), 404);
            assertThat(notFound.get("detail").asString()).as(missing).contains("version");
        }
        assertProblem(api.get("/api/v1/workflows/wf-nope/versions/1"), 404);
    }

    @Test
    void aVersionIsReadOnlyByWhoMayReadTheWorkflow() {
        Api admin = organization();
        Api owner = server().keyOf(admin, "workflows:read", "workflows:write");
        Api colleague = server().keyOf(admin, "workflows:read");
        Api writer = server().keyOf(admin, "workflows:write");
        String id = create(owner, greeting("Private versions"));
        String path = "/api/v1/workflows/" + id + "/versions/1";

        assertThat(owner.get(path).status()).isEqualTo(200);
        assertThat(admin.get(path).status()).isEqualTo(200);
        assertThat(assertProblem(colleague.get(path), 404).get("detail").asString()).doesNotContain("Private");
        assertProblem(organization().get(path), 404);
        assertThat(assertProblem(writer.get(path), 403).get("detail").asString()).contains("workflows:read");
        assertProblem(admin.withKey(null).get(path), 401);

        owner.post("/api/v1/workflows/" + id + "/share", "{\"userId\": \"" + userOf(colleague) + "\"}");
        assertThat(colleague.get(path).status()).isEqualTo(200);
        owner.delete("/api/v1/workflows/" + id);
        assertProblem(owner.get(path), 404);
    }

    @Test
    void sharingLetsAColleagueReadAndExecuteButNotChange() {
        Api admin = organization();
        Api owner = server().keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        Api colleague = server().keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        String colleagueId = userOf(colleague);
        String id = create(owner, greeting("Shared"));

        assertProblem(colleague.get("/api/v1/workflows/" + id), 404);
        assertThat(colleague.get("/api/v1/workflows").body().get("count").asLong()).isZero();

        Api.Response shared = owner.post("/api/v1/workflows/" + id + "/share", "{\"userId\": \"" + colleagueId + "\"}");
        assertThat(shared.status()).as(shared.text()).isEqualTo(200);
        assertThat(shared.body().get("message").asString()).isEqualTo("Workflow shared successfully");
        assertThat(owner.post("/api/v1/workflows/" + id + "/share", "{\"userId\": \"" + colleagueId + "\"}").status())
                .as("sharing twice").isEqualTo(200);
        JsonNode shares = owner.get("/api/v1/workflows/" + id + "/share").body();
        assertThat(shares.get("sharedWith")).hasSize(1);
        assertThat(shares.get("sharedWith").get(0).get("userId").asString()).isEqualTo(colleagueId);
        assertThat(owner.get("/api/v1/workflows/" + id).body().get("sharedWith").get(0).asString())
                .isEqualTo(colleagueId);

        assertThat(colleague.get("/api/v1/workflows/" + id).status()).isEqualTo(200);
        assertThat(colleague.get("/api/v1/workflows").body().get("count").asLong()).isEqualTo(1);
        assertThat(colleague.post("/api/v1/workflows/" + id + "/execute", "{\"triggerInputs\": {\"name\": \"x\"}}")
                .status()).isEqualTo(201);
        assertProblem(colleague.put("/api/v1/workflows/" + id, "{\"name\": \"mine now\"}"), 403);
        assertProblem(colleague.delete("/api/v1/workflows/" + id), 403);
        assertProblem(colleague.post("/api/v1/workflows/" + id + "/deploy", ""), 403);
        assertProblem(colleague.put("/workflows/" + id, "{\"name\": \"x\", \"steps\": [{\"type\": \"Echo\"}]}"), 403);
        assertThat(colleague.post("/api/v1/workflows/" + id + "/duplicate", "").status()).isEqualTo(201);

        assertProblem(owner.post("/api/v1/workflows/" + id + "/share", "{\"userId\": \"usr-nobody\"}"), 404);
        Api stranger = organization();
        assertProblem(owner.post("/api/v1/workflows/" + id + "/share", "{\"userId\": \"" + userOf(stranger) + "\"}"),
                404);
        assertProblem(stranger.get("/api/v1/workflows/" + id), 404);

        assertThat(owner.delete("/api/v1/workflows/" + id + "/share/" + colleagueId).status()).isEqualTo(204);
        assertThat(owner.delete("/api/v1/workflows/" + id + "/share/" + colleagueId).status()).isEqualTo(204);
        assertProblem(colleague.get("/api/v1/workflows/" + id), 404);
        assertThat(admin.get("/api/v1/workflows/" + id).status()).as("administrators read everything").isEqualTo(200);
    }

    @Test
    void eachEndpointNeedsItsScope() {
        Api admin = organization();
        String id = create(admin, greeting("Scoped"));
        Api reader = server().keyOf(admin, "workflows:read");
        Api writer = server().keyOf(admin, "workflows:write");
        String readerUser = userOf(reader);
        admin.post("/api/v1/workflows/" + id + "/share", "{\"userId\": \"" + readerUser + "\"}");

        assertThat(assertProblem(reader.post("/api/v1/workflows", greeting("nope")), 403).get("detail").asString())
                .contains("workflows:write");
        assertThat(assertProblem(reader.post("/api/v1/workflows/" + id + "/execute", ""), 403).get("detail")
                .asString()).contains("workflows:execute");
        assertThat(assertProblem(writer.get("/api/v1/workflows"), 403).get("detail").asString())
                .contains("workflows:read");
        assertProblem(writer.get("/api/v1/workflows/stats"), 403);
        assertThat(reader.get("/api/v1/workflows/" + id).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/workflows").body().get("count").asLong()).isEqualTo(1);
    }

    @Test
    void duplicateMakesADraftCopyOwnedByTheCaller() {
        Api api = organization();
        String id = create(api, greeting("Original"));
        api.post("/api/v1/workflows/" + id + "/deploy", "");
        Api.Response copy = api.post("/api/v1/workflows/" + id + "/duplicate", "");
        assertThat(copy.status()).as(copy.text()).isEqualTo(201);
        JsonNode c = api.get("/api/v1/workflows/" + copy.body().get("workflowId").asString()).body();
        JsonNode o = api.get("/api/v1/workflows/" + id).body();
        assertThat(c.get("name").asString()).isEqualTo("Original (copy)");
        assertThat(c.get("status").asString()).isEqualTo("draft");
        assertThat(c.get("nodes")).isEqualTo(o.get("nodes"));
        assertThat(c.get("connections")).isEqualTo(o.get("connections"));
        assertThat(c.get("tags")).isEqualTo(o.get("tags"));
        String again = api.post("/api/v1/workflows/" + id + "/duplicate", "").body().get("workflowId").asString();
        assertThat(api.get("/api/v1/workflows/" + again).body().get("name").asString())
                .isEqualTo("Original (copy 2)");
    }

    @Test
    void statsCountWhatTheCallerMayRead() {
        Api admin = organization();
        Api member = server().keyOf(admin, "workflows:read", "workflows:write");
        create(admin, greeting("a"));
        String b = create(admin, greeting("b"));
        admin.post("/api/v1/workflows/" + b + "/deploy", "");
        String c = create(member, greeting("c"));
        member.put("/api/v1/workflows/" + c + "/status", "{\"status\": \"archived\"}");

        JsonNode stats = admin.get("/api/v1/workflows/stats").body();
        assertThat(stats.propertyNames()).containsExactlyInAnyOrder("total", "active", "paused", "draft",
                "archived");
        assertThat(stats.get("total").asLong()).isEqualTo(3);
        assertThat(stats.get("active").asLong()).isEqualTo(1);
        assertThat(stats.get("draft").asLong()).isEqualTo(1);
        assertThat(stats.get("archived").asLong()).isEqualTo(1);
        assertThat(stats.get("paused").asLong()).isZero();
        JsonNode mine = member.get("/api/v1/workflows/stats").body();
        assertThat(mine.get("total").asLong()).isEqualTo(1);
        assertThat(mine.get("archived").asLong()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() {
        Api api = organization();
        String id = create(api, SEED_CREATE);
        JsonNode before = api.get("/api/v1/workflows/" + id).body();

        Api.Response noName = api.post("/api/v1/workflows", "{\"description\": \"x\"}");
        assertThat(refusedAt(noName)).contains("#/name");
        Api.Response wrongTypes = api.post("/api/v1/workflows", """
                {"name": 5, "status": "running", "tags": "etl", "isPublic": "yes", "nodes": {}, "extra": 1,
                 "settings": {"timeout": -1}}""");
        assertThat(refusedAt(wrongTypes)).contains("#/name", "#/status", "#/tags", "#/isPublic",
                "#/nodes", "#/extra", "#/settings/timeout");
        Api.Response badGraph = api.post("/api/v1/workflows", """
                {"name": "bad graph", "nodes": [
                  {"id": "a", "nodeId": "TextOperation.Uppercase", "config": {"text": "x"}},
                  {"id": "b", "nodeId": "Nope"}],
                 "connections": [
                  {"sourceNodeId": "a", "sourcePort": "text", "targetNodeId": "ghost", "targetPort": "text"},
                  {"sourceNodeId": "a", "sourcePort": "nope", "targetNodeId": "a", "targetPort": "text"}]}""");
        assertThat(refusedAt(badGraph)).contains("#/nodes/1/nodeId", "#/connections/0/targetNodeId");
        Api.Response cycle = api.post("/api/v1/workflows", """
                {"name": "cycle", "nodes": [
                  {"id": "a", "nodeId": "TextOperation.Uppercase"}, {"id": "b", "nodeId": "TextOperation.Lowercase"}],
                 "connections": [
                  {"sourceNodeId": "a", "sourcePort": "text", "targetNodeId": "b", "targetPort": "text"},
                  {"sourceNodeId": "b", "sourcePort": "text", "targetNodeId": "a", "targetPort": "text"}]}""");
        assertThat(assertProblem(cycle, 400).toString()).contains("cycle");
        assertProblem(api.put("/api/v1/workflows/" + id, "{\"status\": \"active\"}"), 400);
        assertThat(refusedAt(api.put("/api/v1/workflows/" + id + "/status", "{\"status\": \"gone\"}")))
                .containsExactly("#/status");
        assertProblem(api.put("/api/v1/workflows/" + id + "/status", "[]"), 400);
        assertProblem(api.post("/api/v1/workflows/" + id + "/share", "{\"userId\": 7}"), 400);
        assertProblem(api.post("/api/v1/workflows/" + id + "/execute", "{\"triggerInputs\": []}"), 400);
        assertProblem(api.post("/api/v1/workflows/" + id + "/execute", "{\"triggerInputs\": {}, \"x\": 1}"), 400);
        assertProblem(api.get("/api/v1/workflows/wf-nope"), 404);
        assertProblem(api.post("/api/v1/workflows/wf-nope/deploy", ""), 404);
        assertProblem(api.put("/api/v1/workflows/wf-nope", "{}"), 404);

        assertThat(api.get("/api/v1/workflows/" + id).body()).isEqualTo(before);
        assertThat(api.get("/api/v1/workflows").body().get("count").asLong()).isEqualTo(1);
    }

    @Test
    void listingFiltersSortsAndPages() {
        Api api = organization();
        String alpha = create(api, greeting("Alpha report").replace("\"demo\", \"text\"", "\"reports\""));
        String beta = create(api, greeting("beta loader").replace("Shouts a name", "Loads the REPORTS table"));
        String gamma = create(api, greeting("Gamma"));
        api.post("/api/v1/workflows/" + gamma + "/deploy", "");

        assertThat(ids(api, "")).containsExactly(gamma, beta, alpha);
        assertThat(ids(api, "?sort=createdAt:asc")).containsExactly(alpha, beta, gamma);
        assertThat(ids(api, "?sort=name:asc")).containsExactly(alpha, gamma, beta);
        assertThat(ids(api, "?sort=name")).containsExactly(beta, gamma, alpha);
        assertThat(ids(api, "?sort=updatedAt:desc").getFirst()).isEqualTo(gamma);
        assertThat(ids(api, "?search=REPORT")).containsExactlyInAnyOrder(alpha, beta);
        assertThat(ids(api, "?search=100%25")).isEmpty();
        assertThat(ids(api, "?tag=reports")).containsExactly(alpha);
        assertThat(ids(api, "?status=active")).containsExactly(gamma);
        assertThat(ids(api, "?status=draft&tag=demo")).containsExactly(beta);
        assertThat(ids(api, "?sort=status:asc")).containsExactly(gamma, alpha, beta);
        assertThat(ids(api, "?sort=status:desc")).containsExactly(beta, alpha, gamma);
        assertThat(api.put("/api/v1/workflows/" + beta, greeting("beta loader").replace("team-a", "team-b"))
                .status()).isEqualTo(200);
        assertThat(ids(api, "?sort=version:desc")).containsExactly(beta, gamma, alpha);
        assertThat(ids(api, "?sort=version:asc")).containsExactly(alpha, gamma, beta);
        assertThat(ids(api, "?sort=updatedAt:desc").getFirst()).isEqualTo(beta);

        JsonNode page = api.get("/api/v1/workflows?limit=1&offset=1").body();
        assertThat(page.get("count").asLong()).isEqualTo(3);
        assertThat(page.get("limit").asInt()).isEqualTo(1);
        assertThat(page.get("offset").asInt()).isEqualTo(1);
        assertThat(page.get("workflows")).hasSize(1);
        assertThat(page.get("workflows").get(0).get("id").asString()).isEqualTo(beta);
        assertThat(page.get("workflows").get(0).propertyNames()).containsExactlyInAnyOrder("id", "name",
                "description", "status", "version", "tags", "organizationId", "ownerId", "isPublic", "isTemplate",
                "createdAt", "updatedAt");
        JsonNode past = api.get("/api/v1/workflows?offset=10").body();
        assertThat(past.get("count").asLong()).isEqualTo(3);
        assertThat(past.get("workflows")).isEmpty();
        assertThat(api.get("/api/v1/workflows").body().get("limit").asInt()).isEqualTo(20);

        for (String bad : List.of("limit=0", "limit=101", "limit=abc", "offset=-1", "offset=x", "sort=owner:asc",
                "sort=name:up", "sort=name:asc:desc", "status=running")) {
            Api.Response refused = api.get("/api/v1/workflows?" + bad);
            assertProblem(refused, 400);
            assertThat(parameters(refused)).containsExactly(bad.substring(0, bad.indexOf('=')));
        }
    }

    /** The pointers of a 400 answer's problems. */
    private static List<String> refusedAt(Api.Response response) {
        assertProblem(response, 400);
        return pointers(response);
    }

    private static List<String> ids(Api api, String query) {
        Api.Response response = api.get("/api/v1/workflows" + query);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.body().get("workflows").valueStream().map(w -> w.get("id").asString()).toList();
    }

    private String userOf(Api api) {
        return server().engine().apiKeys().authenticate(api.key()).orElseThrow().userId();
    }
}
