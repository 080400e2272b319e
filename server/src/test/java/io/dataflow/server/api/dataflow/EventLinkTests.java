package io.dataflow.server.api.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.links.EventLinkSigner;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Event links ({@code {{ execution.event_url }}}): taken without an API key by the execution they were made for,
 * until it finishes; a changed, foreign or made-up link is a 404 and keeps nothing anywhere.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class EventLinkTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    /** A workflow whose first task outputs its execution's link, then waits for an approval sent through it. */
    private static String linkWorkflow(Api api) {
        return api.createWorkflow("""
                {"title": "approval link %s",
                 "tasks": [
                   {"name": "ask", "type": "TextOperation.Trim", "inputs": {"text": "{{ execution.event_url }}"}},
                   {"name": "answer", "type": "wait_for_event",
                    "inputs": {"event_type": "approval", "timeout": "3 days"}},
                   {"name": "note", "type": "TextOperation.Lowercase",
                    "inputs": {"text": "{{ tasks.answer.outputs.payload.answer }}"}}
                 ],
                 "outputs": [{"name": "note", "type": "text", "value": "{{ tasks.note.outputs.text }}"}]}"""
                .formatted(UUID.randomUUID()));
    }

    /** An execution that waits for its approval, and its link. */
    private record Waiting(String workflowId, String executionId, String link, String waitingTask) {
        String events() {
            return "/workflows/" + workflowId + "/executions/" + executionId + "/events";
        }

        /** The link's path and token, for a client of the same server. */
        String path() {
            return URI.create(link).getRawPath();
        }
    }

    private static Waiting start(Api api, String workflowId) {
        String executionId = api.startExecution(workflowId, "{}");
        JsonNode waiting = api.awaitExecution(workflowId, executionId, Duration.ofSeconds(30),
                e -> e.get("tasks").get(0).get("status").asString().equals("COMPLETED")
                        && e.get("tasks").get(1).get("status").asString().equals("WAITING"));
        return new Waiting(workflowId, executionId, waiting.get("tasks").get(0).get("output").get("text").asString(),
                waiting.get("tasks").get(1).get("task_id").asString());
    }

    private Api anonymous() {
        return server().api().withKey(null);
    }

    @Test
    void anApprovalLinkIsTakenOnceWithoutAKey() {
        Api api = server().api();
        Waiting w = start(api, linkWorkflow(api));
        int port = URI.create(api.baseUrl()).getPort();
        assertThat(w.link()).startsWith("http://localhost:" + port + "/event-links/");

        Api.Response opened = anonymous().get(w.path() + "?type=approval&answer=YES%21");

        assertThat(opened.status()).as(opened.text()).isEqualTo(202);
        assertThat(opened.body().get("type").asString()).isEqualTo("approval");
        assertThat(opened.body().get("payload").get("answer").asString()).isEqualTo("YES!");
        assertThat(opened.body().get("taken_by").asString()).isEqualTo(w.waitingTask());
        JsonNode done = api.awaitFinished(w.workflowId(), w.executionId());
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("outputs").get("note").asString()).isEqualTo("yes!");
        assertThat(api.get(w.events()).body().get("events")).singleElement()
                .satisfies(e -> assertThat(e.get("event_id").asString())
                        .isEqualTo(opened.body().get("event_id").asString()));

        Api.Response again = anonymous().get(w.path() + "?type=approval&answer=no");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asString()).isEqualTo("execution " + w.executionId()
                + " has already finished (COMPLETED); it takes no more events");
        assertThat(anonymous().post(w.path() + "?type=approval", "{}").status()).isEqualTo(409);
        assertThat(api.get(w.events()).body().get("events")).hasSize(1);

        assertThat(api.delete("/workflows/" + w.workflowId() + "/executions/" + w.executionId()).status())
                .isEqualTo(204);
        Api.Response deleted = anonymous().get(w.path() + "?type=approval");
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.body().get("detail").asString()).isEqualTo("execution " + w.executionId()
                + " was not found");
    }

    @Test
    void postTakesTheBodyAsThePayload() {
        Api api = server().api();
        Waiting w = start(api, linkWorkflow(api));

        Api.Response extra = anonymous().post(w.path() + "?type=approval&answer=no", "{\"answer\": \"No\"}");
        assertThat(extra.status()).isEqualTo(400);
        assertThat(extra.body().get("errors").get(0).get("parameter").asString()).isEqualTo("answer");
        Api.Response tooLarge = anonymous().post(w.path() + "?type=approval",
                "\"" + "x".repeat(1_048_576) + "\"");
        assertThat(tooLarge.status()).isEqualTo(413);
        Api.Response badJson = anonymous().post(w.path() + "?type=approval", "{\"answer\": ");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(api.get(w.events()).body().get("events")).isEmpty();

        Api.Response sent = anonymous().post(w.path() + "?type=approval", "{\"answer\": \"No\"}");

        assertThat(sent.status()).as(sent.text()).isEqualTo(202);
        assertThat(sent.body().get("taken_by").asString()).isEqualTo(w.waitingTask());
        assertThat(api.awaitFinished(w.workflowId(), w.executionId()).get("outputs").get("note").asString())
                .isEqualTo("no");
    }

    @Test
    void aMissingOrBadTypeIsA400NamingIt() {
        Api api = server().api();
        Waiting w = start(api, linkWorkflow(api));

        for (String query : new String[] {"", "?answer=yes", "?type=", "?type=bad%20type", "?type=a&type=b"}) {
            Api.Response response = anonymous().get(w.path() + query);
            assertThat(response.status()).as(query + ": " + response.text()).isEqualTo(400);
            assertThat(response.body().get("errors").get(0).get("parameter").asString()).as(query).isEqualTo("type");
        }
        assertThat(anonymous().get(w.path()).body().get("detail").asString()).isEqualTo("query parameter 'type' is"
                + " required: the type of the event to send, 1 to 100 letters, digits, '-' and '_'");
        assertThat(anonymous().post(w.path(), "{}").status()).isEqualTo(400);
        Api.Response twice = anonymous().get(w.path() + "?type=approval&answer=a&answer=b");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().get("errors").get(0).get("parameter").asString()).isEqualTo("answer");

        assertThat(api.get(w.events()).body().get("events")).isEmpty();
        api.post("/workflows/" + w.workflowId() + "/executions/" + w.executionId() + "/cancel", null);
    }

    @Test
    void changedForeignAndMadeUpLinksAre404AndKeepNothing() {
        Api api = server().api();
        String workflowId = linkWorkflow(api);
        Waiting a = start(api, workflowId);
        Waiting b = start(api, workflowId);
        Api other = server().newOrganization("links other " + UUID.randomUUID());
        Waiting c = start(other, linkWorkflow(other));
        String token = a.path().substring("/event-links/".length());
        int mac = token.length() - EventLinkSigner.MAC_CHARS;

        for (int i : new int[] {0, mac / 2, mac - 1, mac, token.length() - 1}) {
            char changed = token.charAt(i) == 'A' ? 'B' : 'A';
            assertNotFound("/event-links/" + token.substring(0, i) + changed + token.substring(i + 1));
        }
        String tokenB = b.path().substring("/event-links/".length());
        String tokenC = c.path().substring("/event-links/".length());
        assertNotFound("/event-links/" + token.substring(0, mac) + tokenB.substring(mac));
        assertNotFound("/event-links/" + tokenC.substring(0, tokenC.length() - EventLinkSigner.MAC_CHARS)
                + token.substring(mac));
        byte[] otherKey = new byte[32];
        RANDOM.nextBytes(otherKey);
        assertNotFound("/event-links/" + new EventLinkSigner(otherKey).token(new EventLinkSigner.Target(
                "org-x", a.workflowId(), a.executionId())));
        for (int i = 0; i < 200; i++) {
            String garbage = garbage();
            Api.Response response = anonymous().get("/event-links/" + garbage + "?type=approval");
            assertThat(response.status()).as(garbage + ": " + response.text()).isIn(400, 404);
            assertThat(response.body().get("status").asInt()).isEqualTo(response.status());
        }

        // Each link sends to its own execution only, whatever the organization.
        assertThat(anonymous().get(b.path() + "?type=approval&answer=b").status()).isEqualTo(202);
        assertThat(anonymous().get(c.path() + "?type=approval&answer=c").status()).isEqualTo(202);
        assertThat(api.get(a.events()).body().get("events")).isEmpty();
        assertThat(api.get("/workflows/" + workflowId + "/executions/" + a.executionId()).body().get("tasks").get(1)
                .get("status").asString()).isEqualTo("WAITING");
        assertThat(api.awaitFinished(workflowId, b.executionId()).get("outputs").get("note").asString())
                .isEqualTo("b");
        assertThat(other.awaitFinished(c.workflowId(), c.executionId()).get("outputs").get("note").asString())
                .isEqualTo("c");

        // Only the link itself is open: the paths around it still need a key.
        assertThat(anonymous().get("/event-links").status()).isEqualTo(401);
        assertThat(anonymous().get("/event-links/").status()).isEqualTo(401);
        assertThat(anonymous().get(a.path() + "/x?type=approval").status()).isEqualTo(401);
        assertThat(anonymous().get(a.path() + "/..%2F..%2Fworkflows?type=approval").status()).isIn(400, 401);
        assertThat(anonymous().get(a.events()).status()).isEqualTo(401);
        api.post("/workflows/" + workflowId + "/executions/" + a.executionId() + "/cancel", null);
    }

    @Test
    void theOpenApiDocumentSaysTheLinkNeedsNoKey() {
        JsonNode link = server().api().get("/v3/api-docs").body().get("paths").get("/event-links/{token}");

        for (String method : new String[] {"get", "post"}) {
            JsonNode operation = link.get(method);
            assertThat(operation.get("security").isEmpty()).as(method).isTrue();
            assertThat(operation.get("responses").has("401")).as(method).isFalse();
            assertThat(operation.get("responses").has("404")).as(method).isTrue();
            assertThat(operation.get("parameters").findValuesAsString("name")).as(method).contains("token", "type");
        }
        JsonNode events = server().api().get("/v3/api-docs").body().get("paths")
                .get("/workflows/{workflowId}/executions/{executionId}/events/{type}").get("post");
        assertThat(events.has("security")).isFalse();
        assertThat(events.get("responses").has("401")).isTrue();
    }

    private void assertNotFound(String path) {
        Api.Response get = anonymous().get(path + "?type=approval&answer=x");
        assertThat(get.status()).as(path + ": " + get.text()).isEqualTo(404);
        assertThat(get.body().get("detail").asString()).isEqualTo("event link was not found");
        assertThat(anonymous().send(anonymous().request(path + "?type=approval")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")))
                .status()).isEqualTo(404);
    }

    /** A made-up token: URL characters and percent-escapes of any byte but those that would leave the segment. */
    private static String garbage() {
        String plain = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        StringBuilder token = new StringBuilder();
        int length = 1 + RANDOM.nextInt(700);
        while (token.length() < length) {
            if (RANDOM.nextInt(8) == 0) {
                int b = RANDOM.nextInt(256);
                if (b != '/' && b != '.' && b != '\\') {
                    token.append('%').append(String.format("%02X", b));
                }
            } else {
                token.append(plain.charAt(RANDOM.nextInt(plain.length())));
            }
        }
        return token.toString().replaceAll("^\\.+$", "x");
    }
}
