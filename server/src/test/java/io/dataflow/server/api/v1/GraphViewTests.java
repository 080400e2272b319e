package io.dataflow.server.api.v1;

import static io.dataflow.server.api.v1.GraphJson.COMPILER;
import static io.dataflow.server.api.v1.GraphJson.READER;
import static io.dataflow.server.api.v1.GraphJson.REGISTRY;
import static io.dataflow.server.api.v1.GraphJson.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.expression.Templates;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.server.api.dataflow.WorkflowDocuments;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Workflows made through {@code /workflows} drawn as graphs, and read back through the graph dialect. */
class GraphViewTests {

    /** Seed 000's example. */
    private static final String DUMMY = """
            {"name": "Dummy Workflow",
             "steps": [
               { "type": "StaticTextInput", "input": "Hello, world!" },
               { "type": "TextOperation.Reverse" },
               { "type": "Echo" }]}""";

    /** Seed 001's getting-started example. */
    private static final String HELLO = """
            {"title": "Hello World Workflow",
             "description": "A simple text-to-speech workflow",
             "inputs": [{"name": "text", "type": "text", "description": "Text to convert to speech"}],
             "tasks": [{"name": "text_to_speech", "type": "openai.audio.tts",
                        "inputs": {"text": "{{inputs.text}}", "voice": "alloy"}}],
             "outputs": [{"name": "audio", "type": "file", "value": "{{tasks.text_to_speech.outputs.audio}}"}]}""";

    /** Seed 001's webpage summary, its tasks out of order, with a template that is more than one reference. */
    private static final String SUMMARY = """
            {"title": "Webpage Summary",
             "inputs": [{"name": "webpage_url", "type": "text"},
                        {"name": "words", "type": "integer", "default": 40, "required": false}],
             "tasks": [
               {"name": "summarize_text", "type": "ai.summarize",
                "inputs": {"text": "{{tasks.extract_text.outputs.text}}", "max_words": "{{ inputs.words }}",
                           "instructions": "Title: {{ tasks.extract_text.outputs.title }}"}},
               {"name": "download_webpage", "type": "http.request",
                "inputs": {"url": "{{inputs.webpage_url}}", "method": "GET"}},
               {"name": "extract_text", "type": "html.extract_text",
                "inputs": {"html": "{{tasks.download_webpage.outputs.text}}"}}],
             "outputs": [{"name": "summary", "type": "text", "value": "{{tasks.summarize_text.outputs.summary}}"}],
             "settings": {"max_retries": 1, "task_timeout_seconds": 90}}""";

    private static Definition definition(String document) {
        return WorkflowDocuments.definition(REGISTRY, Json.parse(document));
    }

    /** The view written as JSON and read back through the graph dialect. */
    private static Definition readBack(GraphDocument view) {
        return READER.read(Json.MAPPER.valueToTree(view)).definition();
    }

    @Test
    void seed000sLinearStepsBecomeAChainFromTheTrigger() {
        JsonNode view = Json.MAPPER.valueToTree(GraphView.of(definition(DUMMY)));

        assertThat(view).isEqualTo(json("""
                {'nodes': [
                  {'id': 'trigger', 'nodeId': 'trigger.manual', 'label': 'Trigger', 'position': {'x': 0, 'y': 0},
                   'config': {'inputs': [{'name': 'text', 'type': 'text', 'description': 'input of the first step',
                                          'required': false, 'default': 'Hello, world!'}]}},
                  {'id': 'step_1', 'nodeId': 'StaticTextInput', 'label': 'step_1', 'position': {'x': 250, 'y': 0},
                   'config': {}},
                  {'id': 'step_2', 'nodeId': 'TextOperation.Reverse', 'label': 'step_2',
                   'position': {'x': 500, 'y': 0}, 'config': {}},
                  {'id': 'step_3', 'nodeId': 'Echo', 'label': 'step_3', 'position': {'x': 750, 'y': 0}, 'config': {}}],
                 'connections': [
                  {'sourceNodeId': 'trigger', 'sourcePort': 'text', 'targetNodeId': 'step_1', 'targetPort': 'text'},
                  {'sourceNodeId': 'step_1', 'sourcePort': 'text', 'targetNodeId': 'step_2', 'targetPort': 'text'},
                  {'sourceNodeId': 'step_2', 'sourcePort': 'text', 'targetNodeId': 'step_3', 'targetPort': 'text'}],
                 'settings': {}}"""));
    }

    @Test
    void aTasksOwnTimeoutAndRetriesInCloudflaresWordsAreDrawnOnItsNode() {
        String configured = """
                {"title": "configured",
                 "tasks": [
                   {"name": "a", "type": "Echo", "inputs": {"text": "x"}, "timeout_seconds": 90,
                    "config": {"retries": {"limit": 2, "delay": "3 seconds", "backoff": "linear"}}},
                   {"name": "b", "type": "Echo", "inputs": {"text": "x"}, "config": {"timeout": "PT0.25S"}}]}""";

        GraphDocument view = GraphView.of(definition(configured));

        assertThat(Json.write(view.nodes().get(0).retries()))
                .isEqualTo("{\"limit\":2,\"delay\":3000,\"backoff\":\"linear\"}");
        assertThat(view.nodes().get(0).timeout().asLong()).isEqualTo(90_000);
        assertThat(view.nodes().get(1).retries()).isNull();
        assertThat(view.nodes().get(1).timeout().asLong()).isEqualTo(250);
        assertRoundTrip(configured);
    }

    @Test
    void aRetryPolicyInTheWorkflowsDialectsOwnWordsIsNotDrawn() {
        // Its waits are capped at 5 minutes, which Cloudflare's words cannot say.
        GraphDocument view = GraphView.of(definition("""
                {"title": "t", "tasks": [{"name": "a", "type": "Echo", "inputs": {"text": "x"},
                                          "retry": {"max_retries": 1, "backoff": 1}}]}"""));

        assertThat(view.nodes().getFirst().retries()).isNull();
    }

    @Test
    void seed000sExampleReadsBackTheSame() {
        assertRoundTrip(DUMMY);
    }

    @Test
    void seed001sExampleReadsBackTheSame() {
        Definition original = definition(HELLO);

        GraphDocument view = GraphView.of(original);

        assertThat(view.nodes().get(1).config()).isEqualTo(json("{'voice': 'alloy'}"));
        assertRoundTrip(HELLO);
    }

    @Test
    void inputsThatAreMoreThanOneReferenceStayInTheConfig() {
        GraphDocument view = GraphView.of(definition(SUMMARY));

        GraphNode summarize = view.nodes().stream().filter(node -> node.id().equals("summarize_text")).findFirst()
                .orElseThrow();
        assertThat(summarize.config()).isEqualTo(json(
                "{'instructions': 'Title: {{ tasks.extract_text.outputs.title }}'}"));
        assertThat(summarize.position()).as("after the download and the extraction")
                .isEqualTo(new GraphNode.Position(750, 0));
        assertThat(view.connections()).contains(
                new GraphConnection("trigger", "words", "summarize_text", "max_words"),
                new GraphConnection("extract_text", "text", "summarize_text", "text"));
        assertRoundTrip(SUMMARY);
    }

    @Test
    void aTaskNamedTriggerLeavesTheNameToIt() {
        GraphDocument view = GraphView.of(definition("""
                {"title": "t", "inputs": [{"name": "x", "type": "text"}],
                 "tasks": [{"name": "trigger", "type": "Echo", "inputs": {"text": "{{ inputs.x }}"}}]}"""));

        assertThat(view.nodes()).extracting(GraphNode::id).containsExactly("trigger_2", "trigger");
        assertThat(view.connections()).containsExactly(new GraphConnection("trigger_2", "x", "trigger", "text"));
    }

    @Test
    void aDefinitionWithoutInputsHasNoTrigger() {
        GraphDocument view = GraphView.of(definition("""
                {"title": "t", "tasks": [{"name": "a", "type": "Echo", "inputs": {"text": "x"}}]}"""));

        assertThat(view.nodes()).extracting(GraphNode::id).containsExactly("a");
        assertThat(view.nodes().getFirst().position()).isEqualTo(new GraphNode.Position(0, 0));
    }

    /** The document's definition, drawn and read back, has the same inputs, tasks and settings, and compiles. */
    private static void assertRoundTrip(String document) {
        Definition original = definition(document);

        Definition back = readBack(GraphView.of(original));

        assertThat(inputs(back)).isEqualTo(inputs(original));
        assertThat(back.tasks()).extracting(TaskDef::name)
                .containsExactlyElementsOf(original.tasks().stream().map(TaskDef::name).toList());
        for (TaskDef task : original.tasks()) {
            TaskDef read = back.task(task.name()).orElseThrow();
            assertThat(read.type()).isEqualTo(task.type());
            assertThat(read.retry()).isEqualTo(task.retry());
            assertThat(read.timeout()).isEqualTo(task.timeout());
            assertThat(meaning(read.inputs())).as(task.name()).isEqualTo(meaning(task.inputs()));
        }
        assertThat(back.settings()).isEqualTo(original.settings());
        assertThat(back.openInputs()).isEqualTo(original.openInputs());
        assertThat(COMPILER.compile(back).steps()).hasSameSizeAs(COMPILER.compile(original).steps());
    }

    /** The declarations without where they were written. */
    private static List<InputDecl> inputs(Definition definition) {
        return definition.inputs().stream().map(input -> new InputDecl(input.name(), input.type(),
                input.description(), input.required(), input.defaultValue(), null)).toList();
    }

    /** Each input as what it reads when it is one reference (however spaced), else as its value. */
    private static Map<String, Object> meaning(JsonNode inputs) {
        Map<String, Object> meaning = new TreeMap<>();
        inputs.properties().forEach(input -> meaning.put(input.getKey(),
                Templates.exactPath(input.getValue()).<Object>map(Object::toString).orElse(input.getValue())));
        return meaning;
    }
}
