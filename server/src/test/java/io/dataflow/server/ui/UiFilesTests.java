package io.dataflow.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web UI's files are served at {@code /} without a key, with their security and caching headers, and nothing
 * else is: other paths, other methods and paths that only look like the UI's still need a key. {@code GET
 * /api/v1/me} tells a key who it is.
 */
class UiFilesTests {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"");

    private final TestServer server = TestServer.shared(TestDatabase.H2);
    private final Api anonymous = server.api().withKey(null);

    @Test
    void thePageIsServedWithoutAKeyWithItsPolicyAndIsCheckedAgainOnEveryLoad() {
        for (String path : new String[] {"/", "/index.html"}) {
            Api.Response page = anonymous.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.text()).contains("<div id=\"root\"></div>");
            assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("script-src 'self'").contains("frame-ancestors 'none'");
            assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        }
    }

    @Test
    void builtAssetsAreServedWithoutAKeyAndCachedForAYear() {
        Matcher script = SCRIPT.matcher(anonymous.get("/").text());
        assertThat(script.find()).as("the page names its script").isTrue();
        Api.Response asset = anonymous.get(script.group(1));
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.header("Content-Type")).contains("javascript");
        assertThat(asset.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(anonymous.get("/favicon.svg").status()).isEqualTo(200);
        assertThat(anonymous.send(anonymous.request(script.group(1))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);
    }

    @Test
    void everythingElseStillNeedsAKey() {
        assertThat(anonymous.get("/assets/missing.js").status()).as("a missing asset").isEqualTo(404);
        assertThat(anonymous.get("/assets/nested/file.js").status()).as("not an asset path").isEqualTo(401);
        assertThat(anonymous.get("/other.html").status()).isEqualTo(401);
        assertThat(anonymous.get("/workflows").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/v1/workflows").status()).isEqualTo(401);
        assertThat(anonymous.post("/", "{}").status()).as("POST /").isEqualTo(401);
        assertThat(anonymous.get("/api/v1/me").status()).isEqualTo(401);
        RawHttp raw = new RawHttp(server.api().baseUrl());
        for (String sneaky : new String[] {"/assets/../api/v1/me", "/assets/%2e%2e/api/v1/me", "/assets/..%2fapi",
                "/index.html/../api/v1/me", "/;x=y/api/v1/me", "/assets/a.js;/../../api/v1/me"}) {
            RawHttp.Response answer = raw.send("GET", sneaky, Map.of(), null);
            assertThat(answer.status()).as(sneaky).isIn(400, 401, 404);
            assertThat(answer.text()).as(sneaky).doesNotContain("keyId");
        }
        Api.Response api = server.api().get("/api/v1/workflows");
        assertThat(api.header("Content-Security-Policy")).as("API answers are not the UI's").isNull();
    }

    @Test
    void aKeyLearnsWhoItIsWhateverItsScopes() {
        Api admin = server.newOrganization("who am I");
        Api reader = server.keyOf(admin, "workflows:read", "workflows:execute");
        Api.Response me = reader.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("scopes").toString()).isEqualTo("[\"workflows:execute\",\"workflows:read\"]");
        assertThat(me.body().get("organizationName").asString()).isEqualTo("who am I");
        assertThat(me.body().get("instanceAdmin").asBoolean()).isFalse();
        assertThat(me.body().get("keyId").asString()).startsWith("key-");
        assertThat(me.text()).doesNotContain(reader.key());

        Api.Response bootstrap = server.api().get("/api/v1/me");
        assertThat(bootstrap.body().get("scopes").toString()).isEqualTo("[\"admin\"]");
        assertThat(bootstrap.body().get("instanceAdmin").asBoolean()).isTrue();
        assertThat(bootstrap.body().get("organizationId").asString())
                .isNotEqualTo(me.body().get("organizationId").asString());
    }
}
