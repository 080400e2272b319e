package io.dataflow.server.api.v1;

import static io.dataflow.server.support.Problems.assertProblem;
import static io.dataflow.server.support.Problems.parameters;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/workflows/templates}: the built-in templates, then the workflows of the caller's organization
 * marked {@code isTemplate} that the caller may read, a page at a time.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class TemplatesV1ApiTests {

    static final List<String> BUILT_IN_IDS = List.of("tpl_json_api_transform", "tpl_page_links", "tpl_sql_report",
            "tpl_text_cleanup", "tpl_text_to_speech", "tpl_webpage_summary");

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private Api organization() {
        return server().newOrganization("templates " + UUID.randomUUID());
    }

    /** Creates a greeting workflow, a template or not, and returns its id. */
    private static String greeting(Api api, String name, boolean template) {
        ObjectNode body = (ObjectNode) Json.parse(WorkflowsV1ApiTests.GREETING_GRAPH.formatted(name));
        body.put("isTemplate", template);
        Api.Response created = api.post("/api/v1/workflows", body.toString());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().get("workflowId").asString();
    }

    private static JsonNode templates(Api api, String query) {
        Api.Response listed = api.get("/api/v1/workflows/templates" + query);
        assertThat(listed.status()).as(listed.text()).isEqualTo(200);
        return listed.body();
    }

    private static List<String> ids(JsonNode listing) {
        return listing.get("templates").valueStream().map(t -> t.get("id").asString()).toList();
    }

    @Test
    void listsTheBuiltInsWithTheirWholeGraphs() {
        Api api = organization();

        JsonNode listing = templates(api, "");

        assertThat(listing.propertyNames()).containsExactlyInAnyOrder("count", "limit", "offset", "templates");
        assertThat(listing.get("count").asInt()).isEqualTo(BUILT_IN_IDS.size());
        assertThat(listing.get("limit").asInt()).isEqualTo(20);
        assertThat(listing.get("offset").asInt()).isZero();
        assertThat(ids(listing)).containsExactlyElementsOf(BUILT_IN_IDS);
        JsonNode summary = listing.get("templates").get(5);
        assertThat(summary.propertyNames()).containsExactlyInAnyOrder("id", "name", "description", "category",
                "tags", "builtIn", "nodes", "connections", "config", "settings", "workflow", "createdAt");
        assertThat(summary.get("name").asString()).isEqualTo("Webpage summary");
        assertThat(summary.get("category").asString()).isEqualTo("ai");
        assertThat(summary.get("builtIn").asBoolean()).isTrue();
        assertThat(summary.get("createdAt").isNull()).isTrue();
        assertThat(summary.get("nodes").valueStream().map(n -> n.get("nodeId").asString()))
                .containsExactly("trigger.manual", "http.request", "html.extract_text", "ai.summarize");
        assertThat(summary.get("connections")).hasSize(4);
        assertThat(summary.get("settings").get("timeout").asInt()).isEqualTo(120);
        JsonNode workflow = summary.get("workflow");
        assertThat(workflow.propertyNames()).containsExactlyInAnyOrder("name", "description", "tags", "nodes",
                "connections", "settings");
        assertThat(workflow.get("nodes")).isEqualTo(summary.get("nodes"));
    }

    @Test
    void theLiteralPathIsNotTakenForAWorkflowId() {
        Api api = organization();
        assertThat(templates(api, "").has("templates")).isTrue();
        // A workflow id of any other word is still looked up as one.
        assertProblem(api.get("/api/v1/workflows/template"), 404);
    }

    @Test
    void theOpenApiDocumentDescribesTheListing() {
        JsonNode operation = server().api().get("/v3/api-docs").body().get("paths").get("/api/v1/workflows/templates")
                .get("get");
        assertThat(operation.get("operationId").asString()).isEqualTo("v1ListTemplates");
        assertThat(operation.get("parameters").valueStream().map(p -> p.get("name").asString()))
                .containsExactly("limit", "offset");
    }

    @Test
    void addsTheOrganizationsTemplatesTheCallerMayRead() {
        Api admin = organization();
        Api owner = server().keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        Api colleague = server().keyOf(admin, "workflows:read");
        String shared = greeting(owner, "B shared template", true);
        String unshared = greeting(owner, "C private template", true);
        String adminTemplate = greeting(admin, "A admin template", true);
        greeting(owner, "Not a template", false);
        greeting(organization(), "Another organization's template", true);
        String colleagueId = server().engine().apiKeys().authenticate(colleague.key()).orElseThrow().userId();
        assertThat(owner.post("/api/v1/workflows/" + shared + "/share", "{\"userId\": \"" + colleagueId + "\"}")
                .status()).isEqualTo(200);

        JsonNode ofAdmin = templates(admin, "");
        assertThat(ofAdmin.get("count").asInt()).isEqualTo(BUILT_IN_IDS.size() + 3);
        assertThat(ids(ofAdmin).subList(BUILT_IN_IDS.size(), BUILT_IN_IDS.size() + 3))
                .as("by name, after the built-ins").containsExactly(adminTemplate, shared, unshared);

        JsonNode ofColleague = templates(colleague, "");
        assertThat(ofColleague.get("count").asInt()).isEqualTo(BUILT_IN_IDS.size() + 1);
        assertThat(ids(ofColleague)).endsWith(shared).doesNotContain(unshared, adminTemplate);

        JsonNode ofOwner = templates(owner, "");
        assertThat(ids(ofOwner)).endsWith(shared, unshared).doesNotContain(adminTemplate);
        JsonNode template = ofOwner.get("templates").get(BUILT_IN_IDS.size());
        assertThat(template.get("name").asString()).isEqualTo("B shared template");
        assertThat(template.get("builtIn").asBoolean()).isFalse();
        assertThat(template.get("category").isNull()).isTrue();
        assertThat(template.get("createdAt").asString()).isNotBlank();
        assertThat(template.get("tags").valueStream().map(JsonNode::asString)).containsExactly("demo", "text");
        assertThat(template.get("config").get("owner").asString()).isEqualTo("team-a");
        assertThat(template.get("nodes").valueStream().map(n -> n.get("id").asString()))
                .containsExactly("trigger", "shout", "echo");
        assertThat(template.get("workflow").get("config").get("owner").asString()).isEqualTo("team-a");

        // No longer a template: no longer listed.
        assertThat(owner.put("/api/v1/workflows/" + shared, "{\"isTemplate\": false}").status()).isEqualTo(200);
        assertThat(ids(templates(colleague, ""))).containsExactlyElementsOf(BUILT_IN_IDS);
    }

    @Test
    void anOrganizationsTemplateCreatesAWorkflowFromItsWorkflowBody() {
        Api api = organization();
        greeting(api, "Shout", true);
        ObjectNode body = (ObjectNode) templates(api, "").get("templates").get(BUILT_IN_IDS.size()).get("workflow");
        body.put("name", "Shout again");

        Api.Response created = api.post("/api/v1/workflows", body.toString());

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode copy = api.get("/api/v1/workflows/" + created.body().get("workflowId").asString()).body();
        assertThat(copy.get("isTemplate").asBoolean()).isFalse();
        assertThat(copy.get("nodes")).hasSize(3);
    }

    @Test
    void pagesRunOverTheBuiltInsIntoTheOrganizationsTemplates() {
        Api api = organization();
        String first = greeting(api, "T1", true);
        String second = greeting(api, "T2", true);
        int builtIns = BUILT_IN_IDS.size();

        JsonNode head = templates(api, "?limit=2");
        assertThat(ids(head)).containsExactlyElementsOf(BUILT_IN_IDS.subList(0, 2));
        assertThat(head.get("count").asInt()).isEqualTo(builtIns + 2);
        assertThat(head.get("limit").asInt()).isEqualTo(2);

        JsonNode across = templates(api, "?limit=2&offset=" + (builtIns - 1));
        assertThat(ids(across)).containsExactly(BUILT_IN_IDS.getLast(), first);
        assertThat(across.get("offset").asInt()).isEqualTo(builtIns - 1);

        assertThat(ids(templates(api, "?limit=5&offset=" + (builtIns + 1)))).containsExactly(second);
        JsonNode past = templates(api, "?offset=" + (builtIns + 2));
        assertThat(past.get("templates")).isEmpty();
        assertThat(past.get("count").asInt()).isEqualTo(builtIns + 2);
    }

    @Test
    void aBadPageParameterIsA400NamingIt() {
        Api api = organization();
        for (String bad : List.of("limit=0", "limit=101", "limit=abc", "offset=-1", "offset=x", "offset=1000001")) {
            Api.Response refused = api.get("/api/v1/workflows/templates?" + bad);
            assertProblem(refused, 400);
            assertThat(parameters(refused)).as(bad).containsExactly(bad.substring(0, bad.indexOf('=')));
        }
    }
}
