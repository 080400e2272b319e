package io.dataflow.server.api.accounts;

import static io.dataflow.server.api.accounts.BoundAccount.ok;
import static io.dataflow.server.support.Envelopes.assertFailure;
import static io.dataflow.server.support.Envelopes.firstMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003's batch terminate over raw HTTP, on H2 and PostgreSQL: terminating instances by id and all of them (with
 * no body, and with PUT as wrangler's terminate-all sends), the state of the latest terminate-all before, during and
 * after it, asking twice, and the errors, each in Cloudflare's envelope. Bindings are made through the engine over
 * workflows created with {@code /workflows}, as in {@link AccountsInstancesApiTests}.
 *
 * <p>To see a terminate-all while it runs, a test holds a row lock on one instance's execution: the job's page waits
 * for it, so the job cannot finish until the test lets go.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsBatchTerminateApiTests {

    /** Sleeps a long time: an instance that stays live. */
    private static final String SLEEPY = """
            {"title": "sleepy %s",
             "tasks": [{"name": "nap", "type": "sleep", "inputs": {"duration": "1 day"}}]}""";

    /** Finishes at once. */
    private static final String QUICK = """
            {"title": "quick %s",
             "tasks": [{"name": "shout", "type": "TextOperation.Uppercase", "inputs": {"text": "hi"}}]}""";

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
        return BoundAccount.create(server(), "Terminate", definition);
    }

    /** {@code PUT}s the workflow as it is bound (which changes nothing): the answer, with terminator_running. */
    private JsonNode rebindAsIs(BoundAccount account) {
        String workflowId = server().engine().bindings().find(Access.admin(account.id()), account.workflow())
                .orElseThrow().workflowId();
        return ok(account.send("PUT", "", "{\"class_name\": \"MyWorkflow\", \"script_name\": \"" + workflowId
                + "\"}"));
    }

    private static <T> T await(String what, Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            assertThat(Instant.now()).as("%s: %s", what, value).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private String status(BoundAccount account, String instance) {
        return ok(account.send("GET", "/instances/" + instance + "?simple=true", null)).get("status").asString();
    }

    private void awaitStatus(BoundAccount account, String instance, String status) {
        await("instance " + instance, () -> status(account, instance), status::equals);
    }

    private void create(BoundAccount account, String... instances) {
        for (String instance : instances) {
            ok(account.send("POST", "/instances", "{\"instance_id\": \"" + instance + "\"}"));
        }
    }

    /** The state of the latest terminate-all. */
    private JsonNode state(BoundAccount account) {
        return ok(account.send("GET", "/instances/terminate", null));
    }

    private static void assertAsked(JsonNode result, int terminated, String status) {
        assertThat(result.get("instancesTerminated").asInt()).as("instancesTerminated of %s", result)
                .isEqualTo(terminated);
        assertThat(result.get("status").asString()).as("status of %s", result).isEqualTo(status);
    }

    /**
     * Holds a row lock on the instance's execution until closed: a bulk job that reaches it waits (and so cannot
     * finish) meanwhile. Closed within H2's lock timeout (10 s), which would fail the job's page.
     */
    private AutoCloseable lock(BoundAccount account, String instance) throws SQLException {
        Connection connection = server().dataSource().getConnection();
        connection.setAutoCommit(false);
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM executions"
                + " WHERE organization_id = ? AND execution_name = ? FOR UPDATE")) {
            select.setString(1, account.id());
            select.setString(2, instance);
            try (ResultSet locked = select.executeQuery()) {
                assertThat(locked.next()).as("instance %s exists", instance).isTrue();
            }
        }
        return () -> {
            connection.rollback();
            connection.close();
        };
    }

    @Test
    void idsTerminateTheUnfinishedInstancesInEveryWorkflowBoundAndSkipFinishedAndUnknownOnes() {
        BoundAccount account = bound(QUICK);
        create(account, "q1");
        awaitStatus(account, "q1", "complete");
        account.rebind(SLEEPY);
        create(account, "s1", "s2", "s3");

        JsonNode asked = ok(account.send("POST", "/instances/batch/terminate",
                "[\"s1\", \"q1\", \"nope\", \"s2\", \"s1\"]"));
        assertAsked(asked, 2, "ok");

        awaitStatus(account, "s1", "terminated");
        awaitStatus(account, "s2", "terminated");
        assertThat(status(account, "q1")).as("finished before").isEqualTo("complete");
        assertThat(status(account, "s3")).as("not named").isNotEqualTo("terminated");
        assertThat(state(account).get("status").asString()).as("a terminate by ids is no terminate-all")
                .isEqualTo("none");
    }

    @Test
    void askingForTheSameIdsAgainTerminatesNothingTwice() {
        BoundAccount account = bound(SLEEPY);
        create(account, "a", "b");
        assertAsked(ok(account.send("POST", "/instances/batch/terminate", "[\"a\", \"b\"]")), 2, "ok");

        // While the first job runs the same ids answer it; once it ended, a new job finds nothing left to do.
        List<JsonNode> answers = new ArrayList<>();
        JsonNode last = await("a second terminate that starts a job", () -> {
            JsonNode again = ok(account.send("POST", "/instances/batch/terminate", "[\"b\", \"a\"]"));
            answers.add(again);
            return again;
        }, again -> again.get("status").asString().equals("ok"));
        assertAsked(last, 0, "ok");
        answers.subList(0, answers.size() - 1).forEach(answer -> assertAsked(answer, 2, "already_running"));
        assertThat(status(account, "a")).isEqualTo("terminated");
        assertThat(status(account, "b")).isEqualTo("terminated");
        JsonNode steps = ok(account.send("GET", "/instances/a", null)).get("steps");
        assertThat(steps.valueStream().filter(step -> step.get("type").asString().equals("termination")).count())
                .as("terminated once: %s", steps).isEqualTo(1);
    }

    @Test
    void terminatingAllRunsOneJobAtATimeWhoseStateIsReportedBeforeDuringAndAfter() throws Exception {
        BoundAccount account = bound(SLEEPY);
        JsonNode before = state(account);
        assertThat(before.get("status").asString()).isEqualTo("none");
        assertThat(before.get("instancesTerminated").asInt()).isZero();
        create(account, "a", "b", "c");

        try (AutoCloseable held = lock(account, "b")) {
            assertAsked(ok(account.send("PUT", "/instances/terminate", null)), 3, "ok");
            JsonNode during = state(account);
            assertThat(during.get("status").asString()).isEqualTo("running");
            assertThat(during.get("instancesTerminated").asInt()).isZero();
            assertAsked(ok(account.send("PUT", "/instances/terminate", null)), 3, "already_running");
            assertAsked(ok(account.send("POST", "/instances/batch/terminate", null)), 3, "already_running");
            assertAsked(ok(account.send("PUT", "/instances/terminate?status=waiting", null)), 3,
                    "already_running");
            assertThat(rebindAsIs(account).get("terminator_running").asInt()).isEqualTo(1);
            create(account, "late");
        }

        JsonNode after = await("the terminate-all", () -> state(account),
                s -> s.get("status").asString().equals("complete"));
        assertThat(after.get("instancesTerminated").asInt()).isEqualTo(3);
        for (String instance : List.of("a", "b", "c")) {
            assertThat(status(account, instance)).as(instance).isEqualTo("terminated");
        }
        assertThat(status(account, "late")).as("created after it was asked").isNotEqualTo("terminated");
        assertThat(rebindAsIs(account).get("terminator_running").asInt()).isZero();

        assertAsked(ok(account.send("POST", "/instances/batch/terminate", "")), 1, "ok");
        await("the second terminate-all", () -> state(account), s -> s.get("status").asString().equals("complete"));
        awaitStatus(account, "late", "terminated");
    }

    @Test
    void aStatusNarrowsTerminatingAll() {
        BoundAccount account = bound(SLEEPY);
        create(account, "w", "p");
        awaitStatus(account, "w", "waiting");
        awaitStatus(account, "p", "waiting");
        ok(account.send("PATCH", "/instances/p/status", "{\"status\": \"pause\"}"));
        awaitStatus(account, "p", "paused");

        assertAsked(ok(account.send("PUT", "/instances/terminate?status=waiting", null)), 1, "ok");
        JsonNode after = await("the terminate-all", () -> state(account),
                s -> s.get("status").asString().equals("complete"));
        assertThat(after.get("instancesTerminated").asInt()).isEqualTo(1);
        assertThat(status(account, "w")).isEqualTo("terminated");
        assertThat(status(account, "p")).isEqualTo("paused");
    }

    @Test
    void badRequestsAreRefusedNamingWhatIsWrongAndTerminateNothing() {
        BoundAccount account = bound(SLEEPY);
        create(account, "a");
        String tooMany = IntStream.range(0, TerminateBodies.MAX_IDS + 1).mapToObj(i -> "\"i" + i + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        String[][] refused = {
            // method, path, body, code, what the message says
            {"POST", "/instances/batch/terminate", "{\"ids\": [\"a\"]}", "10004", "JSON array"},
            {"POST", "/instances/batch/terminate", "\"a\"", "10004", "JSON array"},
            {"POST", "/instances/batch/terminate", "null", "10004", "JSON array"},
            {"POST", "/instances/batch/terminate", "[]", "10004", "1 to 1000"},
            {"POST", "/instances/batch/terminate", tooMany, "10004", "1 to 1000"},
            {"POST", "/instances/batch/terminate", "[\"a\", 5]", "10004", "[1] must be a string"},
            {"POST", "/instances/batch/terminate", "[\"a\", null]", "10004", "[1] must be a string"},
            {"POST", "/instances/batch/terminate", "[\"a\", \"-a\"]", "10004", "[1] must be 1 to 100"},
            {"POST", "/instances/batch/terminate", "[\"a b\"]", "10004", "[0] must be 1 to 100"},
            {"POST", "/instances/batch/terminate", "[\"" + "x".repeat(101) + "\"]", "10004", "[0] must be 1 to 100"},
            {"POST", "/instances/batch/terminate", "[\"a\"", "10002", ""},
            {"POST", "/instances/batch/terminate?status=waiting", "[\"a\"]", "10003", "'status'"},
            {"POST", "/instances/batch/terminate?status=complete", null, "10003", "'status'"},
            {"PUT", "/instances/terminate?status=complete", null, "10003", "queued, running, waiting"},
            {"PUT", "/instances/terminate?status=Waiting", null, "10003", "'status'"},
            {"PUT", "/instances/terminate", "[\"a\"]", "10004", "takes no body"},
            {"PUT", "/instances/terminate", "{}", "10004", "takes no body"},
        };
        for (String[] call : refused) {
            RawHttp.Response response = account.send(call[0], call[1], call[2]);
            String shown = call[0] + " " + call[1] + " " + (call[2] == null ? "" : call[2].substring(0,
                    Math.min(40, call[2].length())));
            assertThat(assertFailure(response, 400)).as(shown).containsExactly(Integer.parseInt(call[3]));
            assertThat(firstMessage(response)).as(shown).contains(call[4]);
        }
        assertThat(state(account).get("status").asString()).as("no terminate-all").isEqualTo("none");
        assertThat(status(account, "a")).isNotEqualTo("terminated");
    }

    @Test
    void anUnknownOrMisnamedWorkflowIsRefusedAndCloudflaresPrefixIsAnswered() {
        BoundAccount account = bound(SLEEPY);
        String unknown = "/accounts/" + account.id() + "/workflows/nope";
        String misnamed = "/accounts/" + account.id() + "/workflows/-bad";
        String[][] calls = {{"POST", "/instances/batch/terminate", "[\"a\"]"},
            {"POST", "/instances/batch/terminate", null}, {"PUT", "/instances/terminate", null},
            {"GET", "/instances/terminate", null}};
        for (String[] call : calls) {
            byte[] body = call[2] == null ? null : call[2].getBytes(StandardCharsets.UTF_8);
            RawHttp.Response notFound = http().send(call[0], unknown + call[1], account.headers(), body);
            assertThat(assertFailure(notFound, 404)).as(call[0] + " " + call[1]).containsExactly(10501);
            RawHttp.Response bad = http().send(call[0], misnamed + call[1], account.headers(), body);
            assertThat(assertFailure(bad, 400)).as(call[0] + " " + call[1]).containsExactly(10004);
            assertThat(firstMessage(bad)).contains("workflow_name");
        }

        create(account, "a");
        RawHttp.Response prefixed = http().send("PUT", "/client/v4" + account.base() + "/instances/terminate",
                account.headers(), null);
        assertAsked(ok(prefixed), 1, "ok");
        JsonNode state = ok(http().send("GET", "/client/v4" + account.base() + "/instances/terminate",
                account.headers(), null));
        assertThat(state.get("status").asString()).isIn("running", "complete");
        awaitStatus(account, "a", "terminated");
    }

    @Test
    void theTerminatePathsAreNotTakenForInstanceIds() {
        BoundAccount account = bound(SLEEPY);
        create(account, "terminate", "batch");
        assertThat(state(account).get("status").asString()).as("GET .../instances/terminate is the job's state")
                .isEqualTo("none");
        assertThat(ok(account.send("GET", "/instances/batch", null)).get("status").asString())
                .as("the instance 'batch'").isIn("queued", "running", "waiting");
        assertThat(ok(account.send("GET", "/instances?per_page=10", null)).valueStream()
                .map(i -> i.get("id").asString()).toList()).contains("terminate", "batch");
        RawHttp.Response wrongMethod = account.send("DELETE", "/instances/terminate", null);
        assertThat(assertFailure(wrongMethod, 405)).containsExactly(7001);
        assertThat(wrongMethod.header("Allow")).contains("GET").contains("PUT");

        assertAsked(ok(account.send("POST", "/instances/batch/terminate", "[\"terminate\"]")), 1, "ok");
        await("the instance 'terminate'", () -> ok(account.send("GET", "/instances?status=terminated", null)),
                page -> page.valueStream().anyMatch(i -> i.get("id").asString().equals("terminate")));
    }

    @Test
    void deletingTheWorkflowWhileItsInstancesAreBeingTerminatedLeavesNoJobUnfinished() throws Exception {
        BoundAccount account = bound(SLEEPY);
        create(account, "a", "b", "c");
        String bindingId = server().engine().bindings().find(Access.admin(account.id()), account.workflow())
                .orElseThrow().id();
        CompletableFuture<RawHttp.Response> deleted;
        try (AutoCloseable held = lock(account, "a")) {
            assertAsked(ok(account.send("PUT", "/instances/terminate", null)), 3, "ok");
            assertAsked(ok(account.send("POST", "/instances/batch/terminate", "[\"b\", \"c\"]")), 2, "ok");
            // The delete waits for the lock too; let go, the jobs and the delete go on in whichever order.
            deleted = CompletableFuture.supplyAsync(() -> account.send("DELETE", "", null));
            await("the job's page and the delete to wait for the lock", () -> deleted.isDone() || blocked() >= 2,
                    waiting -> waiting);
        }
        ok(deleted.get(30, TimeUnit.SECONDS));

        await("the workflow's jobs", () -> unfinishedJobs(bindingId), count -> count == 0);
        assertThat(assertFailure(account.send("GET", "/instances/terminate", null), 404)).containsExactly(10501);
    }

    /** How many sessions of the database wait for a lock another holds. */
    private int blocked() {
        String sql = database == TestDatabase.H2
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database()";
        try (Connection connection = server().dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement(sql);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** How many bulk jobs of the binding have not finished. */
    private int unfinishedJobs(String bindingId) {
        try (Connection connection = server().dataSource().getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM bulk_jobs"
                        + " WHERE binding_id = ? AND status IN ('QUEUED', 'RUNNING')")) {
            count.setString(1, bindingId);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
