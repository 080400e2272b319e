package io.dataflow.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.api.accounts.AccountsPaths;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.RawHttp;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A seeded, bounded fuzz of every endpoint the server's OpenAPI document lists, bodies, paths and queries, from
 * valid callers and others: no request may get a 5xx, every 4xx must be a problem document of its status, a
 * request without a valid key must not get data, what an accepted request created must be readable, and a
 * rejected (4xx) request must not change the row count of any table of the database.
 *
 * <p>The server is private, so nothing else writes to its database. Executions that accepted requests start are
 * waited for and deleted (with their webhook deliveries) before the next request, and every count is taken while
 * no execution runs and no webhook is pending; so a count that changed across a rejected request was changed by it.
 *
 * <p>Each run draws a new seed and prints it with a one-line summary (requests sent, by status). It sends 3,000
 * requests, or fewer when 30 seconds have passed first (a busy machine). To replay a failure, run with
 * {@code -Ddataflow.fuzz.seed=<seed>}, and {@code -Ddataflow.fuzz.requests=<n>} to stop after the failing request;
 * {@code -Ddataflow.fuzz.seconds} changes the time allowed, {@code -Ddataflow.fuzz.database=POSTGRESQL} runs it on
 * PostgreSQL instead of H2.
 */
class ApiFuzzTests {

    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final Pattern EXECUTION = Pattern.compile("/workflows/([^/]+)/executions/([^/?]+)");
    /** A seed 002 request that can set an execution going: execute, or an execution's resume, restart or rerun. */
    private static final Pattern V1_STARTS = Pattern.compile(
            "/api/v1/(?:workflows/[^/?]+/execute|executions/([^/?]+)/(?:resume|restart|rerun))(?:\\?.*)?");
    /** A seed 003 request that can set an instance going: create, batch, or one instance's events and status. */
    private static final Pattern INSTANCES = Pattern.compile(
            "(/accounts/[^/?]+/workflows/[^/?]+/instances)(?:/batch|/([^/?]+)/(?:events/[^/?]+|status))?(?:\\?.*)?");
    private static final int MAX_FAILURES = 10;
    private static final int SHOWN = 1500;

    @Test
    void noRequestGetsA5xxAndNoRejectedRequestStoresARow() {
        long seed = Long.getLong("dataflow.fuzz.seed", new SecureRandom().nextLong());
        int requests = Integer.getInteger("dataflow.fuzz.requests", 3000);
        Duration budget = Duration.ofSeconds(Long.getLong("dataflow.fuzz.seconds", 30));
        TestDatabase database = TestDatabase.valueOf(System.getProperty("dataflow.fuzz.database", "H2"));
        try (Receiver receiver = new Receiver(); TestServer server = TestServer.start(database, Map.of())) {
            List<OpenApiOperations.Operation> operations = OpenApiOperations.read(server.api().get("/v3/api-docs")
                    .body());
            assertThat(operations).as("operations listed by GET /v3/api-docs").isNotEmpty();
            Fixtures fixtures = new Fixtures(server, receiver, operations);
            DatabaseRows rows = new DatabaseRows(server);
            RawHttp http = new RawHttp(server.api().baseUrl());
            RequestFactory factory = new RequestFactory(new Random(seed), fixtures, operations);
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            int sent = 0;
            boolean mayBeBusy = true; // the fixtures' webhooks may still be on their way
            Instant start = Instant.now();
            Instant stop = start.plus(budget);
            while (sent < requests && failures.size() < MAX_FAILURES && Instant.now().isBefore(stop)) {
                FuzzRequest request = factory.next();
                sent++;
                String replay = "request #" + sent + " (replay with -Ddataflow.fuzz.seed=" + seed
                        + " -Ddataflow.fuzz.requests=" + sent + "): ";
                RawHttp.Response response;
                try {
                    if (mayBeBusy) {
                        rows.awaitQuiet(QUIET);
                    }
                    Map<String, Long> before = rows.counts();
                    response = http.send(request.method(), request.target(), request.headers(), request.body());
                    statuses.merge(response.status(), 1, Integer::sum);
                    String wrong = wrong(request, response);
                    if (wrong == null && response.status() >= 400 && response.status() < 500) {
                        Map<String, Long> after = rows.counts();
                        if (!after.equals(before)) {
                            wrong = "a rejected request changed rows: " + DatabaseRows.difference(before, after);
                        }
                    }
                    if (wrong != null) {
                        failures.add(replay + wrong + "\n" + request.describe() + "\n  answered "
                                + response.status() + ": " + shorten(response.text()));
                    }
                    if (response.status() == 202) {
                        finish(request, response, fixtures);
                    }
                    if (response.status() < 300) {
                        terminateInstances(request, response, fixtures);
                    }
                    String unreadable = readBack(http, request, response, fixtures);
                    if (unreadable != null) {
                        failures.add(replay + unreadable + "\n" + request.describe());
                    }
                } catch (AssertionError | RuntimeException e) {
                    // No answer, or the work an answer started did not end: nothing after it can be trusted.
                    failures.add(replay + e + "\n" + request.describe());
                    break;
                }
                harvest(response, fixtures);
                // Only an accepted request can have started work that goes on writing.
                mayBeBusy = response.status() < 400;
            }
            System.out.println("api fuzz: seed " + seed + ", " + sent + " requests in "
                    + Duration.between(start, Instant.now()).toSeconds() + " s to " + operations.size()
                    + " operations on " + database + ", " + rows.tables().size() + " tables counted; by status "
                    + statuses);
            assertThat(failures).as("fuzz failures with seed %d:%n%s", seed, String.join("\n\n", failures))
                    .isEmpty();
        }
    }

    /**
     * The request's path, without its query, percent-decoded as the server matches it; null for a target the servlet
     * container refuses before any API sees it, whose dialect it cannot tell: raw non-ASCII characters anywhere in
     * it, a broken escape, escapes that are not UTF-8, an encoded slash, backslash or semicolon, path parameters, or
     * over 4,000 characters.
     */
    private static String pathOf(FuzzRequest request) {
        String target = request.target();
        if (target.length() > 4_000 || !target.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return null;
        }
        int query = target.indexOf('?');
        String raw = query < 0 ? target : target.substring(0, query);
        String lower = raw.toLowerCase(java.util.Locale.ROOT);
        if (raw.contains(";") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%3b")
                || (query >= 0 && !decodes(target.substring(query + 1)))) {
            return null;
        }
        return decodes(raw) ? java.net.URLDecoder.decode(raw.replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8) : null;
    }

    /** Whether every escape of the text is well formed and they spell UTF-8. */
    private static boolean decodes(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return false;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** Whether the answer is Cloudflare's envelope with an error in it. */
    private static boolean isEnvelope(RawHttp.Response response) {
        String type = response.header("Content-Type");
        JsonNode body = response.json();
        return type != null && type.startsWith("application/json") && body != null
                && body.path("success").isBoolean() && !body.path("success").asBoolean()
                && body.path("errors").path(0).path("code").isNumber()
                && !body.path("errors").path(0).path("message").asString().isBlank();
    }

    /** What is wrong with the answer, or null. */
    private static String wrong(FuzzRequest request, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "a server error";
        }
        if ((request.caller().equals("none") || request.caller().equals("invalid")) && status < 400) {
            return "an answer without a valid API key";
        }
        String path = pathOf(request);
        if (status >= 400 && !request.method().equals("HEAD") && AccountsPaths.matches(path)) {
            // Seed 003's dialect answers in Cloudflare's envelope, not in problem documents.
            return isEnvelope(response) ? null : "a " + status + " that is not Cloudflare's envelope with an error"
                    + " (Content-Type " + response.header("Content-Type") + ")";
        }
        if (status >= 400 && path == null && (request.target().startsWith(AccountsPaths.ACCOUNTS)
                || request.target().startsWith(AccountsPaths.CLIENT_V4)) && isEnvelope(response)) {
            return null; // a target the container refused: the envelope, when it could tell the path, else a problem
        }
        if (status >= 400 && !request.method().equals("HEAD")) {
            String type = response.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                return "a " + status + " that is not a problem document (Content-Type " + type + ")";
            }
            JsonNode body = response.json();
            if (body == null || body.path("status").asInt() != status || body.path("detail").asString().isBlank()) {
                return "a problem document without its status and detail";
            }
        }
        return null;
    }

    /**
     * Waits for an execution an accepted request started, then deletes it with the webhook deliveries it made, so
     * that nothing writes while later requests are checked.
     */
    private static void finish(FuzzRequest request, RawHttp.Response response, Fixtures fixtures) {
        String location = response.header("Location");
        Matcher execution = location == null ? null : EXECUTION.matcher(location);
        if (execution == null || !execution.matches()) {
            return; // not an execution: quiet waits for whatever else it started
        }
        Api owner = request.caller().equals("other") ? fixtures.other : fixtures.admin;
        owner.awaitFinished(execution.group(1), execution.group(2));
        Api.Response deleted = owner.delete(location);
        if (deleted.status() != 204) {
            throw new AssertionError("deleting " + location + " answered " + deleted.status() + ": "
                    + deleted.text());
        }
    }

    /**
     * Terminates the executions an accepted seed 002 or seed 003 request created or set going again (they answer no
     * Location, so {@link #finish} does not see them), so that a waiting one does not keep the fuzz from going quiet.
     */
    private static void terminateInstances(FuzzRequest request, RawHttp.Response response, Fixtures fixtures) {
        Api owner = request.caller().equals("other") ? fixtures.other : fixtures.admin;
        Matcher v1 = V1_STARTS.matcher(request.target());
        if (!request.method().equals("GET") && v1.matches()) {
            // Seed 002's starts answer no Location either: stop what they set going (a new one, or the same one).
            JsonNode body = response.json();
            String id = body != null && body.has("executionId") ? body.get("executionId").asString() : v1.group(1);
            if (id != null) {
                owner.post("/api/v1/executions/" + id + "/terminate", "");
            }
            return;
        }
        Matcher instances = INSTANCES.matcher(request.target());
        if (request.method().equals("GET") || !instances.matches()) {
            return;
        }
        List<String> ids = new ArrayList<>();
        if (instances.group(2) != null) {
            ids.add(java.net.URLDecoder.decode(instances.group(2), java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonNode body = response.json();
        JsonNode result = body == null ? null : body.get("result");
        if (result != null && result.isArray()) {
            result.forEach(r -> ids.add(r.path("id").asString()));
        } else if (result != null && result.has("id")) {
            ids.add(result.path("id").asString());
        }
        for (String id : ids) {
            owner.send(owner.request(instances.group(1) + "/" + java.net.URLEncoder.encode(id,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/status")
                    .header("Content-Type", "application/json")
                    .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\": \"terminate\"}")));
        }
    }

    /**
     * Reads what an accepted request created (its Location), as its organization's admin: what was accepted must
     * be readable. Returns what is wrong, or null.
     */
    private static String readBack(RawHttp http, FuzzRequest request, RawHttp.Response response,
            Fixtures fixtures) {
        String location = response.header("Location");
        if (response.status() >= 300 || location == null || !location.startsWith("/")) {
            return null;
        }
        Api owner = request.caller().equals("other") ? fixtures.other : fixtures.admin;
        RawHttp.Response read = http.send("GET", location, Map.of("X-API-Key", owner.key()), null);
        return read.status() < 500 ? null : "reading " + location + ", which it created, answered " + read.status()
                + ": " + shorten(read.text());
    }

    /** Keeps the cursors list answers give, for later requests' cursor parameters. */
    private static void harvest(RawHttp.Response response, Fixtures fixtures) {
        if (response.status() != 200 || fixtures.cursors.size() >= 50) {
            return;
        }
        JsonNode body = response.json();
        if (body == null || !body.isObject()) {
            return;
        }
        for (String name : body.propertyNames()) {
            if (name.toLowerCase().contains("cursor") && body.get(name).isString()) {
                fixtures.cursors.add(body.get(name).asString());
            }
        }
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "... (" + text.length() + " chars)";
    }
}
