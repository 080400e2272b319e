package io.dataflow.server.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Access;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A new organization with a workflow bound under a new name, as the seed 003 contract tests use one: its admin API,
 * account id, the name, and the base path of the name's routes, which {@link #send} requests go under. Bindings are
 * made through the engine, over workflows created with {@code /workflows}.
 */
record BoundAccount(TestServer server, Api api, String id, String workflow, String base) {

    /**
     * @param organization the start of the organization's name (a random suffix is added)
     * @param definition a {@code /workflows} definition with one {@code %s} for a unique title
     */
    static BoundAccount create(TestServer server, String organization, String definition) {
        Api api = server.newOrganization(organization + " " + UUID.randomUUID());
        String id = server.engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
        String name = "wf-" + UUID.randomUUID().toString().substring(0, 8);
        BoundAccount account = new BoundAccount(server, api, id, name, "/accounts/" + id + "/workflows/" + name);
        account.rebind(definition);
        return account;
    }

    /** Binds the name to a new workflow of this definition (a new version of the binding). */
    void rebind(String definition) {
        String workflowId = api.createWorkflow(definition.formatted(UUID.randomUUID()));
        server.engine().bindings().bind(Access.admin(id), workflow, workflowId, "MyWorkflow");
    }

    /** The admin key as a bearer token, and a JSON content type. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + api.key());
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** A request to {@code path} under the name's base path. */
    RawHttp.Response send(String method, String path, String body) {
        return new RawHttp(server.api().baseUrl()).send(method, base + path, headers(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The result of a successful answer. */
    static JsonNode ok(RawHttp.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("errors")).isEmpty();
        return body.get("result");
    }
}
