package io.dataflow.server.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.NodeChecks;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cloudflare's wrangler CLI (npm {@code wrangler}, pinned in {@code src/test/node/wrangler/package.json}),
 * unchanged, against a real server: {@code checks.mjs} runs its {@code workflows} commands as a user runs them, with
 * {@code CLOUDFLARE_API_BASE_URL} set to the server's {@code /client/v4}, and checks what each prints. Needs Node.js
 * and wrangler installed ({@link NodeChecks}). H2 only, as the SDK's test.
 */
class WranglerTests {

    private static final NodeChecks WRANGLER = new NodeChecks("wrangler", "wrangler");
    private static final String APPROVAL = """
            {"title": "wrangler approval %s",
             "inputs": [{"name": "text", "type": "text", "required": true}],
             "tasks": [
               {"name": "ask", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ inputs.text }}"}},
               {"name": "answer", "type": "wait_for_event", "inputs": {"event_type": "approval", "timeout": "3 days"}},
               {"name": "note", "type": "TextOperation.Lowercase",
                "inputs": {"text": "{{ tasks.answer.outputs.payload.note }}"}}
             ],
             "outputs": [{"name": "note", "type": "text", "value": "{{ tasks.note.outputs.text }}"}]}""";
    /** The checks of checks.mjs, in the order it runs them. */
    private static final List<String> CHECKS = List.of("list", "list without an account id", "describe", "trigger",
            "instances list", "instances describe latest", "instances pause", "instances resume",
            "instances send-event", "instances restart", "instances terminate", "instances terminate-all",
            "unknown instance",
            "unknown workflow", "bad token", "delete");

    @Test
    void wranglersWorkflowsCommandsWorkAgainstTheServer() throws Exception {
        WRANGLER.requireInstalled();
        TestServer server = TestServer.shared(TestDatabase.H2);
        Api mine = server.newOrganization("wrangler " + UUID.randomUUID());
        String account = server.engine().apiKeys().authenticate(mine.key()).orElseThrow().organizationId();
        String workflowName = "wrangler-" + UUID.randomUUID().toString().substring(0, 8);
        server.engine().bindings().bind(Access.admin(account), workflowName,
                mine.createWorkflow(APPROVAL.formatted(UUID.randomUUID())), "Approval");

        List<JsonNode> lines = WRANGLER.run(Map.of(
                "DATAFLOW_URL", server.api().baseUrl(),
                "DATAFLOW_TOKEN", mine.key(),
                "DATAFLOW_ACCOUNT_ID", account,
                "DATAFLOW_WORKFLOW_NAME", workflowName), Duration.ofMinutes(5));

        assertThat(lines.stream().map(line -> line.get("check").asString()).toList())
                .containsExactlyElementsOf(CHECKS);
        for (JsonNode line : lines) {
            assertThat(line.get("ok").asBoolean()).as("%s", line).isTrue();
        }
    }
}
