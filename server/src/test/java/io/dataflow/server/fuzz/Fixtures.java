package io.dataflow.server.fuzz;

import io.dataflow.engine.model.Json;
import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * What the fuzz's requests refer to, made before it starts: workflows, executions, files and credentials of the
 * caller's organization and of another one, and the example bodies its mutations start from (the OpenAPI
 * document's examples and one workflow per task type's example), every URL in them pointed at the {@link Receiver}.
 *
 * <p>Only <em>runnable</em> workflows are ever executed: their tasks are pure (text operations, Echo,
 * {@code json.transform}), so an execution calls nothing. Workflows the fuzz may replace or create are never run,
 * whatever task types a mutated document gave them.
 */
final class Fixtures {

    /** The ids of one organization, by what they name. */
    record Pools(List<String> runnable, List<String> scratch, List<Execution> executions, List<String> files,
            List<String> credentials) {
    }

    /** An execution and its workflow: paths name both. */
    record Execution(String workflowId, String executionId) {
    }

    final Api admin;
    final Api member;
    final Api other;
    final String receiverUrl;
    final Pools own;
    final Pools others;
    final List<String> taskTypes = new ArrayList<>();
    /** Workflow documents to mutate: the OpenAPI examples' and one of each shape per task type's example. */
    final List<JsonNode> workflowDocuments = new ArrayList<>();
    /** Each runnable workflow's inputs as an execution would give them, valid. */
    final Map<String, JsonNode> sampleInputs = new LinkedHashMap<>();
    /** Cursors seen in list answers, for the {@code cursor} parameters. */
    final Set<String> cursors = new LinkedHashSet<>();

    private int names;

    Fixtures(TestServer server, Receiver receiver, List<OpenApiOperations.Operation> operations) {
        this.admin = server.api();
        this.member = server.keyOf(admin, "workflows:read", "workflows:write", "workflows:execute");
        this.other = server.newOrganization("fuzz other organization");
        this.receiverUrl = receiver.url();
        JsonNode catalog = admin.get("/task-types").body().get("task_types");
        List<JsonNode> typeDocuments = new ArrayList<>();
        for (JsonNode type : catalog) {
            taskTypes.add(type.get("name").asString());
            JsonNode example = type.get("example_input");
            if (example != null && example.isObject()) {
                typeDocuments.add(local(Json.parse("""
                        {"title": "t", "tasks": [{"name": "t", "type": %s, "inputs": %s}], "outputs": []}"""
                        .formatted(Json.write(type.get("name")), Json.write(example)))));
                typeDocuments.add(local(Json.parse("""
                        {"name": "s", "steps": [{"type": %s, "input": %s}]}"""
                        .formatted(Json.write(type.get("name")), Json.write(example)))));
            }
        }
        List<JsonNode> seedDocuments = new ArrayList<>();
        for (OpenApiOperations.Operation operation : operations) {
            operation.bodies().values().forEach(examples -> examples.stream()
                    .filter(example -> example.has("steps") || example.has("tasks"))
                    .map(this::local).filter(example -> !seedDocuments.contains(example))
                    .forEach(seedDocuments::add));
        }
        workflowDocuments.addAll(seedDocuments);
        workflowDocuments.addAll(typeDocuments);
        // A few runnable workflows are enough for starts to reach the input checks; each costs an execution here.
        List<JsonNode> runnable = new ArrayList<>(seedDocuments.stream().filter(Fixtures::pure).toList());
        typeDocuments.stream().filter(Fixtures::pure).filter(document -> document.has("steps")).limit(2)
                .forEach(runnable::add);
        String file = upload(admin);
        runnable.add(typed(catalog));
        this.own = pools(admin, file, runnable, 3);
        this.others = pools(other, upload(other), List.of(runnable.getFirst()), 1);
    }

    /** A copy of {@code example} with every http(s) URL in it moved to the receiver, path kept. */
    JsonNode local(JsonNode example) {
        JsonNode copy = example.deepCopy();
        return rewrite(copy);
    }

    private JsonNode rewrite(JsonNode node) {
        if (node.isString() && node.stringValue().matches("https?://.*")) {
            String path = URI.create(node.stringValue()).getRawPath();
            return StringNode.valueOf(receiverUrl + (path == null ? "" : path));
        }
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                object.set(name, rewrite(object.get(name)));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, rewrite(array.get(i)));
            }
        }
        return node;
    }

    /** A workflow declaring an input of every port type of the catalog, each passed through by an Echo task. */
    private static JsonNode typed(JsonNode catalog) {
        Set<String> portTypes = new LinkedHashSet<>();
        catalog.forEach(type -> type.get("inputs").forEach(port -> portTypes.add(port.get("type").asString())));
        ArrayNode inputs = Json.MAPPER.createArrayNode();
        ArrayNode tasks = Json.MAPPER.createArrayNode();
        for (String portType : portTypes) {
            inputs.add(Json.parse("{\"name\": \"in_" + portType + "\", \"type\": \"" + portType + "\"}"));
            tasks.add(Json.parse("{\"name\": \"echo_" + portType + "\", \"type\": \"Echo\", \"inputs\": {\"text\":"
                    + " \"{{ inputs.in_" + portType + " }}\"}}"));
        }
        ObjectNode typed = Json.object();
        typed.put("title", "typed");
        typed.set("inputs", inputs);
        typed.set("tasks", tasks);
        typed.set("outputs", Json.MAPPER.createArrayNode());
        return typed;
    }

    static boolean pure(JsonNode document) {
        List<JsonNode> tasks = new ArrayList<>();
        document.path("steps").forEach(tasks::add);
        document.path("tasks").forEach(tasks::add);
        return !tasks.isEmpty() && tasks.stream().map(task -> task.path("type").asString()).allMatch(type ->
                type.equals("Echo") || type.equals("StaticTextInput") || type.startsWith("TextOperation.")
                        || type.equals("json.transform"));
    }

    /** A document of its own name: workflow names are unique in an organization. */
    ObjectNode named(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.put(copy.has("steps") ? "name" : "title", "fuzz " + (++names) + " " + System.nanoTime());
        copy.remove(copy.has("steps") ? "title" : "name");
        return copy;
    }

    private Pools pools(Api client, String file, List<JsonNode> runnable, int scratch) {
        List<String> runnableIds = new ArrayList<>();
        List<Execution> executions = new ArrayList<>();
        for (JsonNode document : runnable) {
            String id = client.createWorkflow(Json.write(named(document)));
            runnableIds.add(id);
            JsonNode inputs = sample(client.get("/workflows/" + id).body().get("input_schema"), file);
            sampleInputs.put(id, inputs);
            ObjectNode start = Json.object();
            start.set("inputs", inputs);
            start.set("monitoring", Json.parse("{\"webhook\": \"" + receiverUrl + "/hook\"}"));
            String executionId = client.startExecution(id, Json.write(start));
            client.awaitFinished(id, executionId);
            executions.add(new Execution(id, executionId));
        }
        List<String> scratchIds = new ArrayList<>();
        for (int i = 0; i < scratch; i++) {
            scratchIds.add(client.createWorkflow(Json.write(named(workflowDocuments.get(i % workflowDocuments
                    .size())))));
        }
        client.createCredential("fuzz-cred", "{\"api_key\": \"fuzz-secret-value\"}");
        return new Pools(runnableIds, scratchIds, executions, List.of(file), List.of("fuzz-cred"));
    }

    /** Valid inputs for an input schema: a value of each property's type (a file input gets {@code file}). */
    private static JsonNode sample(JsonNode schema, String file) {
        ObjectNode inputs = Json.object();
        JsonNode properties = schema.path("properties");
        for (String name : properties.propertyNames()) {
            JsonNode type = properties.get(name).path("type");
            String kind = type.isArray() ? "file" : type.asString("any");
            inputs.set(name, switch (kind) {
                case "file" -> StringNode.valueOf(file);
                case "string" -> StringNode.valueOf("Hello, world!");
                case "integer" -> Json.MAPPER.getNodeFactory().numberNode(3);
                case "number" -> Json.MAPPER.getNodeFactory().numberNode(2.5);
                case "boolean" -> Json.MAPPER.getNodeFactory().booleanNode(true);
                case "object" -> Json.parse("{\"a\": [1, \"b\"]}");
                case "array" -> Json.parse("[1, \"b\", {\"c\": null}]");
                default -> StringNode.valueOf("anything");
            });
        }
        return inputs;
    }

    private static String upload(Api client) {
        Api.Response response = client.send(client.request("/files?name=fixture.txt")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("fixture")));
        if (response.status() != 201) {
            throw new AssertionError("uploading a fixture file answered " + response.status() + ": "
                    + response.text());
        }
        return response.body().get("file_id").asString();
    }
}
