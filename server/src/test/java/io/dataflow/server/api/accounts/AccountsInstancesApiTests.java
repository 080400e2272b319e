package io.dataflow.server.api.accounts;

import static io.dataflow.server.api.accounts.BoundAccount.ok;
import static io.dataflow.server.support.Envelopes.assertFailure;
import static io.dataflow.server.support.Envelopes.firstMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.testing.LocalHttpServer;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003's instance endpoints over raw HTTP, on H2 and PostgreSQL: create (one and in batches), list, get with
 * steps, events and status changes, each with its errors in Cloudflare's envelope. Bindings are made through the
 * engine (the binding endpoints are another change's), over workflows created with {@code /workflows}.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsInstancesApiTests {

    /** Asks for approval, waits for the event, then writes its note down. */
    private static final String APPROVAL = """
            {"title": "approval %s",
             "inputs": [{"name": "text", "type": "text", "required": true}],
             "tasks": [
               {"name": "ask", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ inputs.text }}"}},
               {"name": "answer", "type": "wait_for_event", "inputs": {"event_type": "approval", "timeout": "3 days"}},
               {"name": "note", "type": "TextOperation.Lowercase",
                "inputs": {"text": "{{ tasks.answer.outputs.payload.note }}"}}
             ],
             "outputs": [{"name": "note", "type": "text", "value": "{{ tasks.note.outputs.text }}"}]}""";

    /** Sleeps a long time: an instance that stays live. */
    private static final String SLEEPY = """
            {"title": "sleepy %s",
             "tasks": [{"name": "nap", "type": "sleep", "inputs": {"duration": "1 day"}}]}""";

    /** Finishes at once. */
    private static final String QUICK = """
            {"title": "quick %s",
             "tasks": [{"name": "shout", "type": "TextOperation.Uppercase", "inputs": {"text": "hi"}}],
             "outputs": [{"name": "text", "type": "text", "value": "{{ tasks.shout.outputs.text }}"}]}""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private RawHttp http() {
        return new RawHttp(server().api().baseUrl());
    }

    /** A new organization with a workflow of this definition bound as a new name. */
    private BoundAccount bound(String definition) {
        return BoundAccount.create(server(), "Instances", definition);
    }

    private JsonNode awaitInstance(BoundAccount account, String id, Predicate<JsonNode> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            JsonNode instance = ok(account.send("GET", "/instances/" + id, null));
            if (done.test(instance)) {
                return instance;
            }
            assertThat(Instant.now()).as("instance %s: %s", id, instance).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private JsonNode awaitStatus(BoundAccount account, String id, String status) {
        return awaitInstance(account, id, i -> i.get("status").asString().equals(status));
    }

    @Test
    void createStartsAnInstanceUnderItsIdThatFinishesWithStepsAndOutput() {
        BoundAccount account = bound(QUICK);
        JsonNode created = ok(account.send("POST", "/instances", "{\"instance_id\": \"first_1\"}"));
        assertThat(created.get("id").asString()).isEqualTo("first_1");
        assertThat(created.get("status").asString()).isEqualTo("queued");
        assertThat(created.get("version_id").asString()).isNotBlank();
        assertThat(created.get("workflow_id").asString()).isNotBlank();

        JsonNode done = awaitStatus(account, "first_1", "complete");
        assertThat(done.get("success").asBoolean()).isTrue();
        assertThat(done.get("output").get("text").asString()).isEqualTo("HI");
        assertThat(done.get("error").isNull()).isTrue();
        assertThat(done.get("trigger").get("source").asString()).isEqualTo("api");
        assertThat(done.get("versionId").asString()).isEqualTo(created.get("version_id").asString());
        assertThat(done.get("queued").asString()).isNotBlank();
        assertThat(done.get("start").asString()).isNotBlank();
        assertThat(done.get("end").asString()).isNotBlank();
        assertThat(done.get("step_count").asInt()).isEqualTo(1);
        JsonNode step = done.get("steps").get(0);
        assertThat(step.get("type").asString()).isEqualTo("step");
        assertThat(step.get("name").asString()).isEqualTo("shout");
        assertThat(step.get("success").asBoolean()).isTrue();
        assertThat(step.get("output").get("text").asString()).isEqualTo("HI");
        assertThat(step.get("attempts")).singleElement().satisfies(a -> {
            assertThat(a.get("success").asBoolean()).isTrue();
            assertThat(a.get("error").isNull()).isTrue();
            assertThat(a.get("start").asString()).isNotBlank();
        });
        // A workflow that sets no retries or timeout runs its instances with Cloudflare's defaults.
        assertThat(step.get("config")).isEqualTo(Json.parse("""
                {"retries": {"limit": 5, "delay": 10000, "backoff": "exponential"}, "timeout": 600000}"""));

        JsonNode simple = ok(account.send("GET", "/instances/first_1?simple=true", null));
        assertThat(simple.get("steps")).isEmpty();
        assertThat(simple.get("step_count").asInt()).isEqualTo(1);

        // Without an id, one is made up.
        JsonNode unnamed = ok(account.send("POST", "/instances", null));
        assertThat(unnamed.get("id").asString()).isNotBlank();
        assertThat(ok(account.send("GET", "/instances/" + unnamed.get("id").asString(), null)).get("status")
                .asString()).isIn("queued", "running", "complete");
    }

    /** A workflow whose one step calls {@code url}, failing while it answers 500 (a retryable failure). */
    private static final String CALLING = """
            {"title": "calling %s",
             "tasks": [{"name": "call", "type": "http.request", "inputs": {"url": "%s"}}]}""";

    @Test
    void aFailingStepOfAWorkflowThatSetsNoRetriesIsRetriedUnderCloudflaresDefaults() throws Exception {
        try (LocalHttpServer web = new LocalHttpServer()) {
            web.respond("/down", 500, "text/plain", "down");
            BoundAccount account = bound(CALLING.formatted("%s", web.url("/down")));
            ok(account.send("POST", "/instances", "{\"instance_id\": \"failing\"}"));

            JsonNode failedOnce = awaitInstance(account, "failing", i -> i.get("steps").size() == 1
                    && i.get("steps").get(0).get("attempts").size() == 1
                    && i.get("steps").get(0).get("attempts").get(0).get("end").isString());
            JsonNode step = failedOnce.get("steps").get(0);
            assertThat(step.get("attempts").get(0).get("success").asBoolean()).isFalse();
            assertThat(step.get("config")).isEqualTo(Json.parse("""
                    {"retries": {"limit": 5, "delay": 10000, "backoff": "exponential"}, "timeout": 600000}"""));
            // Not waiting the 10 seconds: the retry is due 10 s after the failed attempt, of 6 attempts in all.
            String executionId = server().engine().bindings().findExecution(Access.admin(account.id()),
                    account.workflow(), "failing").orElseThrow().execution().id();
            assertThat(firstRetry(executionId)).isEqualTo(new FirstRetry(6, Duration.ofSeconds(10)));

            ok(account.send("PATCH", "/instances/failing/status", "{\"status\": \"terminate\"}"));
        }
    }

    @Test
    void aWorkflowsOwnStepConfigAndSettingsWinOverCloudflaresDefaultsEachOnItsOwn() throws Exception {
        try (LocalHttpServer web = new LocalHttpServer()) {
            web.respond("/down", 500, "text/plain", "down");
            BoundAccount account = bound("""
                    {"title": "configured %s", "settings": {"task_timeout_seconds": 120},
                     "tasks": [
                       {"name": "url", "type": "TextOperation.Lowercase", "inputs": {"text": "%s"}},
                       {"name": "call", "type": "http.request", "inputs": {"url": "{{ tasks.url.outputs.text }}"},
                        "config": {"retries": {"limit": 2, "delay": 50, "backoff": "constant"},
                                   "timeout": "30 seconds"}}]}""".formatted("%s", web.url("/down")));
            ok(account.send("POST", "/instances", "{\"instance_id\": \"own\"}"));

            JsonNode errored = awaitStatus(account, "own", "errored");
            JsonNode url = errored.get("steps").get(0);
            JsonNode call = errored.get("steps").get(1);
            assertThat(url.get("config")).as("Cloudflare's retries, the workflow's timeout").isEqualTo(Json.parse("""
                    {"retries": {"limit": 5, "delay": 10000, "backoff": "exponential"}, "timeout": 120000}"""));
            assertThat(call.get("config")).isEqualTo(Json.parse("""
                    {"retries": {"limit": 2, "delay": 50, "backoff": "constant"}, "timeout": 30000}"""));
            assertThat(call.get("attempts")).hasSize(3)
                    .allSatisfy(a -> assertThat(a.get("success").asBoolean()).isFalse());
        }
    }

    /** How many attempts a step's run has, and how long after its first failed attempt its retry is due. */
    private record FirstRetry(int maxAttempts, Duration after) {
    }

    private FirstRetry firstRetry(String executionId) throws SQLException {
        try (Connection connection = server().dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT t.max_attempts, t.ready_at,"
                        + " a.finished_at FROM task_runs t JOIN task_attempts a ON a.task_run_id = t.id"
                        + " AND a.attempt = 1 WHERE t.execution_id = ?")) {
            statement.setString(1, executionId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("the failed attempt of " + executionId).isTrue();
                return new FirstRetry(row.getInt("max_attempts"), Duration.between(
                        row.getObject("finished_at", OffsetDateTime.class),
                        row.getObject("ready_at", OffsetDateTime.class)));
            }
        }
    }

    @Test
    void paramsAreTheInputsAsAnObjectOrAJsonEncodedString() {
        BoundAccount account = bound(APPROVAL);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"obj\", \"params\": {\"text\": \"hello\"}}"));
        ok(account.send("POST", "/instances",
                "{\"instance_id\": \"str\", \"params\": \"{\\\"text\\\": \\\"there\\\"}\"}"));
        assertThat(ok(account.send("GET", "/instances/obj", null)).get("params").get("text").asString())
                .isEqualTo("hello");
        assertThat(ok(account.send("GET", "/instances/str", null)).get("params").get("text").asString())
                .isEqualTo("there");

        for (String params : List.of("42", "[1]", "\"not json\"", "\"[1, 2]\"")) {
            RawHttp.Response refused = account.send("POST", "/instances", "{\"params\": " + params + "}");
            assertThat(assertFailure(refused, 400)).as(params).containsExactly(10004);
            assertThat(firstMessage(refused)).contains("params must be a JSON object");
        }
        RawHttp.Response missing = account.send("POST", "/instances", "{\"params\": {}}");
        assertThat(assertFailure(missing, 400)).containsExactly(10004);
        assertThat(firstMessage(missing)).contains("params").contains("text");
        assertThat(ok(account.send("GET", "/instances", null)).size()).isEqualTo(2);
    }

    @Test
    void badCreateBodiesAre400AndChangeNothing() {
        BoundAccount account = bound(QUICK);
        Map<String, Integer> bodies = new LinkedHashMap<>();
        bodies.put("{\"instance_id\": \"-dash\"}", 10004);
        bodies.put("{\"instance_id\": \"has space\"}", 10004);
        bodies.put("{\"instance_id\": \"" + "x".repeat(101) + "\"}", 10004);
        bodies.put("{\"instance_id\": 12}", 10004);
        bodies.put("{\"surprise\": 1}", 10004);
        bodies.put("{\"instance_retention\": {\"success_retention\": \"for ever\"}}", 10004);
        bodies.put("{\"instance_retention\": {\"success_retention\": 0}}", 10004);
        bodies.put("{\"instance_retention\": {\"error_retention\": \"31 days\"}}", 10004);
        bodies.put("{\"instance_retention\": \"1 day\"}", 10004);
        bodies.put("{\"location_hint\": \"mars\"}", 10004);
        bodies.put("[]", 10004);
        bodies.put("{\"instance_id\": ", 10002);
        for (Map.Entry<String, Integer> body : bodies.entrySet()) {
            RawHttp.Response refused = account.send("POST", "/instances", body.getKey());
            assertThat(assertFailure(refused, 400)).as(body.getKey()).containsExactly(body.getValue());
        }
        assertThat(firstMessage(account.send("POST", "/instances", "{\"instance_retention\": {\"error_retention\":"
                + " \"31 days\"}}"))).isEqualTo("instance_retention.error_retention is longer than this server keeps"
                + " finished instances (30 days, DATAFLOW_EXECUTION_RETENTION)");
        assertThat(firstMessage(account.send("POST", "/instances/batch", "[{}, {\"instance_retention\":"
                + " {\"success_retention\": -5}}]"))).startsWith("[1].instance_retention.success_retention must be");
        ok(account.send("POST", "/instances", "{\"instance_id\": \"" + "x".repeat(100)
                + "\", \"location_hint\": \"weur\", \"instance_retention\": {\"success_retention\": \"1 day\","
                + " \"error_retention\": 600000}}"));
        assertThat(ok(account.send("GET", "/instances", null))).hasSize(1);
    }

    @Test
    void aDuplicateIdIs409WithCode10504AndNoRetry() {
        BoundAccount account = bound(QUICK);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"dup\"}"));
        RawHttp.Response again = account.send("POST", "/instances", "{\"instance_id\": \"dup\"}");
        assertThat(assertFailure(again, 409)).containsExactly(10504);
        assertThat(again.header("x-should-retry")).isEqualTo("false");
        assertThat(firstMessage(again)).contains("'dup' already exists");
    }

    @Test
    void anOversizedBodyIs413() {
        BoundAccount account = bound(APPROVAL);
        String big = "{\"params\": {\"text\": \"" + "a".repeat(1 << 20) + "\"}}";
        assertThat(assertFailure(account.send("POST", "/instances", big), 413)).containsExactly(10005);
        assertThat(ok(account.send("GET", "/instances", null))).isEmpty();
    }

    @Test
    void anUnknownWorkflowIs404With10501AndAnUnknownInstance404With10502() {
        BoundAccount account = bound(QUICK);
        String other = "/accounts/" + account.id() + "/workflows/nope";
        for (String[] call : new String[][] {{"POST", "/instances", "{}"}, {"POST", "/instances/batch", "[{}]"},
                {"GET", "/instances", null}, {"GET", "/instances/x", null}, {"GET", "/instances/x/step?name=a", null},
                {"POST", "/instances/x/events/go", "{}"},
                {"PATCH", "/instances/x/status", "{\"status\": \"pause\"}"}}) {
            RawHttp.Response response = http().send(call[0], other + call[1], account.headers(),
                    call[2] == null ? null : call[2].getBytes(StandardCharsets.UTF_8));
            assertThat(assertFailure(response, 404)).as(call[0] + " " + call[1]).containsExactly(10501);
        }
        for (String[] call : new String[][] {{"GET", "/instances/nope", null},
                {"GET", "/instances/-bad", null},
                {"POST", "/instances/nope/events/go", "{}"},
                {"PATCH", "/instances/nope/status", "{\"status\": \"pause\"}"}}) {
            RawHttp.Response response = account.send(call[0], call[1], call[2]);
            assertThat(assertFailure(response, 404)).as(call[0] + " " + call[1]).containsExactly(10502);
        }
    }

    @Test
    void anotherAccountsInstancesAre403() {
        BoundAccount mine = bound(QUICK);
        BoundAccount theirs = bound(QUICK);
        ok(theirs.send("POST", "/instances", "{\"instance_id\": \"secret\"}"));
        for (String[] call : new String[][] {{"POST", "/instances", "{}"}, {"GET", "/instances", null},
                {"GET", "/instances/secret", null}, {"PATCH", "/instances/secret/status", "{\"status\": \"pause\"}"},
                {"POST", "/instances/secret/events/go", "{}"}}) {
            RawHttp.Response response = http().send(call[0], theirs.base() + call[1], mine.headers(),
                    call[2] == null ? null : call[2].getBytes(StandardCharsets.UTF_8));
            assertThat(assertFailure(response, 403)).as(call[0] + " " + call[1]).containsExactly(9109);
        }
        assertThat(ok(theirs.send("GET", "/instances", null))).hasSize(1);
    }

    @Test
    void aBatchIsAllOrNothingAndSkipsIdsThatExist() {
        BoundAccount account = bound(APPROVAL);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"old\", \"params\": {\"text\": \"a\"}}"));

        JsonNode created = ok(account.send("POST", "/instances/batch", """
                [{"instance_id": "b1", "params": {"text": "x"}},
                 {"instance_id": "old", "params": {"text": "y"}},
                 {"params": {"text": "z"}}]"""));
        assertThat(created).hasSize(2);
        assertThat(created.get(0).get("id").asString()).isEqualTo("b1");
        assertThat(created.get(0).get("status").asString()).isEqualTo("queued");
        assertThat(created.get(1).get("id").asString()).isNotBlank().isNotEqualTo("old");
        assertThat(ok(account.send("GET", "/instances/old", null)).get("params").get("text").asString())
                .isEqualTo("a");

        // One bad start refuses the whole batch.
        RawHttp.Response refused = account.send("POST", "/instances/batch", """
                [{"instance_id": "b2", "params": {"text": "x"}}, {"instance_id": "b3", "params": {}}]""");
        assertThat(assertFailure(refused, 400)).containsExactly(10004);
        assertThat(firstMessage(refused)).contains("[1].params/text");
        RawHttp.Response twice = account.send("POST", "/instances/batch", """
                [{"instance_id": "b4", "params": {"text": "x"}}, {"instance_id": "b4", "params": {"text": "x"}}]""");
        assertThat(assertFailure(twice, 400)).containsExactly(10004);
        RawHttp.Response bad = account.send("POST", "/instances/batch", "[{\"instance_id\": \"ok\"}, 5]");
        assertThat(assertFailure(bad, 400)).containsExactly(10004);
        assertThat(assertFailure(account.send("POST", "/instances/batch", "[]"), 400)).containsExactly(10004);
        assertThat(assertFailure(account.send("POST", "/instances/batch", "{}"), 400)).containsExactly(10004);
        assertThat(ok(account.send("GET", "/instances", null))).hasSize(3);
    }

    @Test
    void listPagesByPageAndByCursorAndFiltersByStatusAndDate() {
        BoundAccount account = bound(SLEEPY);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(ok(account.send("POST", "/instances", "{\"instance_id\": \"i" + i + "\"}")).get("id").asString());
        }
        ok(account.send("PATCH", "/instances/i0/status", "{\"status\": \"terminate\"}"));

        RawHttp.Response first = account.send("GET", "/instances?per_page=2", null);
        JsonNode page1 = ok(first);
        assertThat(page1).hasSize(2);
        assertThat(page1.get(0).get("id").asString()).isEqualTo("i4");
        assertThat(page1.get(0).get("created_on").asString()).isNotBlank();
        assertThat(page1.get(0).has("ended_on")).isTrue();
        JsonNode info = first.json().get("result_info");
        assertThat(info.get("page").asInt()).isEqualTo(1);
        assertThat(info.get("per_page").asInt()).isEqualTo(2);
        assertThat(info.get("count").asInt()).isEqualTo(2);
        assertThat(info.get("total_count").asInt()).isEqualTo(5);
        String cursor = info.get("cursor").asString();

        RawHttp.Response byCursor = account.send("GET", "/instances?per_page=2&cursor=" + cursor, null);
        assertThat(ok(byCursor)).extracting(i -> i.get("id").asString()).containsExactly("i2", "i1");
        assertThat(ok(account.send("GET", "/instances?per_page=2&page=2", null)))
                .extracting(i -> i.get("id").asString()).containsExactly("i2", "i1");
        RawHttp.Response last = account.send("GET", "/instances?per_page=2&page=3", null);
        assertThat(ok(last)).hasSize(1);
        assertThat(last.json().get("result_info").has("cursor")).isFalse();
        assertThat(ok(account.send("GET", "/instances?per_page=2&page=9", null))).isEmpty();
        assertThat(ok(account.send("GET", "/instances?direction=asc&per_page=1", null)).get(0).get("id")
                .asString()).isEqualTo("i0");

        assertThat(ok(account.send("GET", "/instances?status=terminated", null)))
                .extracting(i -> i.get("id").asString()).containsExactly("i0");
        assertThat(ok(account.send("GET", "/instances?status=terminated", null)).get(0).get("status").asString())
                .isEqualTo("terminated");
        assertThat(ok(account.send("GET", "/instances?date_start=2999-01-01T00:00:00Z", null))).isEmpty();
        assertThat(ok(account.send("GET", "/instances?date_end=2999-01-01T00:00:00", null))).hasSize(5);
        assertThat(ok(account.send("GET", "/instances?date_end=2000-01-01", null))).isEmpty();

        for (String query : List.of("status=done", "status=Running", "date_start=yesterday", "page=0",
                "per_page=101", "direction=up", "cursor=nonsense", "cursor=" + cursor + "&page=2")) {
            RawHttp.Response refused = account.send("GET", "/instances?" + query, null);
            assertThat(assertFailure(refused, 400)).as(query).containsExactly(10003);
        }
    }

    @Test
    void aWaitingInstanceTakesAnEventAndCompletes() {
        BoundAccount account = bound(APPROVAL);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"ask\", \"params\": {\"text\": \"may I\"}}"));
        JsonNode waiting = awaitStatus(account, "ask", "waiting");
        JsonNode wait = waiting.get("steps").get(1);
        assertThat(wait.get("type").asString()).isEqualTo("waitForEvent");
        assertThat(wait.get("event_type").asString()).isEqualTo("approval");
        assertThat(wait.get("finished").asBoolean()).isFalse();

        for (String type : List.of("-dash", "has.dot", "x".repeat(101))) {
            RawHttp.Response refused = account.send("POST", "/instances/ask/events/" + type, "{}");
            assertThat(assertFailure(refused, 400)).as(type).containsExactly(10506);
        }
        RawHttp.Response sent = account.send("POST", "/instances/ask/events/approval", "{\"note\": \"Yes\"}");
        JsonNode result = ok(sent);
        assertThat(result.get("instanceId").asString()).isEqualTo("ask");
        assertThat(Instant.parse(result.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(5));

        JsonNode done = awaitStatus(account, "ask", "complete");
        assertThat(done.get("output").get("note").asString()).isEqualTo("yes");
        JsonNode took = done.get("steps").get(1);
        assertThat(took.get("finished").asBoolean()).isTrue();
        assertThat(took.get("output").get("note").asString()).isEqualTo("Yes");
        assertThat(ok(account.send("GET", "/instances/ask?order=desc", null)).get("steps").get(0).get("name")
                .asString()).isEqualTo("note");

        RawHttp.Response late = account.send("POST", "/instances/ask/events/approval", "{}");
        assertThat(assertFailure(late, 409)).containsExactly(10009);
        assertThat(late.header("x-should-retry")).isEqualTo("false");
    }

    @Test
    void pauseResumeTerminateAndRestartALiveInstance() {
        BoundAccount account = bound(SLEEPY);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"live\"}"));
        JsonNode sleeping = awaitInstance(account, "live", i -> i.get("step_count").asInt() == 1);
        JsonNode nap = sleeping.get("steps").get(0);
        assertThat(nap.get("type").asString()).isEqualTo("sleep");
        assertThat(nap.get("finished").asBoolean()).isFalse();

        RawHttp.Response refusedResume = account.send("PATCH", "/instances/live/status", "{\"status\": \"resume\"}");
        assertThat(assertFailure(refusedResume, 409)).containsExactly(10505);
        assertThat(refusedResume.header("x-should-retry")).isEqualTo("false");
        assertThat(firstMessage(refusedResume)).contains("not in a resumable state");

        JsonNode paused = ok(account.send("PATCH", "/instances/live/status", "{\"status\": \"pause\"}"));
        assertThat(paused.get("status").asString()).isIn("waitingForPause", "paused");
        assertThat(paused.get("timestamp").asString()).isNotBlank();
        awaitStatus(account, "live", "paused");
        assertThat(ok(account.send("PATCH", "/instances/live/status", "{\"status\": \"resume\"}"))
                .get("status").asString()).isIn("running", "waiting", "queued");

        JsonNode terminated = ok(account.send("PATCH", "/instances/live/status", "{\"status\": \"terminate\"}"));
        assertThat(terminated.get("status").asString()).isEqualTo("terminated");
        JsonNode after = ok(account.send("GET", "/instances/live", null));
        assertThat(after.get("success").asBoolean()).isFalse();
        assertThat(after.get("steps").get(after.get("steps").size() - 1).get("type").asString())
                .isEqualTo("termination");
        RawHttp.Response again = account.send("PATCH", "/instances/live/status", "{\"status\": \"terminate\"}");
        assertThat(assertFailure(again, 409)).containsExactly(10505);
        assertThat(assertFailure(account.send("PATCH", "/instances/live/status", "{\"status\": \"pause\"}"), 409))
                .containsExactly(10505);

        JsonNode restarted = ok(account.send("PATCH", "/instances/live/status", "{\"status\": \"restart\"}"));
        assertThat(restarted.get("status").asString()).isEqualTo("queued");
        awaitInstance(account, "live", i -> i.get("step_count").asInt() == 1
                && i.get("status").asString().equals("waiting") || i.get("status").asString().equals("running"));

        RawHttp.Response from = account.send("PATCH", "/instances/live/status",
                "{\"status\": \"pause\", \"from\": {\"name\": \"nap\"}}");
        assertThat(assertFailure(from, 400)).containsExactly(10004);
        assertThat(firstMessage(from)).contains("from is for restart only");
        for (String body : List.of("{\"status\": \"stop\"}", "{\"status\": \"Pause\"}", "{}", "[]",
                "{\"status\": \"pause\", \"extra\": 1}", "{\"status\": \"terminate\", \"rollback\": true}")) {
            assertThat(assertFailure(account.send("PATCH", "/instances/live/status", body), 400)).as(body)
                    .containsExactly(10004);
        }
        assertThat(ok(account.send("GET", "/instances/live", null)).get("status").asString())
                .isNotEqualTo("terminated");
    }

    @Test
    void restartFromAStepKeepsTheStepsBeforeItAndRunsItAgain() {
        BoundAccount account = bound(APPROVAL);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"again\", \"params\": {\"text\": \"hi\"}}"));
        awaitStatus(account, "again", "waiting");
        ok(account.send("POST", "/instances/again/events/approval", "{\"note\": \"First\"}"));
        JsonNode first = awaitStatus(account, "again", "complete");
        assertThat(first.get("output").get("note").asString()).isEqualTo("first");
        JsonNode ask = first.get("steps").get(0);

        JsonNode restarted = ok(account.send("PATCH", "/instances/again/status",
                "{\"status\": \"restart\", \"from\": {\"name\": \"answer\", \"count\": 1, \"type\":"
                + " \"waitForEvent\"}}"));

        assertThat(restarted.get("status").asString()).isEqualTo("queued");
        JsonNode waiting = awaitStatus(account, "again", "waiting");
        assertThat(waiting.get("step_count").asInt()).isEqualTo(2);
        JsonNode kept = waiting.get("steps").get(0);
        assertThat(kept.get("name").asString()).isEqualTo("ask");
        assertThat(kept.get("start").asString()).as("ask did not run again").isEqualTo(ask.get("start").asString());
        assertThat(kept.get("output")).isEqualTo(ask.get("output"));
        assertThat(kept.get("attempts")).isEqualTo(ask.get("attempts"));
        assertThat(waiting.get("steps").get(1).get("finished").asBoolean()).isFalse();
        ok(account.send("POST", "/instances/again/events/approval", "{\"note\": \"Second\"}"));
        JsonNode second = awaitStatus(account, "again", "complete");
        assertThat(second.get("output").get("note").asString()).isEqualTo("second");
        assertThat(second.get("steps").get(0).get("start").asString()).isEqualTo(ask.get("start").asString());
    }

    @Test
    void restartFromAStepTheInstanceDoesNotHaveIs400AndChangesNothing() {
        BoundAccount account = bound(QUICK);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"q\"}"));
        JsonNode done = awaitStatus(account, "q", "complete");
        String restart = "{\"status\": \"restart\", \"from\": %s}";
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("{\"name\": \"nope\"}", "has no step 'nope'; its steps are shout");
        refusals.put("{\"name\": \"shout\", \"type\": \"sleep\"}", "is a do step, not sleep");
        refusals.put("{\"name\": \"shout\", \"count\": 2}", "count may only be 1");
        refusals.put("{\"name\": \"shout\", \"count\": 0}", "from.count must be a whole number from 1");
        refusals.put("{\"name\": \"shout\", \"type\": \"step\"}", "from.type must be do, sleep or waitForEvent");
        refusals.put("{\"count\": 1}", "from.name is required");
        refusals.put("{\"name\": \"shout\", \"extra\": true}", "from.extra is not a field here");
        refusals.put("\"shout\"", "from must be a JSON object");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            RawHttp.Response refused = account.send("PATCH", "/instances/q/status",
                    restart.formatted(refusal.getKey()));
            assertThat(assertFailure(refused, 400)).as(refusal.getKey()).containsExactly(10004);
            assertThat(firstMessage(refused)).as(refusal.getKey()).contains(refusal.getValue());
        }
        JsonNode after = ok(account.send("GET", "/instances/q", null));
        assertThat(after.get("status").asString()).isEqualTo("complete");
        assertThat(after.get("steps")).isEqualTo(done.get("steps"));
        RawHttp.Response unknown = account.send("PATCH", "/instances/nobody/status",
                restart.formatted("{\"name\": \"shout\"}"));
        assertThat(assertFailure(unknown, 404)).containsExactly(10502);
    }

    @Test
    void aStepIsReadWithItsWholeOutputByNameTypeAndAttempt() {
        BoundAccount account = bound(APPROVAL);
        ok(account.send("POST", "/instances", "{\"instance_id\": \"steps\", \"params\": {\"text\": \"may I\"}}"));
        awaitStatus(account, "steps", "waiting");

        JsonNode ask = ok(account.send("GET", "/instances/steps/step?name=ask", null));
        assertThat(ask.get("status").asString()).isEqualTo("complete");
        assertThat(ask.get("error").isNull()).isTrue();
        assertThat(ask.get("output").get("text").asString()).isEqualTo("MAY I");
        assertThat(ask.has("event_type")).isFalse();
        assertThat(ok(account.send("GET", "/instances/steps/step?name=ask&type=step&attempt=1", null))
                .get("output").get("text").asString()).isEqualTo("MAY I");
        JsonNode waiting = ok(account.send("GET", "/instances/steps/step?name=answer&type=waitForEvent", null));
        assertThat(waiting.get("status").asString()).isEqualTo("waiting");
        assertThat(waiting.get("output").isNull()).isTrue();
        assertThat(waiting.get("event_type").asString()).isEqualTo("approval");

        Map<String, Integer> refused = new LinkedHashMap<>();
        refused.put("", 10003);
        refused.put("?name=", 10003);
        refused.put("?name=ask&type=sleep", 10003);
        refused.put("?name=ask&attempt=0", 10003);
        refused.put("?name=ask&attempt=two", 10003);
        refused.put("?name=ask&attempt=2", 10003);
        refused.put("?name=answer&type=step", 10507);
        refused.put("?name=note", 10507);
        refused.put("?name=nope", 10507);
        for (Map.Entry<String, Integer> query : refused.entrySet()) {
            RawHttp.Response response = account.send("GET", "/instances/steps/step" + query.getKey(), null);
            assertThat(assertFailure(response, query.getValue() == 10507 ? 404 : 400)).as(query.getKey())
                    .containsExactly(query.getValue());
        }
        assertThat(firstMessage(account.send("GET", "/instances/steps/step?name=note", null)))
                .isEqualTo("instance 'steps' has no step named 'note' yet");
        assertThat(assertFailure(account.send("GET", "/instances/nobody/step?name=ask", null), 404))
                .containsExactly(10502);

        ok(account.send("POST", "/instances/steps/events/approval", "{\"note\": \"Fine\"}"));
        awaitStatus(account, "steps", "complete");
        JsonNode took = ok(account.send("GET", "/instances/steps/step?name=answer", null));
        assertThat(took.get("status").asString()).isEqualTo("complete");
        assertThat(took.get("output").get("note").asString()).isEqualTo("Fine");
    }

    @Test
    void instanceIdsCloudflareReservesAreRefused() {
        BoundAccount account = bound(QUICK);
        RawHttp.Response refused = account.send("POST", "/instances", "{\"instance_id\": \"cf_" + "a1".repeat(32)
                + "\"}");
        assertThat(assertFailure(refused, 400)).containsExactly(10004);
        assertThat(firstMessage(refused)).contains("reserved");
        ok(account.send("POST", "/instances", "{\"instance_id\": \"cf_" + "a1".repeat(31) + "\"}"));
    }

    @Test
    void aTrailingSlashIsThePathWithoutIt() {
        // wrangler finds an instance called "latest" by listing .../instances/ with the slash.
        BoundAccount account = bound(QUICK);
        ok(account.send("POST", "/instances/", "{\"instance_id\": \"slash\"}"));

        assertThat(ok(account.send("GET", "/instances/", null))).hasSize(1);
        assertThat(ok(account.send("GET", "/instances/slash/", null)).get("params")).isNotNull();
        RawHttp.Response prefixed = http().send("GET", "/client/v4" + account.base() + "/instances/",
                account.headers(), null);
        assertThat(ok(prefixed).get(0).get("id").asString()).isEqualTo("slash");
        assertThat(assertFailure(account.send("GET", "/instances/nobody/", null), 404)).containsExactly(10502);
    }
}
