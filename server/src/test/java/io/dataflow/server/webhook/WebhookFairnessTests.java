package io.dataflow.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.server.support.Api;
import io.dataflow.server.support.TestDatabase;
import io.dataflow.server.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One tenant's dead receiver does not hold up another tenant's webhooks (issue 9, finding 3): organization A has a
 * thousand executions whose receiver accepts connections and never answers; organization B's first event still
 * arrives at once, while A's events are all still waiting.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WebhookFairnessTests {

    private static final int BACKLOG = 1_000;
    /** Generous: B's event goes out as soon as it is written; before the fix it came after minutes. */
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Parameter
    TestDatabase database;

    @Test
    void aTenantWhoseReceiverNeverAnswersDoesNotDelayAnotherTenantsWebhooks() throws Exception {
        try (TestServer server = TestServer.start(database, Map.of("DATAFLOW_WEBHOOK_TIMEOUT_MS", "2000",
                // the backlog is started as fast as the server takes it; the start rate limit is not what is tested
                "DATAFLOW_LIMIT_STARTS_PER_SECOND", "1000000"));
                SilentReceiver dead = new SilentReceiver();
                WebhookReceiver healthy = WebhookReceiver.answering200()) {
            Api a = server.api();
            Api b = server.newOrganization("B " + UUID.randomUUID());
            String organizationA = a.get("/organization").body().get("organization_id").asString();

            String workflowA = a.createWorkflow(oneStep());
            Instant backlogStarted = Instant.now();
            startConcurrently(a, workflowA, dead.url(), BACKLOG);
            System.out.println("[" + database + "] A started " + BACKLOG + " executions in "
                    + Duration.between(backlogStarted, Instant.now()).toMillis() + " ms");
            awaitTrue(() -> dead.connections() > 0, "the sender to try A's receiver");

            String workflowB = b.createWorkflow(oneStep());
            Instant started = Instant.now();
            assertThat(b.post("/workflows/" + workflowB + "/execute", "{\"webhook_url\": \"" + healthy.url() + "\"}")
                    .status()).isEqualTo(202);
            healthy.awaitDelivered(1, DEADLINE);
            System.out.println("[" + database + "] B's first webhook arrived " + Duration.between(started,
                    Instant.now()).toMillis() + " ms after its start, with A's " + BACKLOG
                    + " executions waiting on a receiver that never answers");

            // A's backlog is still there: none of its events got through, each execution's first still waits.
            assertThat(countOf(server, organizationA, "DELIVERED")).isZero();
            assertThat(countOf(server, organizationA, "PENDING")).isGreaterThanOrEqualTo(BACKLOG);
        }
    }

    /** Seed 000's shortest workflow: one step, so five events per execution. */
    private static String oneStep() {
        return """
                { "name": "Fairness %s", "steps": [ { "type": "Echo", "input": "x" } ] }""".formatted(UUID.randomUUID());
    }

    /** Starts {@code count} executions through the API, a few at a time, each reporting to {@code webhook}. */
    private static void startConcurrently(Api api, String workflowId, String webhook, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> starts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                starts.add(pool.submit(() -> api.post("/workflows/" + workflowId + "/execute",
                        "{\"webhook_url\": \"" + webhook + "\"}").status()));
            }
            for (Future<Integer> start : starts) {
                assertThat(start.get()).isEqualTo(202);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int countOf(TestServer server, String organizationId, String status) {
        return server.engine().database().read(sql -> sql.one("SELECT COUNT(*) AS n FROM webhook_deliveries"
                + " WHERE organization_id = ? AND status = ?", r -> r.integer("n"), organizationId, status))
                .orElseThrow();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited " + WAIT + " for " + what);
            }
            WebhookReceiver.pause();
        }
    }
}
