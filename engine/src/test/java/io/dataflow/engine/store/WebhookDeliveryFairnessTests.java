package io.dataflow.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataflow.engine.model.Definition;
import io.dataflow.engine.model.Execution;
import io.dataflow.engine.model.ExecutionStatus;
import io.dataflow.engine.model.Json;
import io.dataflow.engine.store.WebhookDeliveryStore.Attempt;
import io.dataflow.engine.store.WebhookDeliveryStore.Claim;
import io.dataflow.engine.store.WebhookDeliveryStore.Delivery;
import io.dataflow.engine.testing.SettableClock;
import io.dataflow.engine.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Webhook claims on each database, with a settable clock: a claim takes no more than its quota per target and per
 * organization, and the circuit breaker parks a failing target's deliveries (holding no slot, never claimed while
 * open), lets exactly one probe through when half-open, and releases everything when the target answers again.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class WebhookDeliveryFairnessTests {

    private static final String DEAD = "http://dead.example:8080/hook";
    private static final String HEALTHY = "https://healthy.example/hook";
    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Duration COOLDOWN = Duration.ofSeconds(10);
    private static final BreakerPolicy BREAKER = new BreakerPolicy(3, COOLDOWN, Duration.ofMinutes(10));
    private static final Attempt NO_ANSWER = new Attempt(false, null, "no answer", 2_000, true);
    private static final Attempt ANSWERED = new Attempt(true, 200, null, 5, false);

    @Parameter
    TestDatabase kind;

    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private StoreFixture stores;
    private WebhookDeliveryStore deliveries;

    @BeforeEach
    void openDatabase() {
        stores = new StoreFixture(kind, clock, "webhooks");
        deliveries = new WebhookDeliveryStore(stores.database, clock);
    }

    @AfterEach
    void dropDatabase() {
        if (stores != null) { // null when PostgreSQL is skipped
            stores.close();
        }
    }

    @Test
    void aClaimTakesNoMoreThanItsQuotaPerTargetAndPerOrganization() {
        for (int i = 0; i < 6; i++) {
            stores.start("http://one.example/hook/" + i);
        }
        stores.start("http://two.example:8080/hook");
        String other = otherOrganization();
        startFor(other, "http://three.example/hook");

        Claim claim = deliveries.claimDue(new DeliveryQuota(64, 3, 4, Map.of(), Map.of()), LEASE);

        assertThat(claim.deliveries()).extracting(Delivery::target).containsExactlyInAnyOrder("one.example:80",
                "one.example:80", "one.example:80", "two.example:8080", "three.example:80");
        assertThat(claim.more()).isFalse();

        // What the node has in flight counts: a full target is not even read, a full organization neither.
        Claim next = deliveries.claimDue(new DeliveryQuota(64, 3, 4, Map.of("one.example:80", 3),
                Map.of(stores.organizationId, 3)), LEASE);
        assertThat(next.deliveries()).isEmpty();
        clock.advance(LEASE.plusSeconds(1)); // the first claim's leases expire: all eight are due again
        Claim afterLease = deliveries.claimDue(new DeliveryQuota(64, 3, 4, Map.of("one.example:80", 2),
                Map.of(stores.organizationId, 3, other, 4)), LEASE);
        assertThat(afterLease.deliveries()).extracting(Delivery::target).containsExactly("one.example:80");
    }

    @Test
    void aFailingTargetIsParkedWithoutHoldingSlotsProbedOnceAndReleasedWhenItAnswers() {
        List<Execution> dead = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            dead.add(stores.start(DEAD));
        }
        List<Delivery> firstWave = claimAll();
        assertThat(firstWave).hasSize(5).allMatch(d -> d.target().equals("dead.example:8080") && !d.probe());

        // Three failures in a row open the breaker; the attempts that were already under way only count.
        Instant openedAt = clock.instant();
        assertThat(fail(firstWave.get(0))).isEmpty();
        assertThat(fail(firstWave.get(1))).isEmpty();
        assertThat(fail(firstWave.get(2))).contains(openedAt.plus(COOLDOWN));
        assertThat(fail(firstWave.get(3))).isEmpty();
        assertThat(fail(firstWave.get(4))).isEmpty();
        assertThat(nextAttempts(DEAD)).allMatch(at -> !at.isBefore(openedAt.plus(COOLDOWN)));
        assertThat(deliveries.claimDue(quota(), LEASE).deliveries()).isEmpty();

        // An event written while the target is held back waits with the others (behind its execution's first,
        // which the first failure parked, so it is never a probe); a healthy target is not held up, even with a
        // single slot.
        Execution second = dead.stream().filter(e -> e.id().equals(firstWave.getFirst().executionId()))
                .findFirst().orElseThrow();
        writeEvent(second);
        assertThat(nextAttempts(DEAD)).hasSize(6).allMatch(at -> !at.isBefore(openedAt.plus(COOLDOWN)));
        Execution healthy = stores.start(HEALTHY);
        clock.advance(Duration.ofSeconds(5));
        List<Delivery> healthyOnly = deliveries.claimDue(new DeliveryQuota(1, 8, 16, Map.of(), Map.of()), LEASE)
                .deliveries();
        assertThat(healthyOnly).extracting(Delivery::executionId).containsExactly(healthy.id());
        deliveries.recordAttempt(healthyOnly.getFirst(), ANSWERED, null, BREAKER);

        // Half-open: one probe, however many claims; it fails and the wait doubles.
        clock.advance(Duration.ofSeconds(5));
        List<Delivery> probes = claimAll();
        assertThat(probes).hasSize(1).allMatch(d -> d.probe() && d.target().equals("dead.example:8080"));
        assertThat(deliveries.claimDue(quota(), LEASE).deliveries()).isEmpty();
        Instant probedAt = clock.instant();
        assertThat(fail(probes.getFirst())).contains(probedAt.plus(COOLDOWN.multipliedBy(2)));
        clock.advance(COOLDOWN.multipliedBy(2).minusSeconds(1));
        assertThat(deliveries.claimDue(quota(), LEASE).deliveries()).isEmpty();

        // The next probe is answered: the breaker closes and every execution's next event goes at once.
        clock.advance(Duration.ofSeconds(1));
        List<Delivery> secondProbe = claimAll();
        assertThat(secondProbe).hasSize(1).allMatch(Delivery::probe);
        assertThat(deliveries.recordAttempt(secondProbe.getFirst(), ANSWERED, null, BREAKER)).isEmpty();
        List<Delivery> released = claimAll();
        assertThat(released).hasSize(4).noneMatch(Delivery::probe).allMatch(d -> d.sequence() == 1)
                .extracting(Delivery::executionId).doesNotHaveDuplicates()
                .doesNotContain(secondProbe.getFirst().executionId());
        released.forEach(d -> deliveries.recordAttempt(d, ANSWERED, null, BREAKER));
        List<Delivery> last = claimAll();
        assertThat(last).extracting(Delivery::executionId, Delivery::sequence)
                .containsExactly(org.assertj.core.api.Assertions.tuple(second.id(), 2));
    }

    @Test
    void onlyFailuresInARowThatAreTheTargetsOpenTheBreaker() {
        for (int i = 0; i < 4; i++) {
            stores.start(DEAD);
        }
        List<Delivery> wave = claimAll();
        fail(wave.get(0));
        fail(wave.get(1));
        deliveries.recordAttempt(wave.get(2), ANSWERED, null, BREAKER); // the count starts over
        assertThat(fail(wave.get(3))).isEmpty();
        // The platform's own failure (an event it could not prepare) is not held against the target.
        clock.advance(Duration.ofSeconds(2));
        List<Delivery> retries = claimAll();
        assertThat(retries).hasSize(3);
        assertThat(deliveries.recordAttempt(retries.get(0), new Attempt(false, null, "cannot render", 1, false),
                clock.instant().plusSeconds(1), BREAKER)).isEmpty();
        assertThat(fail(retries.get(1))).isEmpty();
        assertThat(fail(retries.get(2))).isPresent();
    }

    private DeliveryQuota quota() {
        return new DeliveryQuota(64, 8, 16, Map.of(), Map.of());
    }

    /** Claims until nothing more comes. */
    private List<Delivery> claimAll() {
        List<Delivery> all = new ArrayList<>();
        Claim claim;
        do {
            claim = deliveries.claimDue(quota(), LEASE);
            all.addAll(claim.deliveries());
        } while (claim.more());
        return all;
    }

    /** Records a failed attempt with a retry in a second; returns until when the breaker it opened holds. */
    private Optional<Instant> fail(Delivery delivery) {
        return deliveries.recordAttempt(delivery, NO_ANSWER, clock.instant().plusSeconds(1), BREAKER);
    }

    private List<Instant> nextAttempts(String url) {
        return stores.database.read(sql -> sql.query("SELECT next_attempt_at FROM webhook_deliveries"
                + " WHERE url = ? AND status = 'PENDING'", r -> r.instant("next_attempt_at"), url));
    }

    private void writeEvent(Execution execution) {
        stores.database.transaction(sql -> {
            stores.outbox.execution(sql, ExecutionRef.of(execution), ExecutionStatus.RUNNING, null, null,
                    clock.instant());
            return null;
        });
    }

    private String otherOrganization() {
        return stores.organizations.createOrganization("other").key().organizationId();
    }

    /** An execution of another organization, with a workflow of its own. */
    private void startFor(String organizationId, String webhookUrl) {
        String workflowId = new WorkflowStore(stores.database, clock).create(WorkflowStore.NewWorkflow.draft(
                organizationId, "other", null, new Definition(List.of(), List.of(), List.of(), null), Json.object(),
                null)).id();
        Execution execution = new Execution(Ids.next("ex"), organizationId, workflowId, 1, ExecutionStatus.QUEUED,
                Json.object(), null, null, webhookUrl, "api.dataflow", clock.instant(), null, null);
        stores.executions.insertAll(List.of(new ExecutionStore.NewExecution(execution, List.of())));
    }
}
