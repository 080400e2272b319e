package io.dataflow.server.fuzz;

import io.dataflow.engine.model.Json;
import io.dataflow.server.fuzz.OpenApiOperations.Operation;
import io.dataflow.server.fuzz.OpenApiOperations.QueryParam;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the fuzz's requests: an operation of the OpenAPI document (now and then a method or path it does not
 * list), path parameters that name the caller's things, another organization's, unknown ones or hostile text, query
 * parameters valid or not, a caller with or without a valid key, and a body mutated from a valid example.
 */
final class RequestFactory {

    /** Path segments as they go on the wire: escapes Tomcat refuses, or text that names nothing. */
    private static final List<String> HOSTILE_SEGMENTS = List.of("%FF", "%00", "%2F", "%5C", "%C0%AF", "%ED%A0%80",
            "%E2%82", "%", "%ZZ", "..", ".", "%2e%2e", "x".repeat(300), "x".repeat(9000), "%F0%9F%98%80", "%20",
            "a%3Bb", ";x=1", "%25", "null", "-1", "wf-", "%0A", "%7F", "%01", "%C3%A9", "\u00e9");
    /** Query values as they go on the wire. */
    private static final List<String> HOSTILE_VALUES = List.of("%FF", "%C0%AF", "%ED%A0%80", "%", "%Z1", "%00",
            "%E2%82", "-1", "0", "101", "99999999999999999999999", "1.5", "abc", "", "%F0%9F%98%80",
            "x".repeat(5000), "x".repeat(300), "+", "a+b", "%2B", "PENDING,DONE", ",", "%0A", "%01", "1%00",
            "\u00e9");
    private static final List<String> JSON_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1", "", "multipart/form-data", ";;;", "application/xml",
            "application/json; charset=UTF-8");
    private static final List<String> UNLISTED_PATHS = List.of("/error", "/v3/api-docs", "/v3/api-docs/%FF",
            "/nope", "/workflows/x/y/z/w", "/%FF", "/files/", "//workflows", "/workflows/", "/api/v1/",
            "/task-types/", "/organization/x");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD",
            "TRACE", "FOO");

    private final Random random;
    private final Fixtures fixtures;
    private final List<Operation> operations;
    private final BodyMutator mutator;

    RequestFactory(Random random, Fixtures fixtures, List<Operation> operations) {
        this.random = random;
        this.fixtures = fixtures;
        this.operations = operations;
        this.mutator = new BodyMutator(random);
    }

    FuzzRequest next() {
        String caller = caller();
        if (random.nextInt(100) < 5) {
            return unlisted(caller);
        }
        Operation operation = operations.get(random.nextInt(operations.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        auth(caller, headers);
        String target = path(operation, caller) + query(operation);
        byte[] body = null;
        if (operation.takesBody()) {
            body = body(operation, target, headers);
        } else if (random.nextInt(100) < 5) {
            body = FuzzRequest.utf8("{\"unexpected\": true}");
            headers.put("Content-Type", "application/json");
        }
        if (random.nextInt(100) < 5) {
            headers.put("Accept", pick(List.of("application/xml", "text/html", "*/*", "application/json",
                    "image/png")));
        }
        return new FuzzRequest(operation.method(), target, headers, body, caller);
    }

    private String caller() {
        int roll = random.nextInt(100);
        return roll < 78 ? "admin" : roll < 86 ? "member" : roll < 92 ? "other" : roll < 96 ? "none" : "invalid";
    }

    private void auth(String caller, Map<String, String> headers) {
        String key = switch (caller) {
            case "admin" -> fixtures.admin.key();
            case "member" -> fixtures.member.key();
            case "other" -> fixtures.other.key();
            case "invalid" -> pick(List.of("dfp_not_a_key", "x".repeat(5000), "dfp_\u0001", "\u00e9"));
            default -> null;
        };
        if (key == null) {
            return;
        }
        if (random.nextInt(100) < 15) {
            headers.put("Authorization", "Bearer " + key);
        } else {
            headers.put("X-API-Key", key);
        }
    }

    /** The operation's path with each parameter filled in. */
    private String path(Operation operation, String caller) {
        String path = operation.path();
        Fixtures.Pools pools = "other".equals(caller) ? fixtures.others : fixtures.own;
        Fixtures.Execution pair = random.nextInt(100) < 60 && !pools.executions().isEmpty()
                ? pools.executions().get(random.nextInt(pools.executions().size())) : null;
        for (String parameter : operation.pathParams()) {
            String placeholder = "{" + parameter + "}";
            int at = path.indexOf(placeholder);
            String before = path.substring(0, at);
            String role = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
            String value = segment(operation, role, pools, pair, path.endsWith(placeholder));
            path = path.replace(placeholder, value);
        }
        return path;
    }

    private String segment(Operation operation, String role, Fixtures.Pools pools, Fixtures.Execution pair,
            boolean last) {
        int roll = random.nextInt(100);
        Fixtures.Pools foreign = pools == fixtures.own ? fixtures.others : fixtures.own;
        if (roll < 75) {
            String own = known(operation, role, pools, pair, last);
            if (own != null) {
                return own;
            }
        } else if (roll < 83) {
            String theirs = known(operation, role, foreign, null, last);
            if (theirs != null) {
                return theirs;
            }
        } else if (roll < 90) {
            return switch (role) {
                case "workflows" -> "wf-01m8zzzzzzzzzzzzzzzzzzzzzz";
                case "executions" -> "ex-01m8zzzzzzzzzzzzzzzzzzzzzz";
                case "files" -> "file-01m8zzzzzzzzzzzzzzzzzzzzzz";
                default -> "nope-" + random.nextInt(1000);
            };
        }
        return pick(HOSTILE_SEGMENTS);
    }

    /**
     * An id of this role from {@code pools}, or null when there is none. A workflow that a request may start,
     * replace or delete is chosen so that only runnable workflows ever run, and that runnable ones are never
     * replaced.
     *
     * @param last whether the parameter is the path's last segment, so that the request acts on the thing itself
     */
    private String known(Operation operation, String role, Fixtures.Pools pools, Fixtures.Execution pair,
            boolean last) {
        return switch (role) {
            case "workflows" -> {
                if (last && !operation.method().equals("GET")) {
                    yield pick(pools.scratch());
                }
                boolean mayRun = !last && operation.method().equals("POST");
                if (pair != null && !mayRun) {
                    yield pair.workflowId();
                }
                yield mayRun || random.nextBoolean() ? pick(pools.runnable()) : pick(pools.scratch());
            }
            case "executions" -> pair != null ? pair.executionId()
                    : pools.executions().isEmpty() ? null : pick(pools.executions()).executionId();
            case "files" -> pick(pools.files());
            case "credentials" -> pick(pools.credentials());
            case "task-types" -> pick(fixtures.taskTypes);
            default -> null;
        };
    }

    private String query(Operation operation) {
        List<String> pairs = new ArrayList<>();
        for (QueryParam parameter : operation.queryParams()) {
            if (random.nextInt(100) < 50) {
                continue;
            }
            String value = random.nextInt(100) < 55 ? encode(validValue(parameter)) : pick(HOSTILE_VALUES);
            pairs.add(parameter.name() + "=" + value);
        }
        if (random.nextInt(100) < 15) {
            pairs.add(pick(List.of("unknown=1", "=1", "flag", "", "limit=5&limit=6", "%FF=1", "a%ZZ=2",
                    "status=completed,failed", "p=1&".repeat(1001))));
        }
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private String validValue(QueryParam parameter) {
        JsonNode schema = parameter.schema();
        if (parameter.name().toLowerCase().contains("cursor") && !fixtures.cursors.isEmpty()) {
            return pick(new ArrayList<>(fixtures.cursors));
        }
        if (schema != null && "integer".equals(schema.path("type").asString())) {
            int min = schema.path("minimum").asInt(0);
            int max = schema.path("maximum").asInt(1000);
            return String.valueOf(min + random.nextInt(max - min + 1));
        }
        if (parameter.example() != null && parameter.example().isString()) {
            return parameter.example().asString();
        }
        return pick(List.of("fuzz.txt", "é ü 😀.bin", "a b", "report (1).pdf"));
    }

    private byte[] body(Operation operation, String target, Map<String, String> headers) {
        List<String> types = new ArrayList<>(operation.bodies().keySet());
        String type = pick(types);
        if (type.startsWith("multipart/")) {
            return Multipart.form(random, headers);
        }
        if (!type.contains("json")) {
            String declared = pick(List.of("application/octet-stream", "text/plain", "image/png", "",
                    "text/" + "t".repeat(300), ";;;", "text/plain; charset=utf-8"));
            if (!declared.isEmpty()) {
                headers.put("Content-Type", declared);
            }
            if (random.nextInt(100) < 30) {
                headers.put("Content-Disposition", pick(List.of("attachment; filename=\"x.txt\"",
                        "attachment; filename*=UTF-8''%FF", "attachment; filename*=UTF-8''a%00b",
                        "attachment; filename=\"" + "n".repeat(300) + "\"", "garbage;;;", "attachment",
                        "attachment; filename=\"../../etc/passwd\"")));
            }
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            return bytes;
        }
        String declared = random.nextInt(100) < 70 ? "application/json" : pick(JSON_TYPES);
        if (!declared.isEmpty()) {
            headers.put("Content-Type", declared);
        }
        JsonNode example = example(operation, target);
        return random.nextInt(100) < 15 ? BodyMutator.asIs(example) : mutator.mutate(example);
    }

    /** A valid body for the operation: one of its examples, a workflow document, or a runnable's inputs. */
    private JsonNode example(Operation operation, String target) {
        List<JsonNode> examples = operation.bodies().values().stream().flatMap(List::stream).toList();
        if (examples.isEmpty()) {
            return Json.object();
        }
        JsonNode example = fixtures.local(pick(examples));
        if (example.has("steps") || example.has("tasks")) {
            JsonNode document = random.nextInt(100) < 60 ? pick(fixtures.workflowDocuments) : example;
            return random.nextInt(100) < 70 ? fixtures.named(document) : document;
        }
        for (String inputs : List.of("input", "inputs")) {
            String workflowId = target.split("/").length > 2 ? target.split("/")[2] : "";
            JsonNode sample = fixtures.sampleInputs.get(workflowId);
            if (example.has(inputs) && sample != null && random.nextBoolean()) {
                ((ObjectNode) example).set(inputs, sample.deepCopy());
            }
        }
        return example;
    }

    private FuzzRequest unlisted(String caller) {
        Map<String, String> headers = new LinkedHashMap<>();
        auth(caller, headers);
        String method = pick(METHODS);
        String target = random.nextBoolean() ? pick(UNLISTED_PATHS)
                : path(pick(operations), caller);
        if (random.nextBoolean()) {
            target += "?" + pick(List.of("limit=%FF", "x=1", "=", "a%ZZ", "group=%00"));
        }
        byte[] body = method.equals("GET") || method.equals("HEAD") ? null : FuzzRequest.utf8("{}");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return new FuzzRequest(method, target, headers, body, caller);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Multipart bodies for {@code POST /files}: a file part with names and types good and bad. */
    static final class Multipart {

        private Multipart() {
        }

        static byte[] form(Random random, Map<String, String> headers) {
            String boundary = "fuzzboundary" + random.nextInt(1_000_000);
            List<String> declared = List.of("multipart/form-data; boundary=" + boundary, "multipart/form-data",
                    "multipart/form-data; boundary=other", "multipart/form-data; boundary=" + boundary);
            headers.put("Content-Type", declared.get(random.nextInt(declared.size())));
            String part = random.nextInt(100) < 80 ? "file" : "other";
            List<String> filenames = List.of("report.pdf", "a\u0000b.txt", "n".repeat(300), "../../etc/passwd", "",
                    "\u00c3\u00a9t\u00c3\u00a9.txt", "\u00ff\u00fe.bin", "x\"y.txt");
            String filename = filenames.get(random.nextInt(filenames.size()));
            List<String> types = List.of("text/plain", "application/octet-stream", ";;;", "t/" + "t".repeat(300), "");
            String type = types.get(random.nextInt(types.size()));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            // ISO-8859-1: each char is one byte, so the filenames above carry raw UTF-8 and invalid bytes as such.
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\""
                    + (random.nextInt(100) < 85 ? "; filename=\"" + filename + "\"" : "") + "\r\n"
                    + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] content = new byte[random.nextInt(500)];
            random.nextBytes(content);
            body.writeBytes(content);
            if (random.nextInt(100) < 90) {
                body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            return body.toByteArray();
        }
    }
}
