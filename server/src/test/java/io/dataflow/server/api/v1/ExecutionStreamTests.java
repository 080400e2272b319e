package io.dataflow.server.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.EventStreamClient;
import io.dataflow.server.support.EventStreamClient.Event;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/executions/{executionId}/stream}, read over real HTTP as a browser's EventSource reads it: a
 * snapshot that is the execution's GET answer, then changes carrying only the nodes that differ, then the end with
 * the final state; resuming with Last-Event-ID; pause and resume seen live; who may open one; the per-organization
 * limit, a gone client's slot given back, and the longest a stream lasts. On H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ExecutionStreamTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The execution's own fields: the View's but nodes. */
    private static final List<String> FIELDS = List.of("id", "workflowId", "workflowVersion", "status",
            "triggerInputs", "output", "error", "createdAt", "startedAt", "finishedAt", "rerunOf");
    private static final Set<String> FINISHED = Set.of("completed", "failed", "terminated");

    /** trigger -> shout, and beside it wait (for an event "go") -> echo, which passes the event's payload on. */
    private static final String WAITING_GRAPH = """
            {
              "name": "%s",
              "nodes": [
                {"id": "trigger", "nodeId": "trigger.manual", "config": {"inputs": [{"name": "name", "type": "text"}]}},
                {"id": "shout", "nodeId": "TextOperation.Uppercase"},
                {"id": "wait", "nodeId": "wait_for_event", "config": {"event_type": "go"}},
                {"id": "echo", "nodeId": "Echo"}
              ],
              "connections": [
                {"sourceNodeId": "trigger", "sourcePort": "name", "targetNodeId": "shout", "targetPort": "text"},
                {"sourceNodeId": "wait", "sourcePort": "payload", "targetNodeId": "echo", "targetPort": "input"}
              ]
            }""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api organization(TestServer server) {
        return server.newOrganization("v1 streams " + UUID.randomUUID());
    }

    @Test
    void aStreamSendsTheSnapshotThenOnlyWhatChangedAndEndsWithTheFinalState() {
        Api api = organization(server());
        String executionId = execute(api, create(api, WAITING_GRAPH));
        String path = stream(executionId);

        try (EventStreamClient stream = EventStreamClient.open(api, path)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            Event snapshot = stream.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("snapshot");
            assertThat(stream.retries()).as("retry comes first").containsExactly("1000");
            Watched watched = new Watched(snapshot);
            assertThat(watched.state.get("id").asString()).isEqualTo(executionId);
            assertThat(watched.state.get("nodes").propertyNames()).containsExactly("shout", "wait", "echo");

            watched.until(stream, s -> status(s, "wait").equals("waiting") && status(s, "shout").equals("completed"));
            String workflowId = watched.state.get("workflowId").asString();
            Api.Response sent = api.post("/workflows/" + workflowId + "/executions/" + executionId + "/events/go",
                    "{\"ok\": true}");
            assertThat(sent.status()).as(sent.text()).isEqualTo(202);
            Event end = watched.until(stream, s -> false);

            assertThat(end.type()).isEqualTo("end");
            assertThat(end.json().get("status").asString()).isEqualTo("completed");
            assertThat(end.id()).as("the end names the state the last change brought").isEqualTo(watched.lastId);
            assertThat(stream.next(WAIT)).as("the stream closes after its end").isNull();
            Api.Response read = api.get("/api/v1/executions/" + executionId);
            assertThat(watched.state).as("the changes led to the final state").isEqualTo(read.body());
            assertThat(end.id()).as("an id is the fingerprint of the whole state").isEqualTo(sha256(read.text()));
            assertThat(watched.changedNodes).as("the nodes each change brought")
                    .anySatisfy(nodes -> assertThat(nodes).contains("wait"))
                    .anySatisfy(nodes -> assertThat(nodes).contains("echo"));
            assertThat(status(watched.state, "echo")).isEqualTo("completed");
            assertThat(watched.state.get("output").get("echo").get("text").get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void aClientThatHoldsTheCurrentStateGetsNoSnapshotAndAnyOtherIdGetsOne() {
        Api api = organization(server());
        String executionId = execute(api, create(api, WAITING_GRAPH));
        String path = stream(executionId);
        JsonNode waiting = await(api, executionId, e -> status(e, "wait").equals("waiting")
                && status(e, "shout").equals("completed") && e.get("status").asString().equals("waiting"));
        String held;
        try (EventStreamClient stream = EventStreamClient.open(api, path)) {
            Event snapshot = stream.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("snapshot");
            assertThat(snapshot.json()).isEqualTo(waiting);
            held = snapshot.id();
        }

        try (EventStreamClient current = EventStreamClient.open(api, path, held);
                EventStreamClient stale = EventStreamClient.open(api, path, "0123abcd")) {
            Event resent = stale.next(WAIT);
            assertThat(resent.type()).isEqualTo("snapshot");
            assertThat(resent.id()).isEqualTo(held);
            api.post("/workflows/" + waiting.get("workflowId").asString() + "/executions/" + executionId
                    + "/events/go", "{}");
            Event first = current.next(WAIT);
            assertThat(first.type()).as("a client that holds the current state gets changes only")
                    .isEqualTo("change");
            assertThat(first.json().propertyNames()).containsExactly("execution", "nodes");
            assertThat(first.json().get("nodes").propertyNames()).doesNotContain("shout");
            drainToEnd(current);
        }
        await(api, executionId, e -> FINISHED.contains(e.get("status").asString()));

        Api.Response finished = api.get("/api/v1/executions/" + executionId);
        String finalId = sha256(finished.text());
        try (EventStreamClient resumed = EventStreamClient.open(api, path, finalId)) {
            Event end = resumed.next(WAIT);
            assertThat(end.type()).as("nothing changed since: no snapshot, the end at once").isEqualTo("end");
            assertThat(end.id()).isEqualTo(finalId);
            assertThat(resumed.next(WAIT)).isNull();
        }
        try (EventStreamClient fresh = EventStreamClient.open(api, path, held)) {
            Event snapshot = fresh.next(WAIT);
            assertThat(snapshot.type()).isEqualTo("snapshot");
            assertThat(snapshot.data()).as("byte for byte the execution's GET answer").isEqualTo(finished.text());
            assertThat(snapshot.id()).isEqualTo(finalId);
            assertThat(fresh.next(WAIT).type()).isEqualTo("end");
            assertThat(fresh.next(WAIT)).isNull();
        }
    }

    @Test
    void pauseResumeAndTerminateThroughTheApiShowOnAnOpenStream() {
        Api api = organization(server());
        String executionId = execute(api, create(api, ExecutionsV1ApiTests.NAPPING_GRAPH));
        String controls = "/api/v1/executions/" + executionId;

        try (EventStreamClient stream = EventStreamClient.open(api, stream(executionId))) {
            Watched watched = new Watched(stream.next(WAIT));
            watched.until(stream, s -> status(s, "nap").equals("waiting"));

            assertThat(api.post(controls + "/pause", "").status()).isEqualTo(200);
            watched.until(stream, s -> s.get("status").asString().equals("paused"));
            assertThat(api.post(controls + "/resume", "").status()).isEqualTo(200);
            watched.until(stream, s -> !s.get("status").asString().startsWith("paus"));
            assertThat(api.post(controls + "/terminate", "").status()).isEqualTo(200);
            Event end = watched.until(stream, s -> false);

            assertThat(end.type()).isEqualTo("end");
            assertThat(end.json().get("status").asString()).isEqualTo("terminated");
            assertThat(watched.statuses).as("the execution's statuses as the stream showed them")
                    .contains("paused", "terminated").containsSubsequence("paused", "terminated");
            assertThat(status(watched.state, "nap")).isEqualTo("cancelled");
            assertThat(watched.state).isEqualTo(api.get(controls).body());
        }
    }

    @Test
    void onlyACallerWhoMayReadTheExecutionOpensItsStream() {
        Api admin = organization(server());
        Api owner = server().keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        String executionId = execute(owner, create(owner, WorkflowsV1ApiTests.GREETING_GRAPH));
        String path = stream(executionId);

        assertProblem(EventStreamClient.open(owner.withKey(null), path), 401);
        JsonNode unscoped = assertProblem(EventStreamClient.open(server().keyOf(admin, "workflows:execute"), path),
                403);
        assertThat(unscoped.get("detail").asString()).contains("needs the scope workflows:read");
        assertProblem(EventStreamClient.open(organization(server()), path), 404);
        Api colleague = server().keyOf(admin, "workflows:read");
        assertProblem(EventStreamClient.open(colleague, path), 404);
        assertProblem(EventStreamClient.open(owner, stream("ex-01m8zzzzzzzzzzzzzzzzzzzzzz")), 404);
        try (EventStreamClient readable = EventStreamClient.open(admin, path)) {
            assertThat(readable.status()).as("an administrator reads every execution").isEqualTo(200);
            assertThat(readable.next(WAIT).type()).isEqualTo("snapshot");
        }
    }

    @Test
    void streamsAreLimitedPerOrganizationAGoneClientGivesItsSlotBackAndNoStreamLastsLonger() {
        // Streams read again only when told of a change: the poll for other servers' changes is ten minutes away.
        try (TestServer limited = TestServer.start(database, Map.of("DATAFLOW_LIMIT_STREAMS", "2",
                "DATAFLOW_STREAM_KEEPALIVE_MS", "200", "DATAFLOW_STREAM_MAX_MS", "8000", "DATAFLOW_POLL_MS",
                "600000"))) {
            Api api = organization(limited);
            String executionId = execute(api, create(api, ExecutionsV1ApiTests.NAPPING_GRAPH));
            await(api, executionId, e -> status(e, "nap").equals("waiting"));
            String path = stream(executionId);
            Api.Response head = api.send(api.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Type")).startsWith("text/event-stream");
            // A HEAD request answers at once and holds no slot: both streams below fit.
            EventStreamClient first = EventStreamClient.open(api, path);
            try (EventStreamClient second = EventStreamClient.open(api, path)) {
                Event kept = second.next(WAIT);
                assertThat(first.next(WAIT).type()).isEqualTo("snapshot");

                EventStreamClient refused = EventStreamClient.open(api, path);
                JsonNode problem = assertProblem(refused, 429);
                assertThat(problem.get("limit").asString()).isEqualTo("DATAFLOW_LIMIT_STREAMS");
                assertThat(problem.get("detail").asString()).contains("2 live streams");
                assertThat(refused.header("Retry-After")).isEqualTo("5");
                Api other = organization(limited);
                String otherExecution = execute(other, create(other, ExecutionsV1ApiTests.NAPPING_GRAPH));
                try (EventStreamClient elsewhere = EventStreamClient.open(other, stream(otherExecution))) {
                    assertThat(elsewhere.status()).as("another organization's streams count apart").isEqualTo(200);
                    Watched watched = new Watched(elsewhere.next(WAIT));
                    watched.until(elsewhere, s -> status(s, "nap").equals("waiting"));
                    other.post("/api/v1/executions/" + otherExecution + "/pause", "");
                    watched.until(elsewhere, s -> s.get("status").asString().equals("paused"));
                }

                first.close();
                try (EventStreamClient reopened = awaitAccepted(api, path)) {
                    assertThat(reopened.next(WAIT).type()).isEqualTo("snapshot");
                    assertThat(keptAlive(second)).as("the slot freed was the gone client's").isTrue();
                }
                assertThat(second.comments()).as("an idle stream says it is alive").contains("keepalive");

                assertThat(drainToEnd(second)).as("a stream that lasted its longest closes without an end").isNull();
                try (EventStreamClient resumed = EventStreamClient.open(api, path, kept.id())) {
                    assertThat(resumed.status()).isEqualTo(200);
                    assertThat(keptAlive(resumed)).isTrue();
                    assertThat(resumed.nothingSent()).as("reconnected with the state it holds: no snapshot").isTrue();
                }
            }
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheStream() {
        JsonNode get = server().api().get("/v3/api-docs").body().get("paths")
                .get("/api/v1/executions/{executionId}/stream").get("get");
        assertThat(get.get("operationId").asString()).isEqualTo("v1StreamExecution");
        assertThat(get.get("responses").get("200").get("content").has("text/event-stream")).isTrue();
        assertThat(get.get("responses").propertyNames()).contains("404", "429");
        assertThat(get.get("parameters").findValuesAsString("name")).contains("executionId", "Last-Event-ID");
    }

    /** Applies a stream's events to the state its snapshot began, checking that each change is only what changed. */
    private static final class Watched {
        private ObjectNode state;
        private String lastId;
        private final List<Set<String>> changedNodes = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();

        Watched(Event snapshot) {
            assertThat(snapshot.type()).isEqualTo("snapshot");
            state = (ObjectNode) snapshot.json();
            lastId = snapshot.id();
            statuses.add(state.get("status").asString());
        }

        /** Applies events until the state satisfies {@code done} (returning null) or the end comes (returning it). */
        Event until(EventStreamClient stream, Predicate<JsonNode> done) {
            if (done.test(state)) {
                return null;
            }
            while (true) {
                Event event = stream.next(WAIT);
                assertThat(event).as("the stream closed before its end; last state " + state).isNotNull();
                if (event.type().equals("end")) {
                    return event;
                }
                assertThat(event.type()).isEqualTo("change");
                assertThat(event.id()).as("every event has an id").isNotBlank().isNotEqualTo(lastId);
                JsonNode change = event.json();
                assertThat(change.propertyNames()).containsExactly("execution", "nodes");
                assertThat(change.get("execution").propertyNames()).containsExactlyElementsOf(FIELDS);
                ObjectNode next = state.deepCopy();
                change.get("execution").properties().forEach(field -> next.set(field.getKey(), field.getValue()));
                ObjectNode nodes = (ObjectNode) next.get("nodes");
                Set<String> changed = change.get("nodes").propertyNames().stream().collect(
                        java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
                for (String node : changed) {
                    assertThat(nodes.has(node)).as("a node of the execution: " + node).isTrue();
                    assertThat(change.get("nodes").get(node)).as("only nodes that changed are sent: " + node)
                            .isNotEqualTo(nodes.get(node));
                    nodes.set(node, change.get("nodes").get(node));
                }
                assertThat(next).as("a change changes something").isNotEqualTo(state);
                changedNodes.add(changed);
                state = next;
                lastId = event.id();
                if (!statuses.getLast().equals(state.get("status").asString())) {
                    statuses.add(state.get("status").asString());
                }
                if (done.test(state)) {
                    return null;
                }
            }
        }
    }

    private static JsonNode assertProblem(EventStreamClient refused, int status) {
        try (refused) {
            assertThat(refused.status()).isEqualTo(status);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.problem().get("status").asInt()).isEqualTo(status);
            return refused.problem();
        }
    }

    /** Opens streams until one is accepted (a slot was given back), within the deadline. */
    private static EventStreamClient awaitAccepted(Api api, String path) {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            EventStreamClient stream = EventStreamClient.open(api, path);
            if (stream.status() == 200) {
                return stream;
            }
            assertThat(stream.status()).isEqualTo(429);
            stream.close();
            assertThat(Instant.now()).as("a slot given back in time").isBefore(deadline);
            pause();
        }
    }

    /** Whether the stream is still open: a keepalive comes after now. */
    private static boolean keptAlive(EventStreamClient stream) {
        int seen = stream.comments().size();
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (stream.comments().size() > seen) {
                return true;
            }
            pause();
        }
        return false;
    }

    /** Reads to the stream's close; returns the last event, or null when there was none. */
    private static Event drainToEnd(EventStreamClient stream) {
        Event last = null;
        for (Event event = stream.next(WAIT); event != null; event = stream.next(WAIT)) {
            last = event;
        }
        return last;
    }

    private static String create(Api api, String graph) {
        Api.Response created = api.post("/api/v1/workflows", graph.formatted("streams " + UUID.randomUUID()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("workflowId").asString();
    }

    private static String execute(Api api, String workflowId) {
        Api.Response executed = api.post("/api/v1/workflows/" + workflowId + "/execute",
                "{\"triggerInputs\": {\"name\": \"ada\"}}");
        assertThat(executed.status()).as(executed.text()).isEqualTo(201);
        return executed.body().get("executionId").asString();
    }

    private static String stream(String executionId) {
        return "/api/v1/executions/" + executionId + "/stream";
    }

    private static String status(JsonNode execution, String node) {
        return execution.get("nodes").get(node).get("status").asString();
    }

    private static JsonNode await(Api api, String executionId, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.get("/api/v1/executions/" + executionId).body();
            if (done.test(last)) {
                return last;
            }
            pause();
        }
        throw new AssertionError("execution " + executionId + " did not get there; last seen: " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
