package io.dataflow.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dataflow.engine.expression.Reference.Kind;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

class TemplateTests {

    private static final JsonNode CONTEXT = Json.parse("""
            {"inputs": {"text": "hello", "n": 5, "ratio": 2.5, "flag": true, "nothing": null,
                        "tags": ["a", "b"], "person": {"name": "Ada", "age": 36}},
             "tasks": {"t1": {"outputs": {"text": "HELLO", "items": [{"price": 5}, {"price": 20}]}},
                       "my task": {"outputs": {"x": 7}}},
             "workflow": {"id": "wf-1"},
             "execution": {"id": "ex-1"}}
            """);

    private final TemplateResolver resolver = new TemplateResolver();

    private JsonNode resolve(String json) throws TemplateException {
        return resolver.resolve(Json.parse(json), CONTEXT);
    }

    @Nested
    class Resolve {

        @Test
        void singleTemplateKeepsTheResultType() throws TemplateException {
            assertThat(resolve("\"{{ inputs.n }}\"")).isEqualTo(Json.parse("5"));
            assertThat(resolve("\"{{inputs.ratio}}\"")).isEqualTo(Json.parse("2.5"));
            assertThat(resolve("\"  {{ inputs.flag }} \"")).isEqualTo(Json.parse("true"));
            assertThat(resolve("\"{{ inputs.tags }}\"")).isEqualTo(Json.parse("[\"a\",\"b\"]"));
            assertThat(resolve("\"{{ inputs.person }}\"")).isEqualTo(Json.parse("{\"name\":\"Ada\",\"age\":36}"));
            assertThat(resolve("\"{{ inputs.nothing }}\"")).isEqualTo(Json.parse("null"));
            assertThat(resolve("\"{{ inputs.text }}\"")).isEqualTo(Json.parse("\"hello\""));
        }

        @Test
        void integralArithmeticStaysAnInteger() throws TemplateException {
            JsonNode doubled = resolve("\"{{ inputs.n * 2 }}\"");
            assertThat(doubled.isIntegralNumber()).isTrue();
            assertThat(doubled.intValue()).isEqualTo(10);
            assertThat(resolve("\"n={{ inputs.n * 2 }}\"")).isEqualTo(Json.parse("\"n=10\""));
        }

        @Test
        void undefinedSingleTemplateIsNull() throws TemplateException {
            assertThat(resolve("\"{{ inputs.missing }}\"").isNull()).isTrue();
        }

        @Test
        void mixedTextInterpolates() throws TemplateException {
            assertThat(resolve("\"{{ inputs.text }}, {{ inputs.person.name }}!\"")).isEqualTo(Json.parse("\"hello, Ada!\""));
            assertThat(resolve("\"n={{inputs.n}} flag={{inputs.flag}} tags={{inputs.tags}} p={{inputs.person}}\""))
                    .isEqualTo(Json.parse("\"n=5 flag=true tags=[\\\"a\\\",\\\"b\\\"] p={\\\"name\\\":\\\"Ada\\\",\\\"age\\\":36}\""));
        }

        @Test
        void undefinedInterpolatesAsNothingAndNullAsNull() throws TemplateException {
            assertThat(resolve("\"[{{ inputs.missing }}]\"")).isEqualTo(Json.parse("\"[]\""));
            assertThat(resolve("\"[{{ inputs.nothing }}]\"")).isEqualTo(Json.parse("\"[null]\""));
        }

        @Test
        void nestedObjectsAndArraysAreResolvedAndCopied() throws TemplateException {
            JsonNode value = Json.parse("""
                    {"url": "https://example.test/{{ inputs.text }}",
                     "body": {"count": "{{ inputs.n }}", "list": ["{{ inputs.flag }}", 3, null, "plain"]},
                     "upper": "{{ tasks.t1.outputs.text }}",
                     "expensive": "{{ tasks.t1.outputs.items[price > 10].price }}",
                     "quoted": "{{ tasks.`my task`.outputs.x }}"}
                    """);
            JsonNode resolved = resolver.resolve(value, CONTEXT);
            assertThat(resolved).isEqualTo(Json.parse("""
                    {"url": "https://example.test/hello",
                     "body": {"count": 5, "list": [true, 3, null, "plain"]},
                     "upper": "HELLO",
                     "expensive": 20,
                     "quoted": 7}
                    """));
            assertThat(value.get("body").get("count").stringValue()).isEqualTo("{{ inputs.n }}");
        }

        @Test
        void objectConstructorsAndStringLiteralsMayHoldBraces() throws TemplateException {
            assertThat(resolve("\"{{ {'a': {'b': inputs.n}} }}\"")).isEqualTo(Json.parse("{\"a\":{\"b\":5}}"));
            assertThat(resolve("\"{{ '{{' }}name}}\"")).isEqualTo(Json.parse("\"{{name}}\""));
        }

        @Test
        void literalsWithoutTemplatesAreUnchanged() throws TemplateException {
            assertThat(resolve("{\"a\": \"}} plain {\", \"b\": 1.5, \"c\": false}"))
                    .isEqualTo(Json.parse("{\"a\": \"}} plain {\", \"b\": 1.5, \"c\": false}"));
            assertThat(resolver.resolve(null, CONTEXT).isNull()).isTrue();
        }

        @Test
        void failuresNameTheExpressionAndItsPointer() {
            assertThatThrownBy(() -> resolve("{\"a\": [\"ok\", \"x {{ inputs.text + 1 }}\"]}"))
                    .isInstanceOfSatisfying(TemplateException.class, e -> {
                        assertThat(e.expression()).isEqualTo(" inputs.text + 1 ");
                        assertThat(e.pointer()).isEqualTo("/a/1");
                        assertThat(e.getMessage()).contains("inputs.text + 1").contains("must evaluate to a number")
                                .contains("T2001");
                    });
        }

        @Test
        void exceptionsFromInsideTheLibraryAreTemplateFailuresToo() {
            // dashjoin lets a NumberFormatException out where JSONata specifies error D3030.
            assertThatThrownBy(() -> resolve("\"{{ $number('abc') }}\""))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("$number('abc')");
        }

        @Test
        void aFunctionIsNotAValue() {
            assertThatThrownBy(() -> resolve("\"{{ $uppercase }}\""))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("function");
        }

        @Test
        void anUnclosedTemplateFails() {
            assertThatThrownBy(() -> resolve("{\"a\": \"x {{ inputs.text\"}"))
                    .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.pointer()).isEqualTo("/a"))
                    .hasMessageContaining("no closing");
        }

        @Test
        void endlessRecursionIsStoppedByTheTimeout() {
            TemplateResolver bounded = new TemplateResolver(new ExpressionLimits(Duration.ofMillis(100), 200));
            // A tail call: JSONata loops without growing the stack, so only the timeout can stop it.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> bounded.resolve(Json.parse("\"{{ ($f := function($x){$f($x)}; $f(1)) }}\""), CONTEXT))
                            .isInstanceOf(TemplateException.class)
                            .hasMessageContaining("timeout"));
        }

        @Test
        void boundsHoldInsideHigherOrderBuiltIns() {
            TemplateResolver bounded = new TemplateResolver(new ExpressionLimits(Duration.ofMillis(50), 200));
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> bounded.resolve(Json.parse("\"{{ $sort([1..1000000], function($a, $b){ $a < $b }) }}\""), CONTEXT))
                            .isInstanceOf(TemplateException.class)
                            .hasMessageContaining("timeout")
                            .hasMessageNotContaining("RuntimeException"));
        }

        @Test
        void deepRecursionIsStoppedByTheDepthLimit() {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> resolve("\"{{ ($f := function($x){1 + $f($x)}; $f(1)) }}\""))
                            .isInstanceOf(TemplateException.class)
                            .hasMessageContaining("Stack overflow"));
        }

        @Test
        void concurrentResolutionsDoNotInterfere() throws Exception {
            JsonNode template = Json.parse("{\"sum\": \"{{ $sum(inputs.values) }}\", \"now\": \"{{ $millis() }}\"}");
            long started = System.currentTimeMillis();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<JsonNode>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    JsonNode context = Json.parse("{\"inputs\": {\"values\": [" + n + ", " + n + "]}}");
                    results.add(pool.submit(() -> resolver.resolve(template, context)));
                }
                for (int i = 0; i < results.size(); i++) {
                    JsonNode result = results.get(i).get();
                    assertThat(result.get("sum").intValue()).isEqualTo(2 * i);
                    assertThat(result.get("now").longValue()).isGreaterThanOrEqualTo(started);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class Check {

        @Test
        void validTemplatesHaveNoProblems() {
            JsonNode value = Json.parse("{\"a\": \"{{ inputs.x }} and {{ $uppercase(tasks.t.outputs.y) }}\", \"b\": [1, \"{{ {'k': 1} }}\"]}");
            assertThat(Templates.check(value, "/tasks/0/inputs")).isEmpty();
        }

        @Test
        void syntaxErrorsAreReportedAtTheirStrings() {
            JsonNode value = Json.parse("""
                    {"ok": "{{ inputs.x }}",
                     "bad": "x {{ inputs. }}",
                     "list": ["fine", "{{ (1 }}"],
                     "a/b~c": "{{ }}"}
                    """);
            List<Problem> problems = Templates.check(value, "/tasks/0/inputs");
            assertThat(problems).extracting(Problem::pointer)
                    .containsExactly("/tasks/0/inputs/bad", "/tasks/0/inputs/list/1", "/tasks/0/inputs/a~1b~0c");
            assertThat(problems.get(0).detail()).contains("inputs.").contains("Unexpected end of expression");
            assertThat(problems.get(1).detail()).contains("(1").contains("Expected \")\"");
            assertThat(problems.get(2).detail()).contains("empty");
        }

        @Test
        void unclosedTemplatesAreReported() {
            List<Problem> problems = Templates.check(Json.parse("[\"{{ inputs.x }} {{ inputs.y\"]"), "");
            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.pointer()).isEqualTo("/0");
                assertThat(p.detail()).contains("{{ inputs.y").contains("no closing");
            });
        }
    }

    @Nested
    class References {

        @Test
        void findsEveryRootWithItsPointer() {
            JsonNode value = Json.parse("""
                    {"a": "{{ inputs.text }} {{ tasks.t1.outputs.text }}",
                     "b": {"c": ["{{ tasks.t2 }}", "{{ $count(tasks.t3.outputs) + workflow.id.length }}"]},
                     "d": "{{ execution.id & $.inputs.n & $$.inputs.m }}",
                     "e/f": "{{ tasks.`my task`.outputs.`the port` }}"}
                    """);
            assertThat(Templates.references(value, "/t")).containsExactly(
                    new Located<>("/t/a", Reference.input("text")),
                    new Located<>("/t/a", Reference.task("t1", "text")),
                    new Located<>("/t/b/c/0", Reference.task("t2", null)),
                    new Located<>("/t/b/c/1", Reference.task("t3", null)),
                    new Located<>("/t/b/c/1", new Reference(Kind.WORKFLOW, "id", null)),
                    new Located<>("/t/d", new Reference(Kind.EXECUTION, "id", null)),
                    new Located<>("/t/d", Reference.input("n")),
                    new Located<>("/t/d", Reference.input("m")),
                    new Located<>("/t/e~1f", Reference.task("my task", "the port")));
        }

        @Test
        void ignoresStringsCommentsVariablesAndPathSteps() {
            JsonNode value = Json.parse("""
                    "{{ 'inputs.a' & \\"tasks.b\\" /* inputs.c */ & $inputs.d & items.inputs.e & $match(x, /inputs.f/) & inputs.g }}"
                    """);
            assertThat(Templates.references(value)).extracting(Located::value).containsExactly(Reference.input("g"));
        }

        @Test
        void reportsAWholeRootAndRepeatsOnce() {
            assertThat(Templates.references(Json.parse("\"{{ $keys(inputs) }} {{ inputs.a }} {{ inputs.a }}\"")))
                    .extracting(Located::value)
                    .containsExactly(new Reference(Kind.INPUT, null, null), Reference.input("a"));
        }

        @Test
        void describesItselfAsAPath() {
            assertThat(Reference.task("t1", "text")).hasToString("tasks.t1.outputs.text");
            assertThat(Reference.input("x")).hasToString("inputs.x");
        }
    }

    @Nested
    class ContextPaths {

        private List<String> read(String expression) {
            return Templates.contextPaths(StringNode.valueOf("{{ " + expression + " }}"), "").stream()
                    .map(located -> located.value().toString()).toList();
        }

        @Test
        void findsWhatAPathReadsFromTheTopWithItsPointer() {
            JsonNode value = Json.parse("""
                    {"a": "Hi {{ input.u }}! {{ inputs.name }}", "b": ["{{ tasks.a.output.text }}"]}
                    """);
            assertThat(Templates.contextPaths(value, "/t")).containsExactly(
                    new Located<>("/t/a", new ContextPath(List.of("input", "u"))),
                    new Located<>("/t/a", new ContextPath(List.of("inputs", "name"))),
                    new Located<>("/t/b/0", new ContextPath(List.of("tasks", "a", "output"))));
        }

        @Test
        void keepsAtMostThreeNamesAndStopsAtAnythingButAName() {
            assertThat(read("tasks.a.outputs.text.length")).containsExactly("tasks.a.outputs");
            assertThat(read("text")).containsExactly("text");
            assertThat(read("workflow.`the id`[0]")).containsExactly("workflow.the id");
            assertThat(read("inputs.list[0].name")).containsExactly("inputs.list");
        }

        @Test
        void namesThatStartAPathWhereTheTopIsReadAreFound() {
            assertThat(read("text")).containsExactly("text");
            assertThat(read("$.input.a & $$.inpts.b")).containsExactly("input.a", "inpts.b");
            assertThat(read("inputs.a & b + c.d")).containsExactly("inputs.a", "b", "c.d");
            assertThat(read("inputs.n > 3 ? big : small")).containsExactly("inputs.n", "big", "small");
            assertThat(read("{'k': k1, 'l': [l1, (l2)]}")).containsExactly("k1", "l1", "l2");
            assertThat(read("$string(s1) & $count([s2])")).containsExactly("s1", "s2");
            assertThat(read("($x := x1; $x.y)")).containsExactly("x1");
            assertThat(read("inputs.l ~> $map(function($v){ $v & body })")).containsExactly("inputs.l", "body");
            assertThat(read("-neg")).containsExactly("neg");
        }

        @Test
        void namesThatReadTheCurrentItemAreLeftOut() {
            for (String expression : List.of("inputs.items[price > 1 and $.kind = 'a']",
                    "(inputs.items)[price > 1]", "[1, 2][$ > 1]", "inputs.items.(price * quantity)",
                    "inputs.items.{'p': price}", "inputs.items.[price]", "inputs.items{kind: $sum(price)}",
                    "inputs.items^(>price, <name)", "inputs.items.$string(price)", "inputs.items#$i[$i < cap]",
                    "inputs.order ~> |items|{'total': price * quantity}, ['gone']|",
                    "inputs.items.($f := function($x){ price }; $f(1))", "tasks.*[kind]", "inputs.a.%[kind]")) {
                assertThat(read(expression)).as(expression).allMatch(path -> path.matches("(inputs|tasks)(\\..*)?"));
            }
        }

        @Test
        void theTopIsReadInsideAnItemScopeOnlyThroughDoubleDollar() {
            assertThat(read("inputs.items[price > $$.inputs.min]")).containsExactly("inputs.items", "inputs.min");
            assertThat(read("inputs.items[price > $.inputs.min]")).containsExactly("inputs.items");
        }

        @Test
        void keywordsSignaturesStringsCommentsAndVariablesAreNotPaths() {
            assertThat(read("($f := function($a, $b)<nn:n>{ $a + $b }; λ($x){ $x }(1) & $f(1, 2))")).isEmpty();
            assertThat(read("'text' & \"more\" /* words */ & $var & $match('x', /word/) & true & null")).isEmpty();
            assertThat(read("inputs.a in ['x'] or inputs.b and inputs.c")).containsExactly("inputs.a", "inputs.b",
                    "inputs.c");
        }
    }

    @Nested
    class ExactPath {

        @Test
        void plainPathsAreExact() {
            assertThat(Templates.exactPath(Json.parse("\"{{inputs.text}}\""))).contains(Reference.input("text"));
            assertThat(Templates.exactPath(Json.parse("\" {{ tasks . t1 . outputs . text }} \"")))
                    .contains(Reference.task("t1", "text"));
            assertThat(Templates.exactPath(Json.parse("\"{{ tasks.`my task`.outputs.x }}\"")))
                    .contains(Reference.task("my task", "x"));
        }

        @Test
        void anythingElseIsNot() {
            for (String json : List.of("\"{{ inputs.a.b }}\"", "\"x {{ inputs.a }}\"", "\"{{ inputs.a }}{{ inputs.b }}\"",
                    "\"{{ tasks.t1.outputs }}\"", "\"{{ $string(inputs.a) }}\"", "\"{{ inputs.a[0] }}\"",
                    "\"inputs.a\"", "5", "{\"a\": \"{{ inputs.a }}\"}", "\"{{ workflow.id }}\"")) {
                assertThat(Templates.exactPath(Json.parse(json))).as(json).isEmpty();
            }
        }
    }
}
