package io.dataflow.server.api.accounts;

import static io.dataflow.server.api.accounts.BoundAccount.ok;
import static io.dataflow.server.support.Envelopes.assertFailure;
import static io.dataflow.server.support.Envelopes.firstMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.StoredRows;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import io.dataflow.server.support.TestWorkflows;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A name bound to a workflow version with no step (an empty {@code /api/v1} draft, or a graph of only a trigger) is
 * bound like any other, but its instances would never end: creating one, alone or in a batch, is {@code 400} with
 * code 10004 saying so, and creates nothing; an instance left on such a version is terminated but not restarted.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsEmptyWorkflowTests {

    private static final String QUICK = """
            {"title": "quick %s",
             "tasks": [{"name": "shout", "type": "TextOperation.Uppercase", "inputs": {"text": "hi"}}]}""";

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private StoredRows stored() {
        return new StoredRows(server());
    }

    /** A new organization with {@code workflowId} of it bound, through the API, under a new name. */
    private BoundAccount bind(Api api, String workflowId) {
        String account = server().engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
        String name = "empty-" + UUID.randomUUID().toString().substring(0, 8);
        BoundAccount bound = new BoundAccount(server(), api, account, name, "/accounts/" + account + "/workflows/"
                + name);
        ok(new RawHttp(api.baseUrl()).send("PUT", bound.base(), bound.headers(), ("{\"class_name\": \"Empty\","
                + " \"script_name\": \"" + workflowId + "\"}").getBytes(StandardCharsets.UTF_8)));
        return bound;
    }

    private static void refused(RawHttp.Response response, String... says) {
        assertThat(assertFailure(response, 400)).containsExactly(10004);
        assertThat(firstMessage(response)).contains(says);
    }

    @Test
    void instancesOfAWorkflowWithoutStepsAreRefusedAloneAndInABatch() {
        for (String nodes : TestWorkflows.NO_TASK_NODES) {
            Api api = server().newOrganization("empty instances " + UUID.randomUUID());
            String workflowId = TestWorkflows.graph(api, nodes);
            BoundAccount account = bind(api, workflowId);
            String says = "the workflow bound as '" + account.workflow() + "' has no steps to run";

            refused(account.send("POST", "/instances", null), says, workflowId, "bind the name to it again");
            refused(account.send("POST", "/instances", "{\"instance_id\": \"one\", \"params\": {}}"), says);
            refused(account.send("POST", "/instances/batch", "[{\"instance_id\": \"a\"}, {\"params\": {}}]"), says);

            assertThat(ok(account.send("GET", "/instances", null))).as(nodes).isEmpty();
            assertThat(stored().executions(workflowId)).as(nodes).isZero();
        }
    }

    @Test
    void anInstanceLeftOnAVersionWithoutStepsIsTerminatedButNotRestarted() {
        Api api = server().newOrganization("empty restarts " + UUID.randomUUID());
        String workflowId = api.createWorkflow(QUICK.formatted(UUID.randomUUID()));
        BoundAccount account = bind(api, workflowId);
        String instance = ok(account.send("POST", "/instances", null)).get("id").asString();
        api.awaitFinished(workflowId, instance);
        Api.Response emptied = api.put("/api/v1/workflows/" + workflowId, "{\"nodes\": [], \"connections\": []}");
        assertThat(emptied.body().get("version").asInt()).as(emptied.text()).isEqualTo(2);
        stored().strand(instance, 2);
        String status = "/instances/" + instance + "/status";

        assertThat(ok(account.send("PATCH", status, "{\"status\": \"terminate\"}")).get("status").asString())
                .isEqualTo("terminated");
        refused(account.send("PATCH", status, "{\"status\": \"restart\"}"), "has no steps to run", workflowId);
        refused(account.send("PATCH", status, "{\"status\": \"restart\", \"from\": {\"name\": \"shout\"}}"),
                "has no steps to run");

        assertThat(ok(account.send("GET", "/instances/" + instance, null)).get("status").asString())
                .isEqualTo("terminated");
        assertThat(stored().executions(workflowId)).isEqualTo(1);
        // The name still binds version 1, which has a step: new instances run.
        assertThat(ok(account.send("POST", "/instances", null)).get("status").asString()).isEqualTo("queued");
    }
}
