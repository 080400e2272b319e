package io.dataflow.server.api.dataflow;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.detailAt;
import static io.dataflow.server.support.Problems.pointers;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /workflows/{id}/executions/bulk}: a job is accepted, read and listed; asking twice with one Idempotency-Key
 * finds the first job; bad requests are 400 naming the field and store no job; other organizations, read-only keys
 * and unknown jobs get their problems.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BulkJobsApiTests {

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api newOrganization() {
        return server().newOrganization("bulk-api-" + UUID.randomUUID());
    }

    private static String workflow(Api api) {
        return api.createWorkflow("""
                {"title": "bulk %s",
                 "tasks": [{"name": "up", "type": "TextOperation.Uppercase", "inputs": {"text": "hi"}}],
                 "outputs": []}""".formatted(UUID.randomUUID()));
    }

    private static String bulk(String workflowId) {
        return "/workflows/" + workflowId + "/executions/bulk";
    }

    @Test
    void aJobRestartsTheExecutionsNamedAndIsReadAndListed() {
        Api api = newOrganization();
        String workflowId = workflow(api);
        String first = api.startExecution(workflowId, "{}");
        String second = api.startExecution(workflowId, "{}");
        api.awaitFinished(workflowId, first);
        api.awaitFinished(workflowId, second);

        Api.Response accepted = api.post(bulk(workflowId), """
                {"action": "restart", "filter": {"ids": ["%s", "ex-nothing"], "status": ["completed"]}}"""
                .formatted(first));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        JsonNode job = accepted.body();
        assertThat(job.get("action").asString()).isEqualTo("restart");
        assertThat(job.get("filter")).isEqualTo(io.dataflow.engine.model.Json.parse(
                "{\"status\": [\"COMPLETED\"], \"ids_count\": 2}"));
        assertThat(job.get("expected").asInt()).isEqualTo(1);
        assertThat(job.get("links").get("self").asString()).isEqualTo(accepted.header("Location"));

        JsonNode done = awaitFinished(api, accepted.header("Location"));
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("counts").toString()).isEqualTo(
                "{\"matched\":1,\"applied\":1,\"skipped\":0,\"not_found\":1}");
        assertThat(done.get("completed_at").isNull()).isFalse();
        api.awaitFinished(workflowId, first);
        assertThat(server().engine().executions().find(orgOf(api), workflowId, first).orElseThrow().execution().run())
                .as("restarted once").isEqualTo(2);
        assertThat(server().engine().executions().find(orgOf(api), workflowId, second).orElseThrow().execution()
                .run()).as("not named").isEqualTo(1);

        JsonNode listed = api.get(bulk(workflowId)).body();
        assertThat(listed.get("jobs")).hasSize(1);
        assertThat(listed.get("jobs").get(0).get("job_id").asString()).isEqualTo(job.get("job_id").asString());
    }

    @Test
    void theSameIdempotencyKeyFindsTheFirstJobAndAnotherRequestWithItIsAConflict() {
        Api api = newOrganization();
        String workflowId = workflow(api);
        String body = "{\"action\": \"terminate\", \"filter\": {\"status\": [\"RUNNING\"]}}";

        Api.Response first = api.send(keyed(api, bulk(workflowId), "retry-1", body));
        Api.Response again = api.send(keyed(api, bulk(workflowId), "retry-1", body));
        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("job_id")).isEqualTo(first.body().get("job_id"));
        assertThat(again.body().get("idempotency_key").asString()).isEqualTo("retry-1");

        Api.Response other = api.send(keyed(api, bulk(workflowId), "retry-1",
                "{\"action\": \"pause\", \"filter\": {\"status\": [\"RUNNING\"]}}"));
        assertThat(assertProblem(other, 409).get("detail").asString()).contains("Idempotency-Key", "retry-1",
                first.body().get("job_id").asString());
        assertThat(api.get(bulk(workflowId)).body().get("jobs")).hasSize(1);
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndStoreNoJob() {
        Api api = newOrganization();
        String workflowId = workflow(api);
        String path = bulk(workflowId);

        Api.Response action = api.post(path, "{\"action\": \"explode\", \"filter\": {\"status\": [\"RUNNING\"]}}");
        assertProblem(action, 400);
        assertThat(detailAt(action, "#/action")).contains("pause, resume, terminate, restart", "explode");

        Api.Response status = api.post(path,
                "{\"action\": \"pause\", \"filter\": {\"status\": [\"RUNNING\", \"ASLEEP\"]}}");
        assertProblem(status, 400);
        assertThat(detailAt(status, "#/filter/status/1")).contains("ASLEEP", "WAITING", "TERMINATED");

        Api.Response time = api.post(path, "{\"action\": \"pause\", \"filter\": {\"created_before\": \"yesterday\","
                + " \"created_after\": \"2030-01-01T00:00:00\"}}");
        assertProblem(time, 400);
        assertThat(pointers(time)).containsExactly("#/filter/created_before", "#/filter/created_after");
        assertThat(detailAt(time, "#/filter/created_before")).contains("RFC 3339", "yesterday");

        Api.Response window = api.post(path, "{\"action\": \"pause\", \"filter\": {\"created_before\":"
                + " \"2030-01-01T00:00:00Z\", \"created_after\": \"2030-01-02T00:00:00+01:00\"}}");
        assertThat(detailAt(window, "#/filter/created_after")).contains("before created_before");

        Api.Response empty = api.post(path, "{\"action\": \"terminate\", \"filter\": {}}");
        assertProblem(empty, 400);
        assertThat(detailAt(empty, "#/filter")).contains("at least one of status, created_before");

        Api.Response missing = api.post(path, "{\"action\": \"terminate\"}");
        assertThat(detailAt(missing, "#/filter")).isEqualTo("is required");

        String tooMany = "[" + String.join(",", Collections.nCopies(10_001, "\"ex-x\"")) + "]";
        Api.Response ids = api.post(path, "{\"action\": \"terminate\", \"filter\": {\"ids\": " + tooMany + "}}");
        assertProblem(ids, 400);
        assertThat(detailAt(ids, "#/filter/ids")).contains("at most 10000", "10001");

        Api.Response idTypes = api.post(path, "{\"action\": \"terminate\", \"filter\": {\"ids\": [\"ex-a\", 7]}}");
        assertThat(pointers(idTypes)).containsExactly("#/filter/ids/1");

        // Longer than any execution id can be (the fuzz once found such a job stuck at its first page).
        Api.Response longId = api.post(path, "{\"action\": \"terminate\", \"filter\": {\"ids\": [\"ex-"
                + "a".repeat(38) + "\"]}}");
        assertThat(detailAt(longId, "#/filter/ids/0")).contains("at most 40");

        Api.Response unknown = api.post(path, "{\"action\": \"terminate\", \"filter\": {\"state\": \"RUNNING\"}}");
        assertThat(pointers(unknown)).contains("#/filter/state");

        Api.Response malformed = api.post(path, "{\"action\": \"terminate\", ");
        assertProblem(malformed, 400);
        assertThat(pointers(malformed)).containsExactly("#");
        Api.Response none = api.post(path, null);
        assertProblem(none, 400);
        assertThat(pointers(none)).containsExactly("#");

        Api.Response header = api.send(keyed(api, path, "x".repeat(256),
                "{\"action\": \"terminate\", \"filter\": {\"status\": [\"RUNNING\"]}}"));
        assertProblem(header, 400);
        assertThat(header.body().get("errors").get(0).get("header").asString()).isEqualTo("Idempotency-Key");

        assertThat(api.get(path).body().get("jobs")).as("no job stored").isEmpty();
    }

    @Test
    void otherOrganizationsReadOnlyKeysAndUnknownJobsGetTheirProblems() {
        Api api = newOrganization();
        String workflowId = workflow(api);
        String body = "{\"action\": \"terminate\", \"filter\": {\"status\": [\"RUNNING\"]}}";
        Api.Response accepted = api.post(bulk(workflowId), body);
        assertThat(accepted.status()).isEqualTo(202);
        String location = accepted.header("Location");

        Api stranger = newOrganization();
        assertThat(assertProblem(stranger.post(bulk(workflowId), body), 404).get("detail").asString())
                .contains("workflow " + workflowId);
        assertProblem(stranger.get(location), 404);
        assertProblem(stranger.get(bulk(workflowId)), 404);

        Api reader = server().keyOf(api, "workflows:read");
        assertProblem(reader.get(location), 404); // the workflow is neither its user's nor shared with it
        String readerUser = server().engine().apiKeys().authenticate(reader.key()).orElseThrow().userId();
        assertThat(api.post("/api/v1/workflows/" + workflowId + "/share", "{\"userId\": \"" + readerUser + "\"}")
                .status()).isEqualTo(200);
        assertThat(assertProblem(reader.post(bulk(workflowId), body), 403).get("detail").asString())
                .contains("workflows:execute");
        assertThat(reader.get(location).status()).as("reading is allowed").isEqualTo(200);
        Api executor = server().keyOf(api, "workflows:read", "workflows:execute");
        String executorUser = server().engine().apiKeys().authenticate(executor.key()).orElseThrow().userId();
        api.post("/api/v1/workflows/" + workflowId + "/share", "{\"userId\": \"" + executorUser + "\"}");
        assertThat(executor.post(bulk(workflowId), body.replace("terminate", "pause")).status()).isEqualTo(202);

        assertThat(assertProblem(api.get(bulk(workflowId) + "/bulk-nothing"), 404).get("detail").asString())
                .contains("bulk job bulk-nothing");
        assertProblem(api.get(bulk("wf-nothing")), 404);
        assertProblem(api.get(bulk(workflowId) + "?limit=0"), 400);
    }

    private static HttpRequest.Builder keyed(Api api, String path, String key, String body) {
        return api.request(path).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private String orgOf(Api api) {
        return server().engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
    }

    static JsonNode awaitFinished(Api api, String location) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            JsonNode job = api.get(location).body();
            if (List.of("COMPLETED", "FAILED").contains(job.get("status").asString())) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("bulk job " + location + " did not finish; last seen: " + job);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
