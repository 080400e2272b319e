package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataflow.engine.ExecutionService.StartRequest;
import io.dataflow.engine.model.CredentialPolicy;
import io.dataflow.engine.model.CredentialPolicy.UsableBy;
import io.dataflow.engine.model.CredentialRefusedException;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.model.StartedBy;
import io.dataflow.engine.model.TaskRun;
import io.dataflow.engine.model.TaskStatus;
import io.dataflow.engine.net.GuardedHttp;
import io.dataflow.engine.net.OutboundGuard;
import io.dataflow.engine.spi.CredentialVault;
import io.dataflow.engine.store.ExecutionStore.ExecutionDetail;
import io.dataflow.engine.testing.EngineHarness;
import io.dataflow.engine.testing.Gate;
import io.dataflow.engine.testing.LocalHttpServer;
import io.dataflow.engine.testing.TestDatabase;
import io.dataflow.engine.testing.TestDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The credentials' rules applied by the engine to the execution's starter, when its tasks run and, for templates,
 * when it starts; and what a task leaves behind keeping even the encoded forms of a secret out.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class CredentialRulesTests {

    private static final StartedBy MEMBER = StartedBy.key("key-member", false);
    /** A secret whose URL-encoded, JSON and base64 forms all differ from it. */
    private static final String SECRET = "p@ss/w+rd=" + UUID.randomUUID().toString().replace("-", "");
    /** The webhook of the executions: the engine only writes its events, so the URL is never called. */
    private static final String WEBHOOK = "http://127.0.0.1:9/hook";
    /** The reproduction: reverse the secret, base64 it, and output both. */
    private static final String REVERSE_AND_ENCODE = """
            {'data': '{{ secrets.api.api_key }}',
             'expression': '[$join($reverse($split($, \\'\\')), \\'\\'), $base64encode($)]'}""";

    private static TestDatabase.Fresh database;

    @Parameter
    TestDatabase kind;

    private final Map<String, CredentialVault.Entry> credentials = new ConcurrentHashMap<>();
    private final LocalHttpServer web = new LocalHttpServer();
    private final GuardedHttp http = new GuardedHttp(new OutboundGuard(true), 1 << 20);
    private EngineHarness engine;

    /** A vault over {@link #credentials}, whose rules a test may change between a start and a run. */
    private final CredentialVault vault = new CredentialVault() {
        @Override
        public Optional<ObjectNode> find(String organizationId, String name) {
            return entry(organizationId, name).map(Entry::value);
        }

        @Override
        public Optional<Entry> entry(String organizationId, String name) {
            return Optional.ofNullable(credentials.get(name)).map(e -> new Entry(e.value().deepCopy(), e.policy()));
        }
    };

    @AfterParameterizedClassInvocation
    static void dropDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    @BeforeEach
    void startEngine() {
        if (database == null) {
            database = kind.fresh();
        }
        engine = EngineHarness.start(database.database(), http, vault);
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        http.close();
        web.close();
    }

    private void credential(String name, UsableBy usableBy, boolean templates) {
        credentials.put(name, new CredentialVault.Entry(Json.object().put("api_key", SECRET).put("password", SECRET),
                new CredentialPolicy(usableBy, templates)));
    }

    private Execution start(String workflow, StartedBy starter) {
        return engine.start(workflow, new StartRequest(Json.object(), WEBHOOK, "api.dataflow", starter));
    }

    @Test
    void aMemberCannotStartTemplatesThatReadAnAdminsOnlyCredential() {
        credential("api", UsableBy.ADMINS, true);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("leak", "json.transform", REVERSE_AND_ENCODE));

        assertThatThrownBy(() -> start(workflow, MEMBER)).isInstanceOf(CredentialRefusedException.class)
                .hasMessage("credential 'api' may be used only by executions started with an admin key, and this one"
                        + " was started by a key without the admin scope");
        assertThat(engine.engine().executions().list(engine.organizationId(), workflow, Set.of(), null, 10).items())
                .isEmpty();
    }

    @Test
    void noOneCanStartTemplatesThatReadACredentialClosedToTemplates() {
        credential("api", UsableBy.ORGANIZATION, false);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("leak", "json.transform", REVERSE_AND_ENCODE));

        assertThatThrownBy(() -> start(workflow, EngineHarness.ADMIN)).isInstanceOf(CredentialRefusedException.class)
                .hasMessageContaining("credential 'api' may not be read by {{ secrets }} templates");
    }

    @Test
    void aTemplateReadIsRefusedWhenTheTaskRunsIfTheRulesChangedSinceTheStart() throws Exception {
        assertRefusedAtRunTime(MEMBER, UsableBy.ADMINS, true, "may be used only by executions started with an admin"
                + " key");
    }

    @Test
    void templatesClosedAfterTheStartAreRefusedEvenToAnAdminsExecution() throws Exception {
        assertRefusedAtRunTime(EngineHarness.ADMIN, UsableBy.ORGANIZATION, false,
                "may not be read by {{ secrets }} templates");
    }

    /**
     * Starts the reproduction while the credential is open to everyone, holds it at a gate, changes the rules, and
     * lets it run: the task fails at once, for good, and the secret is nowhere.
     */
    private void assertRefusedAtRunTime(StartedBy starter, UsableBy usableBy, boolean templates, String rule)
            throws Exception {
        credential("api", UsableBy.ORGANIZATION, true);
        String gate = "rules-" + UUID.randomUUID();
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("hold", "Test.Gate", "{'gate': '" + gate + "', 'value': ''}")
                .task("leak", "json.transform", """
                        {'data': '{{ tasks.hold.outputs.value & secrets.api.api_key }}',
                         'expression': '$join($reverse($split($, \\'\\')), \\'\\')'}"""));
        Execution execution = start(workflow, starter);
        Gate.Handle handle = engine.gate().named(gate);
        handle.awaitEntered();

        credential("api", usableBy, templates);
        handle.open();
        ExecutionDetail done = engine.awaitTerminal(execution);

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        TaskRun leak = done.tasks().stream().filter(t -> t.name().equals("leak")).findFirst().orElseThrow();
        assertThat(leak.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(leak.attempts()).hasSize(1);
        assertThat(leak.error().get("message").asString()).contains("credential 'api'").contains(rule);
        assertNowhere(done, SECRET, reversed(SECRET));
    }

    @Test
    void aTaskTypesOwnCredentialInputFollowsWhoMayUseIt() {
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("use", "Test.ReadsCredential", "{'credential': 'api'}"));

        credential("api", UsableBy.ADMINS, false);
        ExecutionDetail refused = engine.awaitTerminal(start(workflow, MEMBER));
        ExecutionDetail admins = engine.awaitTerminal(start(workflow, EngineHarness.ADMIN));
        credential("api", UsableBy.ORGANIZATION, false);
        ExecutionDetail members = engine.awaitTerminal(start(workflow, MEMBER));

        assertThat(refused.execution().status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(refused.tasks().getFirst().attempts()).hasSize(1);
        assertThat(refused.tasks().getFirst().error().get("message").asString()).isEqualTo("credential 'api' may be"
                + " used only by executions started with an admin key, and this one was started by a key without the"
                + " admin scope");
        // Closed to templates, but the task's own input still gets it; what it returns is redacted.
        for (ExecutionDetail allowed : List.of(admins, members)) {
            assertThat(allowed.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
            assertThat(allowed.tasks().getFirst().output().get("value").asString()).isEqualTo("the key is [redacted]");
        }
        assertNowhere(refused, SECRET);
        assertNowhere(members, SECRET);
    }

    @Test
    void whatAnAllowedTemplateReadsIsRedacted() {
        credential("api", UsableBy.ORGANIZATION, true);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("pass", "json.transform", "{'data': '{{ secrets.api.api_key }}', 'expression': '$'}"));

        ExecutionDetail done = engine.awaitTerminal(start(workflow, MEMBER));

        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.tasks().getFirst().output().get("result").asString()).isEqualTo("[redacted]");
        assertNowhere(done, SECRET);
    }

    @Test
    void aSecretSentInAQueryIsRedactedFromTheOutputAndTheWebhooks() {
        // The server answers with the request line, so the output holds the query as sent.
        web.handle("/echo", exchange -> LocalHttpServer.send(exchange, 200, "text/plain",
                exchange.getRequestURI().getRawQuery()));
        credential("api", UsableBy.ADMINS, true);
        String workflow = engine.createWorkflow(new TestDefinition()
                .task("call", "http.request", "{'url': '" + web.url("/echo")
                        + "', 'query': {'key': '{{ secrets.api.password }}', 'page': 2}}"));

        ExecutionDetail done = engine.awaitTerminal(start(workflow, EngineHarness.ADMIN));

        String sent = URLEncoder.encode(SECRET, StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(web.last().uri()).contains("key=" + sent);
        assertThat(done.execution().status()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(done.tasks().getFirst().output().get("text").asString()).isEqualTo("key=[redacted]&page=2");
        List<String> webhooks = webhookBodies(done.execution());
        assertThat(webhooks).isNotEmpty();
        assertThat(String.join("\n", webhooks)).contains("key=[redacted]&page=2");
        assertNowhere(done, SECRET, sent);
    }

    /** None of the texts in the execution, its tasks (inputs, outputs, errors, attempts) or its webhook events. */
    private void assertNowhere(ExecutionDetail detail, String... texts) {
        List<String> seen = new ArrayList<>();
        seen.add(detail.toString());
        seen.addAll(webhookBodies(detail.execution()));
        List<String> forms = new ArrayList<>();
        for (String text : texts) {
            forms.add(text);
            forms.add(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(forms));
    }

    private List<String> webhookBodies(Execution execution) {
        return engine.engine().database().read(sql -> sql.query("SELECT payload FROM webhook_deliveries"
                + " WHERE execution_id = ? ORDER BY sequence", r -> r.string("payload"), execution.id()));
    }

    private static String reversed(String text) {
        return new StringBuilder(text).reverse().toString();
    }
}
