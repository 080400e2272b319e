package io.dataflow.server.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The operations the server's own OpenAPI document lists, with what the fuzz needs to call them: path parameters,
 * query parameters and the example bodies of each content type. Reading the document rather than a list of
 * endpoints means an endpoint added later is fuzzed without touching the test.
 */
final class OpenApiOperations {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** A query parameter as documented: its schema and example, when it has them. */
    record QueryParam(String name, JsonNode schema, JsonNode example) {
    }

    /**
     * One operation.
     *
     * @param bodies each request content type with its example bodies (possibly none, e.g. a binary upload)
     */
    record Operation(String method, String path, List<String> pathParams, List<QueryParam> queryParams,
            Map<String, List<JsonNode>> bodies) {

        boolean takesBody() {
            return !bodies.isEmpty();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private OpenApiOperations() {
    }

    static List<Operation> read(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        JsonNode paths = document.path("paths");
        for (String path : paths.propertyNames()) {
            JsonNode item = paths.get(path);
            for (String method : METHODS) {
                JsonNode operation = item.get(method);
                if (operation == null) {
                    continue;
                }
                List<String> pathParams = new ArrayList<>();
                List<QueryParam> queryParams = new ArrayList<>();
                List<JsonNode> parameters = new ArrayList<>();
                item.path("parameters").forEach(parameters::add);
                operation.path("parameters").forEach(parameters::add);
                for (JsonNode parameter : parameters) {
                    String name = parameter.path("name").asString();
                    switch (parameter.path("in").asString()) {
                        case "path" -> pathParams.add(name);
                        case "query" -> queryParams.add(new QueryParam(name, parameter.get("schema"),
                                parameter.get("example")));
                        default -> {
                            // headers and cookies: the fuzz sends its own
                        }
                    }
                }
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path, pathParams, queryParams,
                        bodies(operation.path("requestBody").path("content"))));
            }
        }
        return operations;
    }

    private static Map<String, List<JsonNode>> bodies(JsonNode content) {
        Map<String, List<JsonNode>> bodies = new LinkedHashMap<>();
        for (String type : content.propertyNames()) {
            JsonNode media = content.get(type);
            List<JsonNode> examples = new ArrayList<>();
            if (media.has("example")) {
                examples.add(media.get("example"));
            }
            for (JsonNode example : media.path("examples")) {
                if (example.has("value")) {
                    examples.add(example.get("value"));
                }
            }
            bodies.put(type, examples);
        }
        return bodies;
    }
}
