package io.dataflow.server.api.accounts;

import static io.dataflow.server.support.Envelopes.assertFailure;
import static io.dataflow.server.support.Envelopes.firstMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code /accounts} API's foundation over raw HTTP: every error under {@code /accounts} and
 * {@code /client/v4}, whoever writes it (the API key filter, the body size and query string filters, the account
 * check, Spring MVC finding no route, Tomcat refusing a path), is Cloudflare's envelope as
 * {@code application/json} with the documented code; the other dialects keep their RFC 9457 problems.
 *
 * <p>Unknown routes are checked through a path no endpoint of the dialect answers ({@code /workers/...});
 * {@link AccountsWorkflowsApiTests} has the endpoints' own errors.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class AccountsEnvelopeTests {

    @Parameter
    TestDatabase database;

    private TestServer server() {
        return TestServer.shared(database);
    }

    private RawHttp http() {
        return new RawHttp(server().api().baseUrl());
    }

    /** A new organization's admin key and its account id. */
    private record Account(String key, String id) {
    }

    private Account newAccount() {
        Api api = server().newOrganization("Accounts " + UUID.randomUUID());
        String id = server().engine().apiKeys().authenticate(api.key()).orElseThrow().organizationId();
        return new Account(api.key(), id);
    }

    private static Map<String, String> bearer(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    @Test
    void noKeyIs401WithCode10000() {
        for (String path : List.of("/accounts/x/workflows", "/client/v4/accounts/x/workflows", "/accounts")) {
            RawHttp.Response response = http().send("GET", path, Map.of(), null);
            assertThat(assertFailure(response, 401)).as(path).containsExactly(10000);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void anUnknownKeyIs401WithCode10000() {
        RawHttp.Response response = http().send("GET", "/accounts/x/workflows", bearer("not-a-key"), null);
        assertThat(assertFailure(response, 401)).containsExactly(10000);
        assertThat(firstMessage(response)).contains("not valid");
    }

    @Test
    void anotherAccountIs403WithCode9109BeforeAnyRouteIsLookedFor() {
        Account mine = newAccount();
        Account theirs = newAccount();
        for (String path : List.of("/accounts/" + theirs.id() + "/workflows",
                "/accounts/" + theirs.id() + "/no/such/route",
                "/client/v4/accounts/" + theirs.id() + "/workflows/nope",
                "/accounts/does-not-exist/workflows")) {
            RawHttp.Response response = http().send("GET", path, bearer(mine.key()), null);
            assertThat(assertFailure(response, 403)).as(path).containsExactly(9109);
            assertThat(firstMessage(response)).as(path).contains("may not access account");
        }
    }

    @Test
    void anUnknownRouteIs404WithCloudflaresTwoCodes() {
        Account mine = newAccount();
        for (String path : List.of("/accounts/" + mine.id() + "/workers/scripts/nope",
                "/client/v4/accounts/" + mine.id() + "/workers/scripts/nope",
                "/accounts/" + mine.id(), "/accounts", "/client/v4/user/tokens", "/client/v4/zones")) {
            RawHttp.Response response = http().send("GET", path, bearer(mine.key()), null);
            assertThat(assertFailure(response, 404)).as(path).containsExactly(7003, 7000);
        }
    }

    @Test
    void theClientV4PrefixReachesTheSameRoutesAsTheBarePath() {
        Account mine = newAccount();
        String route = "/accounts/" + mine.id() + "/workers/scripts/nope";
        RawHttp.Response bare = http().send("DELETE", route, bearer(mine.key()), null);
        RawHttp.Response prefixed = http().send("DELETE", "/client/v4" + route, bearer(mine.key()), null);
        assertThat(prefixed.status()).isEqualTo(bare.status());
        assertThat(assertFailure(prefixed, 404)).isEqualTo(assertFailure(bare, 404));
        // The 404 names the route as it was looked for, without the prefix: the forward took it off.
        assertThat(firstMessage(prefixed)).isEqualTo(firstMessage(bare)).contains(route);
    }

    @Test
    void aMethodTheRouteDoesNotTakeIs405WithItsAllowHeader() {
        Account mine = newAccount();
        RawHttp.Response response = http().send("POST", "/accounts/" + mine.id() + "/workflows",
                bearer(mine.key()), new byte[0]);
        assertThat(assertFailure(response, 405)).containsExactly(7001);
        assertThat(response.header("Allow")).isEqualTo("GET");
    }

    @Test
    void aBodyNotSentAsJsonIs415WithCode10006() {
        Account mine = newAccount();
        Map<String, String> headers = new LinkedHashMap<>(bearer(mine.key()));
        headers.put("Content-Type", "text/plain");
        RawHttp.Response response = http().send("PUT", "/accounts/" + mine.id() + "/workflows/flow", headers,
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(assertFailure(response, 415)).containsExactly(10006);
    }

    @Test
    void anOversizedBodyIs413WithCode10005() {
        Account mine = newAccount();
        byte[] body = new byte[(1 << 20) + 1];
        for (String path : List.of("/accounts/" + mine.id() + "/workflows/big/instances",
                "/client/v4/accounts/" + mine.id() + "/workflows/big/instances")) {
            Map<String, String> headers = new LinkedHashMap<>(bearer(mine.key()));
            headers.put("Content-Type", "application/json");
            RawHttp.Response response = http().send("POST", path, headers, body);
            assertThat(assertFailure(response, 413)).as(path).containsExactly(10005);
            assertThat(firstMessage(response)).contains("1 MiB");
        }
    }

    @Test
    void anUnreadableQueryIs400WithCode10003() {
        Account mine = newAccount();
        RawHttp.Response response = http().send("GET", "/accounts/" + mine.id() + "/workflows?page=%FF",
                bearer(mine.key()), null);
        assertThat(assertFailure(response, 400)).containsExactly(10003);
        assertThat(firstMessage(response)).contains("'page'");
    }

    @Test
    void aPathTomcatRefusesIsAnEnvelopeToo() {
        Account mine = newAccount();
        // An encoded slash: Tomcat refuses it before any filter or servlet runs.
        RawHttp.Response response = http().send("GET", "/accounts/" + mine.id() + "/workflows/a%2Fb",
                bearer(mine.key()), null);
        assertThat(assertFailure(response, 400)).containsExactly(10004);
    }

    @Test
    void theHeadersCloudflaresSdkSendsAreIgnored() {
        Account mine = newAccount();
        Map<String, String> headers = new LinkedHashMap<>(bearer(mine.key()));
        headers.put("api-version", "2024-01-01");
        headers.put("X-Stainless-Lang", "js");
        headers.put("X-Stainless-Package-Version", "7.3.0");
        headers.put("X-Stainless-Retry-Count", "0");
        headers.put("X-Stainless-Timeout", "60");
        headers.put("User-Agent", "Cloudflare/JS 7.3.0");
        RawHttp.Response response = http().send("GET", "/client/v4/accounts/" + mine.id() + "/workflows/nope",
                headers, null);
        assertThat(assertFailure(response, 404)).containsExactly(10501);
    }

    @Test
    void theOtherDialectsKeepTheirProblems() {
        RawHttp.Response unauthorized = http().send("GET", "/workflows", Map.of(), null);
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Content-Type")).startsWith("application/problem+json");
        RawHttp.Response nothing = http().send("GET", "/no/such/page", Map.of("X-API-Key", TestServer.ADMIN_KEY),
                null);
        assertThat(nothing.status()).isEqualTo(404);
        assertThat(nothing.header("Content-Type")).startsWith("application/problem+json");
        // A path that only starts like the dialect's is not the dialect's.
        RawHttp.Response lookalike = http().send("GET", "/accountsx", Map.of("X-API-Key", TestServer.ADMIN_KEY),
                null);
        assertThat(lookalike.status()).isEqualTo(404);
        assertThat(lookalike.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theTokenIsVerifiedAndItsOneAccountListedAsCloudflaresToolsAsk() {
        Account mine = newAccount();
        String keyId = server().engine().apiKeys().authenticate(mine.key()).orElseThrow().id();

        RawHttp.Response verified = http().send("GET", "/client/v4/user/tokens/verify", bearer(mine.key()), null);
        RawHttp.Response memberships = http().send("GET", "/client/v4/memberships", bearer(mine.key()), null);

        assertThat(verified.status()).as(verified.text()).isEqualTo(200);
        assertThat(verified.json().get("result").get("id").asString()).isEqualTo(keyId);
        assertThat(verified.json().get("result").get("status").asString()).isEqualTo("active");
        assertThat(memberships.status()).as(memberships.text()).isEqualTo(200);
        JsonNode membership = memberships.json().get("result").get(0);
        assertThat(membership.get("account").get("id").asString()).isEqualTo(mine.id());
        assertThat(membership.get("account").get("name").asString()).startsWith("Accounts ");
        assertThat(memberships.json().get("result_info").get("total_count").asInt()).isEqualTo(1);
        assertThat(http().send("GET", "/client/v4/memberships?page=2", bearer(mine.key()), null).json()
                .get("result")).isEmpty();
        assertThat(assertFailure(http().send("GET", "/client/v4/user/tokens/verify", bearer("dfp_nope"), null), 401))
                .containsExactly(10000);
    }
}
