package io.dataflow.server.api.v1;

import static io.dataflow.server.api.v1.GraphJson.compile;
import static io.dataflow.server.api.v1.GraphJson.compileProblems;
import static io.dataflow.server.api.v1.GraphJson.detail;
import static io.dataflow.server.api.v1.GraphJson.json;
import static io.dataflow.server.api.v1.GraphJson.read;
import static io.dataflow.server.api.v1.GraphJson.readProblems;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.InputDecl;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.OutputDecl;
import io.dataflow.engine.model.PortType;
import io.dataflow.engine.model.Problem;
import io.dataflow.engine.model.RetryPolicy;
import io.dataflow.engine.model.TaskDef;
import io.dataflow.engine.model.WorkflowSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a seed 002 graph means to the engine, and where each of its problems is reported. */
class GraphDocumentReaderTests {

    /** Seed 001's webpage summary as a graph: named ports throughout. */
    private static final String SUMMARY = """
            {'nodes': [
              {'id': 'start', 'nodeId': 'trigger.manual', 'label': 'Start', 'position': {'x': 0, 'y': 100.5},
               'config': {'inputs': [{'name': 'url', 'type': 'text', 'description': 'The page'}]}},
              {'id': 'download', 'nodeId': 'http.request', 'config': {'method': 'GET'}},
              {'id': 'extract', 'nodeId': 'html.extract_text'},
              {'id': 'summarize', 'nodeId': 'ai.summarize', 'config': {'max_words': 50}}],
             'connections': [
              {'sourceNodeId': 'start', 'sourcePort': 'url', 'targetNodeId': 'download', 'targetPort': 'url'},
              {'sourceNodeId': 'download', 'sourcePort': 'text', 'targetNodeId': 'extract', 'targetPort': 'html'},
              {'sourceNodeId': 'extract', 'sourcePort': 'text', 'targetNodeId': 'summarize', 'targetPort': 'text'}],
             'settings': {'timeout': 120, 'retryOnFailure': true, 'maxRetries': 5}}""";

    private static TaskDef task(Definition definition, String name) {
        return definition.task(name).orElseThrow();
    }

    // ---- what a graph means ------------------------------------------------------------------------------------

    @Test
    void namedPortsBecomeTemplatesPlacedAtTheirConnections() {
        Definition definition = read(SUMMARY).definition();

        assertThat(definition.tasks()).extracting(TaskDef::name).containsExactly("download", "extract", "summarize");
        TaskDef download = task(definition, "download");
        assertThat(download.type()).isEqualTo("http.request");
        assertThat(download.inputs()).isEqualTo(json("{'method': 'GET', 'url': '{{ inputs.url }}'}"));
        assertThat(download.origin()).isEqualTo("/nodes/1");
        assertThat(download.inputPointer("url")).isEqualTo("/connections/0");
        assertThat(download.inputPointer("method")).isEqualTo("/nodes/1/config/method");
        assertThat(task(definition, "extract").inputs())
                .isEqualTo(json("{'html': '{{ tasks.download.outputs.text }}'}"));
        assertThat(task(definition, "summarize").inputs())
                .isEqualTo(json("{'max_words': 50, 'text': '{{ tasks.extract.outputs.text }}'}"));
        assertThat(definition.inputs()).containsExactly(
                new InputDecl("url", PortType.TEXT, "The page", true, null, "/nodes/0/config/inputs/0"));
        assertThat(definition.openInputs()).as("the trigger declares its inputs").isFalse();
    }

    @Test
    void theGraphPlansInConnectionOrder() {
        Plan plan = compile(SUMMARY);

        assertThat(plan.step("download").dependencies()).isEmpty();
        assertThat(plan.step("extract").dependencies()).containsExactly("download");
        assertThat(plan.step("summarize").dependencies()).containsExactly("extract");
    }

    @Test
    void theOutputsAreTheWholeOutputsOfTheTasksNothingReads() {
        assertThat(read(SUMMARY).definition().outputs()).containsExactly(new OutputDecl("summarize", PortType.ANY,
                Json.parse("\"{{ tasks.summarize.outputs }}\""), "/nodes/3"));
    }

    @Test
    void settingsGiveTheTaskTimeoutAndAttempts() {
        Definition definition = read(SUMMARY).definition();

        assertThat(definition.settings().taskTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(definition.settings().retry().maxAttempts()).isEqualTo(6);
        assertThat(read("{'settings': {'retryOnFailure': false, 'maxRetries': 5}}").definition().settings().retry()
                .maxAttempts()).as("no retries at all").isEqualTo(1);
        assertThat(read("{'settings': {'timeout': 5}}").definition().settings())
                .as("retries left to the defaults each execution runs with")
                .isEqualTo(new WorkflowSettings(null, Duration.ofSeconds(5)));
        assertThat(read("{'settings': {'retryOnFailure': true}}").definition().settings())
                .as("retrying as many times as the defaults say").isEqualTo(WorkflowSettings.NONE);
        assertThat(read("{}").definition().settings()).isEqualTo(WorkflowSettings.NONE);
    }

    @Test
    void nodesConnectionsAndSettingsAreKeptAsGiven() {
        GraphDocument document = read(SUMMARY);

        JsonNode written = Json.MAPPER.valueToTree(document);
        assertThat(written).isEqualTo(withEmptyConfigs(json(SUMMARY)));
        assertThat(document.nodes().getFirst().position()).isEqualTo(new GraphNode.Position(0, 100.5));
        assertThat(read("{}").nodes()).isEmpty();
    }

    /** The body with {@code config: {}} on each node that has none, as the reader keeps it. */
    private static JsonNode withEmptyConfigs(JsonNode body) {
        body.get("nodes").values().forEach(node -> ((ObjectNode) node).withObjectProperty("config"));
        return body;
    }

    @Test
    void anEmptyGraphIsAnEmptyDefinition() {
        Definition definition = read("{'nodes': [], 'connections': []}").definition();

        assertThat(definition.tasks()).isEmpty();
        assertThat(definition.inputs()).isEmpty();
        assertThat(definition.openInputs()).as("nothing could read inputs").isFalse();
    }

    // ---- the trigger -------------------------------------------------------------------------------------------

    @Test
    void aTriggerPortItDoesNotDeclareIsAnOptionalInputOfAnyType() {
        Definition definition = read("""
                {'nodes': [{'id': 'go', 'nodeId': 'trigger.manual'}, {'id': 'echo', 'nodeId': 'Echo'}],
                 'connections': [{'sourceNodeId': 'go', 'sourcePort': 'city', 'targetNodeId': 'echo',
                                  'targetPort': 'text'}]}""").definition();

        assertThat(definition.inputs()).containsExactly(
                new InputDecl("city", PortType.ANY, null, false, null, "/connections/0"));
        assertThat(definition.openInputs()).as("the trigger declares nothing").isTrue();
        assertThat(task(definition, "echo").inputs()).isEqualTo(json("{'text': '{{ inputs.city }}'}"));
    }

    @Test
    void theTriggersWholeOutputIsTheWholeInputsObjectAndOpensTheInputs() {
        Definition definition = read("""
                {'nodes': [{'id': 'go', 'nodeId': 'trigger.manual',
                            'config': {'inputs': [{'name': 'city', 'type': 'text'}]}},
                           {'id': 'echo', 'nodeId': 'Echo'}],
                 'connections': [{'sourceNodeId': 'go', 'sourcePort': 'output', 'targetNodeId': 'echo',
                                  'targetPort': 'text'}]}""").definition();

        assertThat(task(definition, "echo").inputs()).isEqualTo(json("{'text': '{{ inputs }}'}"));
        assertThat(definition.openInputs()).isTrue();
    }

    @Test
    void theTriggersWholeOutputIntoAWholeInputFeedsEachInputByName() {
        Definition definition = read("""
                {'nodes': [{'id': 'go', 'nodeId': 'trigger.manual'},
                           {'id': 'swap', 'nodeId': 'TextOperation.Replace', 'config': {'search': 'a'}}],
                 'connections': [{'sourceNodeId': 'go', 'sourcePort': 'output', 'targetNodeId': 'swap',
                                  'targetPort': 'input'}]}""").definition();

        assertThat(task(definition, "swap").inputs()).isEqualTo(json("""
                {'search': 'a', 'text': '{{ inputs.text }}', 'replacement': '{{ inputs.replacement }}',
                 'regex': '{{ inputs.regex }}'}"""));
        assertThat(GraphJson.COMPILER.compile(definition).steps()).hasSize(1);
    }

    @Test
    void aTriggerThatDeclaresItsInputsKeepsThemClosedUnlessItsWholeOutputIsRead() {
        Definition definition = read("""
                {'nodes': [{'id': 'go', 'nodeId': 'trigger.manual',
                            'config': {'inputs': [{'name': 'text', 'type': 'text', 'default': 'hi'}]}},
                           {'id': 'echo', 'nodeId': 'Echo'}],
                 'connections': [{'sourceNodeId': 'go', 'sourcePort': 'text', 'targetNodeId': 'echo',
                                  'targetPort': 'text'}]}""").definition();

        assertThat(definition.openInputs()).isFalse();
        assertThat(definition.inputs()).singleElement().satisfies(input -> {
            assertThat(input.required()).as("a default makes it optional").isFalse();
            assertThat(input.defaultValue()).isEqualTo(json("'hi'"));
        });
    }

    // ---- whole outputs and whole inputs ------------------------------------------------------------------------

    @Test
    void aWholeOutputIntoAWholeInputFeedsTheInputsNamedLikeItsOutputs() {
        Definition definition = read("""
                {'nodes': [{'id': 'up', 'nodeId': 'TextOperation.Uppercase', 'config': {'text': 'x'}},
                           {'id': 'join', 'nodeId': 'TextOperation.Concat', 'config': {'with': '!'}}],
                 'connections': [{'sourceNodeId': 'up', 'sourcePort': 'output', 'targetNodeId': 'join',
                                  'targetPort': 'input'}]}""").definition();

        assertThat(task(definition, "join").inputs())
                .isEqualTo(json("{'with': '!', 'text': '{{ tasks.up.outputs.text }}'}"));
    }

    @Test
    void withoutNamesInCommonTheSourcesPrimaryOutputFeedsTheTargetsPrimaryInput() {
        Definition definition = read("""
                {'nodes': [{'id': 'fetch', 'nodeId': 'http.request', 'config': {'url': 'https://example.com'}},
                           {'id': 'extract', 'nodeId': 'html.extract_text'}],
                 'connections': [{'sourceNodeId': 'fetch', 'sourcePort': 'output', 'targetNodeId': 'extract',
                                  'targetPort': 'input'}]}""").definition();

        assertThat(task(definition, "extract").inputs()).isEqualTo(json("{'html': '{{ tasks.fetch.outputs.body }}'}"));
        assertThat(task(definition, "extract").inputPointer("html")).isEqualTo("/connections/0");
    }

    @Test
    void aNamedOutputIntoAWholeInputFeedsTheInputOfItsNameElseThePrimary() {
        Definition definition = read("""
                {'nodes': [{'id': 'fetch', 'nodeId': 'http.request', 'config': {'url': 'https://example.com'}},
                           {'id': 'a', 'nodeId': 'TextOperation.Reverse'},
                           {'id': 'b', 'nodeId': 'html.extract_text'}],
                 'connections': [
                   {'sourceNodeId': 'fetch', 'sourcePort': 'text', 'targetNodeId': 'a', 'targetPort': 'input'},
                   {'sourceNodeId': 'fetch', 'sourcePort': 'status', 'targetNodeId': 'b', 'targetPort': 'input'}]}""")
                .definition();

        assertThat(task(definition, "a").inputs()).isEqualTo(json("{'text': '{{ tasks.fetch.outputs.text }}'}"));
        assertThat(task(definition, "b").inputs()).isEqualTo(json("{'html': '{{ tasks.fetch.outputs.status }}'}"));
    }

    @Test
    void aWholeOutputIntoANamedInputIsTheWholeOutputObject() {
        String body = """
                {'nodes': [{'id': 'fetch', 'nodeId': 'http.request', 'config': {'url': 'https://example.com'}},
                           {'id': 'shape', 'nodeId': 'json.transform', 'config': {'expression': 'status'}}],
                 'connections': [{'sourceNodeId': 'fetch', 'sourcePort': 'output', 'targetNodeId': 'shape',
                                  'targetPort': 'data'}]}""";

        assertThat(task(read(body).definition(), "shape").inputs().get("data").asString())
                .isEqualTo("{{ tasks.fetch.outputs }}");
        assertThat(compile(body).step("shape").dependencies()).as("the compiler takes it").containsExactly("fetch");
    }

    @Test
    void aConnectionToANamedPortWinsOverMatchingByName() {
        Definition definition = read("""
                {'nodes': [{'id': 'fetch', 'nodeId': 'http.request', 'config': {'url': 'https://example.com/a'}},
                           {'id': 'note', 'nodeId': 'StaticTextInput', 'config': {'text': 'hello'}},
                           {'id': 'post', 'nodeId': 'http.request',
                            'config': {'url': 'https://example.com/b', 'method': 'POST'}}],
                 'connections': [
                   {'sourceNodeId': 'fetch', 'sourcePort': 'output', 'targetNodeId': 'post', 'targetPort': 'input'},
                   {'sourceNodeId': 'note', 'sourcePort': 'text', 'targetNodeId': 'post', 'targetPort': 'body'}]}""")
                .definition();

        assertThat(task(definition, "post").inputs()).isEqualTo(json("""
                {'url': 'https://example.com/b', 'method': 'POST', 'body': '{{ tasks.note.outputs.text }}',
                 'headers': '{{ tasks.fetch.outputs.headers }}'}"""));
        assertThat(task(definition, "post").inputPointer("headers")).isEqualTo("/connections/0");
        assertThat(task(definition, "post").inputPointer("body")).isEqualTo("/connections/1");
    }

    // ---- problems the reader finds -----------------------------------------------------------------------------

    @Test
    void everyNodeProblemIsReportedAtItsField() {
        List<Problem> problems = readProblems("""
                {'nodes': [
                  {'id': 'a', 'nodeId': 'Echo', 'config': {'text': 'x'}, 'colour': 'red'},
                  {'id': 'a', 'nodeId': 'Echo', 'config': {'text': 'x'}},
                  {'id': 'my-node', 'nodeId': 'Echo', 'config': {'text': 'x'}},
                  {'id': 'c', 'nodeId': 'openai.shout'},
                  {'nodeId': 'Echo', 'label': 7, 'position': {'x': '1'}, 'config': []},
                  {'id': 't1', 'nodeId': 'trigger.manual', 'config': {'inputs': [{'name': 'u', 'type': 'url'}],
                                                                       'schedule': 'daily'}},
                  {'id': 't2', 'nodeId': 'trigger.manual'},
                  'node']}""");

        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/nodes/0/colour",
                "/nodes/1/id", "/nodes/2/id", "/nodes/3/nodeId", "/nodes/4/id", "/nodes/4/label",
                "/nodes/4/position/x", "/nodes/4/position/y", "/nodes/4/config", "/nodes/5/config/schedule",
                "/nodes/5/config/inputs/0/type", "/nodes/6/nodeId", "/nodes/7");
        assertThat(detail(problems, "/nodes/1/id")).isEqualTo("node id 'a' is used twice; /nodes/0 has it too");
        assertThat(detail(problems, "/nodes/2/id")).contains("must start with a letter", "'my-node'");
        assertThat(detail(problems, "/nodes/3/nodeId")).startsWith("unknown node type 'openai.shout'; use"
                + " trigger.manual or a task type: ").contains("http.request");
        assertThat(detail(problems, "/nodes/6/nodeId")).contains("at most one trigger.manual", "/nodes/5");
    }

    @Test
    void everyConnectionProblemIsReportedAtItsField() {
        List<Problem> problems = readProblems("""
                {'nodes': [{'id': 'go', 'nodeId': 'trigger.manual'},
                           {'id': 'fetch', 'nodeId': 'http.request', 'config': {'url': 'https://example.com'}},
                           {'id': 'up', 'nodeId': 'TextOperation.Uppercase', 'config': {'text': 'x'}}],
                 'connections': [
                   {'sourceNodeId': 'nowhere', 'sourcePort': 'text', 'targetNodeId': 'up', 'targetPort': 'text'},
                   {'sourceNodeId': 'fetch', 'sourcePort': 'txt', 'targetNodeId': 'elsewhere', 'targetPort': 'text'},
                   {'sourceNodeId': 'fetch', 'sourcePort': 'text', 'targetNodeId': 'up', 'targetPort': 'body'},
                   {'sourceNodeId': 'fetch', 'sourcePort': 'text', 'targetNodeId': 'up', 'targetPort': 'text'},
                   {'sourceNodeId': 'up', 'sourcePort': 'text', 'targetNodeId': 'up', 'targetPort': 'text'},
                   {'sourceNodeId': 'up', 'sourcePort': 'text', 'targetNodeId': 'go', 'targetPort': 'text'},
                   {'sourceNodeId': 'go', 'sourcePort': 'a b', 'targetNodeId': 'fetch', 'targetPort': 'body'},
                   {'sourceNodeId': 'fetch', 'targetNodeId': 'up', 'targetPort': 7, 'weight': 1}]}""");

        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/connections/0/sourceNodeId",
                "/connections/1/targetNodeId", "/connections/2/targetPort", "/connections/3/targetPort",
                "/connections/4", "/connections/5/targetNodeId", "/connections/6/sourcePort",
                "/connections/7/weight", "/connections/7/sourcePort", "/connections/7/targetPort");
        assertThat(detail(problems, "/connections/0/sourceNodeId"))
                .isEqualTo("no node has id 'nowhere'; the nodes are go, fetch, up");
        assertThat(detail(problems, "/connections/2/targetPort")).isEqualTo("node 'up' (TextOperation.Uppercase)"
                + " has no input port 'body'; its inputs are text, or 'input' for all of them");
        assertThat(detail(problems, "/connections/3/targetPort")).isEqualTo("input 'text' of node 'up' is given in"
                + " its config (/nodes/2/config/text) too; give it in one place");
        assertThat(detail(problems, "/connections/4")).isEqualTo("connects node 'up' to itself");
        assertThat(detail(problems, "/connections/5/targetNodeId")).contains("is the trigger, which takes no inputs");
        assertThat(detail(problems, "/connections/6/sourcePort")).contains("got 'a b'");
    }

    @Test
    void anUnknownSourcePortNamesThePortsThatExist() {
        List<Problem> problems = readProblems("""
                {'nodes': [{'id': 'fetch', 'nodeId': 'http.request', 'config': {'url': 'https://example.com'}},
                           {'id': 'echo', 'nodeId': 'Echo'}],
                 'connections': [
                   {'sourceNodeId': 'fetch', 'sourcePort': 'txt', 'targetNodeId': 'echo', 'targetPort': 'text'}]}""");

        assertThat(detail(problems, "/connections/0/sourcePort")).isEqualTo("node 'fetch' (http.request) has no"
                + " output port 'txt'; its outputs are body, status, headers, text, or 'output' for all of them");
    }

    @Test
    void twoConnectionsIntoOneInputAreAProblemAtTheSecond() {
        List<Problem> problems = readProblems("""
                {'nodes': [{'id': 'a', 'nodeId': 'StaticTextInput', 'config': {'text': 'a'}},
                           {'id': 'b', 'nodeId': 'StaticTextInput', 'config': {'text': 'b'}},
                           {'id': 'echo', 'nodeId': 'Echo'}],
                 'connections': [
                   {'sourceNodeId': 'a', 'sourcePort': 'text', 'targetNodeId': 'echo', 'targetPort': 'text'},
                   {'sourceNodeId': 'b', 'sourcePort': 'text', 'targetNodeId': 'echo', 'targetPort': 'text'},
                   {'sourceNodeId': 'b', 'sourcePort': 'output', 'targetNodeId': 'echo', 'targetPort': 'input'}]}""");

        assertThat(detail(problems, "/connections/1/targetPort")).isEqualTo("input 'text' of node 'echo' is fed by"
                + " /connections/0 already; an input takes one connection");
        assertThat(detail(problems, "/connections/2")).contains("feeds nothing", "(text) are given already");
    }

    @Test
    void twoWholeOutputsMatchingOneInputByNameAreAProblem() {
        List<Problem> problems = readProblems("""
                {'nodes': [{'id': 'a', 'nodeId': 'StaticTextInput', 'config': {'text': 'a'}},
                           {'id': 'b', 'nodeId': 'StaticTextInput', 'config': {'text': 'b'}},
                           {'id': 'join', 'nodeId': 'TextOperation.Concat', 'config': {'with': '!'}}],
                 'connections': [
                   {'sourceNodeId': 'a', 'sourcePort': 'output', 'targetNodeId': 'join', 'targetPort': 'input'},
                   {'sourceNodeId': 'b', 'sourcePort': 'output', 'targetNodeId': 'join', 'targetPort': 'input'}]}""");

        assertThat(detail(problems, "/connections/1")).contains("text (also matched by /connections/0)");
    }

    @Test
    void aMissingRequiredInputIsReportedAtTheNodesConfig() {
        List<Problem> problems = readProblems("{'nodes': [{'id': 'fetch', 'nodeId': 'http.request'}]}");

        assertThat(detail(problems, "/nodes/0/config")).isEqualTo("node 'fetch' (http.request) needs input 'url'"
                + " (text): give it in config or connect an output to it");
    }

    @Test
    void aTaskNodeTakesItsRetriesAndTimeoutAsCloudflareWritesAStepsConfig() {
        GraphDocument document = read("""
                {'nodes': [
                  {'id': 'a', 'nodeId': 'Echo', 'config': {'text': 'x'},
                   'retries': {'limit': 3, 'delay': '2 seconds', 'backoff': 'linear'}, 'timeout': '1 minute'},
                  {'id': 'b', 'nodeId': 'Echo', 'config': {'text': 'x'}, 'retries': {'limit': 0, 'delay': 0}},
                  {'id': 'c', 'nodeId': 'Echo', 'config': {'text': 'x'},
                   'retries': {'limit': 2, 'delay': 500, 'backoff': 'constant'}, 'timeout': 1500},
                  {'id': 'd', 'nodeId': 'Echo', 'config': {'text': 'x'}}]}""");
        Definition definition = document.definition();

        TaskDef a = definition.task("a").orElseThrow();
        assertThat(a.retry()).isEqualTo(RetryPolicy.linear(4, Duration.ofSeconds(2), RetryPolicy.MAX_DELAY));
        assertThat(a.timeout()).isEqualTo(Duration.ofMinutes(1));
        TaskDef b = definition.task("b").orElseThrow();
        assertThat(b.retry()).as("exponential unless told")
                .isEqualTo(new RetryPolicy(1, Duration.ZERO, 2.0, RetryPolicy.MAX_DELAY));
        assertThat(b.timeout()).isNull();
        TaskDef c = definition.task("c").orElseThrow();
        assertThat(c.retry()).isEqualTo(new RetryPolicy(3, Duration.ofMillis(500), 1.0, RetryPolicy.MAX_DELAY));
        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(1500));
        TaskDef d = definition.task("d").orElseThrow();
        assertThat(d.retry()).isNull();
        assertThat(d.timeout()).isNull();
        // Shown back as given.
        assertThat((JsonNode) Json.MAPPER.valueToTree(document.nodes().get(0))).isEqualTo(json("""
                {'id': 'a', 'nodeId': 'Echo', 'config': {'text': 'x'},
                 'retries': {'limit': 3, 'delay': '2 seconds', 'backoff': 'linear'}, 'timeout': '1 minute'}"""));
        assertThat((JsonNode) Json.MAPPER.valueToTree(document.nodes().get(3))).isEqualTo(json("""
                {'id': 'd', 'nodeId': 'Echo', 'config': {'text': 'x'}}"""));
        assertThat(GraphJson.COMPILER.compile(definition).steps()).hasSize(4);
    }

    @Test
    void wrongRetriesAndTimeoutsAreReportedAtTheirFieldsWithTheirRanges() {
        List<Problem> problems = readProblems("""
                {'nodes': [
                  {'id': 'trigger', 'nodeId': 'trigger.manual', 'retries': {'limit': 1, 'delay': 1}, 'timeout': 5},
                  {'id': 'a', 'nodeId': 'Echo', 'config': {'text': 'x'},
                   'retries': {'limit': 21, 'delay': 'soon', 'backoff': 'fibonacci', 'jitter': true}, 'timeout': 0},
                  {'id': 'b', 'nodeId': 'Echo', 'config': {'text': 'x'},
                   'retries': {'delay': '2 hours'}, 'timeout': '2 days'},
                  {'id': 'c', 'nodeId': 'Echo', 'config': {'text': 'x'},
                   'retries': {'limit': 20, 'delay': '1 hour'}, 'timeout': 'PT0.0005S'},
                  {'id': 'd', 'nodeId': 'Echo', 'config': {'text': 'x'}, 'retries': 3, 'timeout': true}]}""");

        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/nodes/0/retries",
                "/nodes/0/timeout", "/nodes/1/retries/limit", "/nodes/1/retries/delay", "/nodes/1/retries/backoff",
                "/nodes/1/retries/jitter", "/nodes/1/timeout", "/nodes/2/retries/limit", "/nodes/2/retries/delay",
                "/nodes/2/timeout", "/nodes/3/retries", "/nodes/3/timeout", "/nodes/4/retries", "/nodes/4/timeout");
        assertThat(detail(problems, "/nodes/0/retries")).contains("the trigger runs no task");
        assertThat(detail(problems, "/nodes/1/retries/limit")).isEqualTo("must be a whole number from 0 to 20");
        assertThat(detail(problems, "/nodes/1/retries/delay")).isEqualTo("must be milliseconds, an ISO-8601"
                + " duration such as 'PT10M', or words such as '10 minutes', got 'soon'; from 0 to an hour");
        assertThat(detail(problems, "/nodes/1/retries/backoff"))
                .isEqualTo("must be constant, linear or exponential, got 'fibonacci'");
        assertThat(detail(problems, "/nodes/1/timeout")).isEqualTo("must be more than 0 and at most a day, got 0");
        assertThat(detail(problems, "/nodes/2/retries/limit")).startsWith("is required: the number of retries")
                .contains("unlimited retries are not taken");
        assertThat(detail(problems, "/nodes/2/retries/delay")).isEqualTo("must be from 0 to an hour, got '2 hours'");
        assertThat(detail(problems, "/nodes/2/timeout"))
                .isEqualTo("must be more than 0 and at most a day, got '2 days'");
        assertThat(detail(problems, "/nodes/3/retries")).startsWith("would wait longer than a day before its last"
                + " retry (retry 20)");
        assertThat(detail(problems, "/nodes/3/timeout"))
                .isEqualTo("must be a whole number of milliseconds, got 'PT0.0005S'");
        assertThat(detail(problems, "/nodes/4/retries")).isEqualTo("must be an object, got integer");
    }

    @Test
    void wrongSettingsAreReportedAtTheirFields() {
        List<Problem> problems = readProblems("""
                {'settings': {'timeout': 0, 'retryOnFailure': 'yes', 'maxRetries': 99, 'concurrency': 2}}""");

        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/settings/timeout",
                "/settings/retryOnFailure", "/settings/maxRetries", "/settings/concurrency");
        assertThat(detail(problems, "/settings/maxRetries")).isEqualTo("must be a whole number from 0 to 20");
    }

    @Test
    void theShapeOfTheBodyIsChecked() {
        assertThat(readProblems("[]")).extracting(Problem::pointer).containsExactly("");
        assertThat(readProblems("{'nodes': {}, 'connections': 'none', 'settings': []}"))
                .extracting(Problem::pointer).containsExactly("/nodes", "/connections", "/settings");
    }

    @Test
    void aGraphHasAtMost500Nodes() {
        StringBuilder nodes = new StringBuilder();
        for (int i = 0; i < 501; i++) {
            nodes.append(i == 0 ? "" : ",").append("{'id': 'n").append(i).append("', 'nodeId': 'Echo'}");
        }

        assertThat(detail(readProblems("{'nodes': [" + nodes + "]}"), "/nodes"))
                .isEqualTo("must have at most 500 nodes, got 501");
    }

    // ---- problems the engine's compiler finds, at the graph's pointers ---------------------------------------

    @Test
    void portTypesThatDoNotFitAreReportedAtTheConnection() {
        List<Problem> problems = compileProblems("""
                {'nodes': [{'id': 'count', 'nodeId': 'TextOperation.Length', 'config': {'text': 'abc'}},
                           {'id': 'up', 'nodeId': 'TextOperation.Uppercase'}],
                 'connections': [{'sourceNodeId': 'count', 'sourcePort': 'length', 'targetNodeId': 'up',
                                  'targetPort': 'text'}]}""");

        assertThat(problems).extracting(Problem::pointer).containsExactly("/connections/0");
        assertThat(problems.getFirst().detail()).contains("takes text but tasks.count.outputs.length is integer");
    }

    @Test
    void aCycleIsReportedAtAConnectionClosingIt() {
        List<Problem> problems = compileProblems("""
                {'nodes': [{'id': 'a', 'nodeId': 'Echo'}, {'id': 'b', 'nodeId': 'Echo'}],
                 'connections': [
                   {'sourceNodeId': 'a', 'sourcePort': 'text', 'targetNodeId': 'b', 'targetPort': 'text'},
                   {'sourceNodeId': 'b', 'sourcePort': 'text', 'targetNodeId': 'a', 'targetPort': 'text'}]}""");

        assertThat(problems).extracting(Problem::pointer).containsExactly("/connections/1");
        assertThat(problems.getFirst().detail()).contains("a -> b -> a");
    }

    @Test
    void configProblemsAreReportedInTheNodesConfig() {
        List<Problem> problems = compileProblems("""
                {'nodes': [{'id': 'up', 'nodeId': 'TextOperation.Uppercase',
                            'config': {'text': '{{ inputs.missing }}', 'shout': true}}]}""");

        assertThat(problems).extracting(Problem::pointer).containsExactlyInAnyOrder("/nodes/0/config/text",
                "/nodes/0/config/shout");
    }
}
