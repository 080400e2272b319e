package io.dataflow.server.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.NodeChecks;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Cloudflare's official TypeScript SDK (npm {@code cloudflare}, pinned in
 * {@code src/test/node/cloudflare-sdk/package.json}), unchanged, against a real server: {@code checks.mjs} runs
 * each check with the server's root and with {@code /client/v4} as the base URL and prints one JSON line per check,
 * each asserted here.
 *
 * <p>Needs Node.js and the SDK installed ({@link NodeChecks}). H2 only: the SDK checks the API's shapes, which do
 * not depend on the database.
 *
 * <p>The checks: binding, listing (the SDK's async iteration over pages), getting and deleting workflows, their
 * versions and graph, and the SDK's error classes (a bad token, another account, an unknown workflow or script,
 * instance routes no handler answers yet); instances, and their batch terminate through the SDK's generic methods.
 * The workflow bound is made here, through {@code /workflows}.
 */
class CloudflareSdkTests {

    private static final NodeChecks SDK = new NodeChecks("cloudflare-sdk", "cloudflare");
    private static final List<String> CHECKS = List.of("workflows.update creates", "workflows.update versions",
            "workflows.update more", "workflows.list pages", "workflows.get", "workflows.versions.list",
            "workflows.versions.get", "workflows.versions.graph", "workflows.delete", "deleted workflow",
            "unknown script_name", "bad token", "another account", "unknown workflow", "unknown instance route");
    /** The instance checks ({@code instanceChecks} in checks.mjs), after the others in each round. */
    private static final List<String> INSTANCE_CHECKS = List.of("create instance", "duplicate instance",
            "batch create", "list instances", "get instance", "get step", "send event", "bad event type",
            "change status", "restart from a step", "status change that makes no sense", "unknown instance",
            "batch terminate", "terminate all");
    /** The workflow the instance checks run, bound in the account before they start. */
    private static final String APPROVAL = """
            {"title": "sdk approval %s",
             "inputs": [{"name": "text", "type": "text", "required": true}],
             "tasks": [
               {"name": "ask", "type": "TextOperation.Uppercase", "inputs": {"text": "{{ inputs.text }}"}},
               {"name": "answer", "type": "wait_for_event", "inputs": {"event_type": "approval", "timeout": "3 days"}},
               {"name": "note", "type": "TextOperation.Lowercase",
                "inputs": {"text": "{{ tasks.answer.outputs.payload.note }}"}}
             ],
             "outputs": [{"name": "note", "type": "text", "value": "{{ tasks.note.outputs.text }}"}]}""";

    @Test
    void cloudflaresSdkSeesTheEnvelopeAndItsErrorClasses() throws Exception {
        SDK.requireInstalled();
        TestServer server = TestServer.shared(TestDatabase.H2);
        Api mine = server.newOrganization("SDK " + UUID.randomUUID());
        Api theirs = server.newOrganization("SDK other " + UUID.randomUUID());
        String workflowId = mine.createWorkflow("""
                {"name": "sdk %s", "steps": [{"type": "StaticTextInput", "input": "abc"},
                 {"type": "TextOperation.Reverse"}]}""".formatted(UUID.randomUUID()));

        String workflowName = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
        server.engine().bindings().bind(Access.admin(organizationOf(server, mine)), workflowName,
                mine.createWorkflow(APPROVAL.formatted(UUID.randomUUID())), "Approval");

        List<JsonNode> lines = SDK.run(Map.of(
                "DATAFLOW_URL", server.api().baseUrl(),
                "DATAFLOW_TOKEN", mine.key(),
                "DATAFLOW_ACCOUNT_ID", organizationOf(server, mine),
                "DATAFLOW_OTHER_ACCOUNT_ID", organizationOf(server, theirs),
                "DATAFLOW_WORKFLOW_ID", workflowId,
                "DATAFLOW_WORKFLOW_NAME", workflowName), Duration.ofMinutes(2));

        List<String> expected = new ArrayList<>();
        for (String prefix : List.of("root", "client-v4")) {
            CHECKS.forEach(check -> expected.add(prefix + ": " + check));
            INSTANCE_CHECKS.forEach(check -> expected.add(prefix + ": " + check));
        }
        assertThat(lines.stream().map(line -> line.get("check").asString()).toList())
                .containsExactlyElementsOf(expected);
        for (JsonNode line : lines) {
            assertThat(line.get("ok").asBoolean()).as("%s", line).isTrue();
            if (line.get("detail").has("error")) {
                // An error's answer, which the SDK read as JSON: the envelope's Content-Type.
                assertThat(line.get("detail").get("contentType").asString()).as("%s", line)
                        .startsWith("application/json");
            }
        }
    }

    private static String organizationOf(TestServer server, Api api) {
        return server.engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
    }
}
