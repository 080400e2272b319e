package io.dataflow.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The table of scopes in docs/api.md is the rule every endpoint follows: it lists every operation of the OpenAPI
 * document (and the actuator's), and each endpoint answers a key without its scope with 403 naming the scope, and a
 * key holding only that scope with something else. An endpoint added without a row, or whose annotation disagrees
 * with its row, fails here.
 */
class ScopeTableTests {

    private static final Pattern ROW = Pattern.compile(
            "^\\| `(GET|POST|PUT|DELETE|PATCH) (/\\S*)` \\| (`[a-z:]+`[^|]*|any key[^|]*|none[^|]*) \\|",
            Pattern.MULTILINE);
    private static final List<String> WORKFLOW_SCOPES = List.of("workflows:read", "workflows:write",
            "workflows:execute");
    private static final Set<String> ACTUATOR = Set.of("GET /actuator/health", "GET /actuator/prometheus");

    private final TestServer server = TestServer.shared(TestDatabase.H2);

    @Test
    void theTableListsEveryOperationOfTheOpenApiDocumentAndTheActuator() throws IOException {
        Set<String> documented = new TreeSet<>(operations());
        documented.addAll(ACTUATOR);
        assertThat(new TreeSet<>(table().keySet())).isEqualTo(documented);
    }

    @Test
    void aKeyWithoutTheScopeGets403NamingItAndAKeyWithOnlyThatScopeGetsPast() throws IOException {
        Api admin = server.newOrganization("scope table");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> row : table().entrySet()) {
            String cell = row.getValue();
            if (!cell.startsWith("`")) {
                continue;
            }
            String scope = cell.substring(1, cell.indexOf('`', 1));
            List<String> others = scope.equals("admin") ? WORKFLOW_SCOPES
                    : WORKFLOW_SCOPES.stream().filter(s -> !s.equals(scope)).toList();
            Api.Response refused = call(server.keyOf(admin, others.toArray(String[]::new)), row.getKey());
            if (refused.status() != 403 || !detail(refused).contains("needs the scope " + scope)) {
                wrong.add(row.getKey() + " without " + scope + " answered " + refused.status() + " "
                        + shortened(refused.text()));
            }
            Api.Response passed = call(server.keyOf(admin, scope), row.getKey());
            if (passed.status() == 401 || passed.body() != null && detail(passed).contains("needs the scope")) {
                wrong.add(row.getKey() + " with " + scope + " answered " + passed.status() + " "
                        + shortened(passed.text()));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void anyKeyEndpointsTakeAKeyWithAnyScope() throws IOException {
        Api admin = server.newOrganization("scope table, any key");
        Api bare = server.keyOf(admin, "workflows:execute");
        for (Map.Entry<String, String> row : table().entrySet()) {
            if (row.getValue().startsWith("any key")) {
                Api.Response response = call(bare, row.getKey());
                assertThat(response.status()).as(row.getKey()).isNotIn(401, 403);
                assertThat(call(bare.withKey(null), row.getKey()).status()).as(row.getKey() + " without a key")
                        .isEqualTo(401);
            }
        }
    }

    private static String shortened(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /**
     * What an answer says went wrong: a problem's {@code detail}, or the first error's message of an
     * {@code /accounts} envelope.
     */
    private static String detail(Api.Response response) {
        JsonNode body = response.body();
        if (body == null) {
            return "";
        }
        return body.has("errors") ? body.path("errors").path(0).path("message").asString()
                : body.path("detail").asString();
    }

    /**
     * Calls the endpoint with made-up ids and an empty JSON object as the body; an {@code /accounts} path names the
     * key's own account, since another account's is refused before any scope is looked at.
     */
    private Api.Response call(Api api, String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String account = api.key() == null ? "missing_1"
                : server.engine().apiKeys().authenticate(api.key()).map(k -> k.organizationId()).orElse("missing_1");
        String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace("{account_id}", account)
                .replaceAll("\\{[^}]+}", "missing_1");
        HttpRequest.Builder request = api.request(path).header("Content-Type", "application/json");
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{}");
        return api.send(switch (method) {
            case "GET" -> request.GET();
            case "DELETE" -> request.DELETE();
            default -> request.method(method, body);
        });
    }

    private List<String> operations() {
        List<String> operations = new ArrayList<>();
        JsonNode paths = server.api().get("/v3/api-docs").body().path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : List.of("get", "put", "post", "delete", "patch")) {
                if (paths.get(path).has(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    /** docs/api.md's table: endpoint to its scope cell. */
    static Map<String, String> table() throws IOException {
        Path docs = Path.of("..", "docs", "api.md");
        Matcher rows = ROW.matcher(Files.readString(docs));
        Map<String, String> table = new LinkedHashMap<>();
        while (rows.find()) {
            assertThat(table.put(rows.group(1) + " " + rows.group(2), rows.group(3).trim()))
                    .as("a second row for " + rows.group(1) + " " + rows.group(2)).isNull();
        }
        return table;
    }
}
