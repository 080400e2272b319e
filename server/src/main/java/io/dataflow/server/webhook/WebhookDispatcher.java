package io.dataflow.server.webhook;

import io.dataflow.engine.Engine;
import io.dataflow.engine.run.WakeSignal;
import io.dataflow.engine.store.BreakerPolicy;
import io.dataflow.engine.store.WebhookDeliveryStore;
import io.dataflow.engine.store.WebhookDeliveryStore.Attempt;
import io.dataflow.engine.store.WebhookDeliveryStore.Claim;
import io.dataflow.engine.store.WebhookDeliveryStore.Delivery;
import io.dataflow.server.config.DataflowSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers the webhook outbox. One platform thread claims due deliveries and hands each to a virtual thread, which
 * makes one attempt and records it: delivered, or failed with the next try after an exponential backoff
 * ({@code DATAFLOW_WEBHOOK_RETRY_BASE_MS}, doubling, at most {@link #MAX_DELAY}), or given up after
 * {@link #MAX_ATTEMPTS}. A refused target (a private address) is a failed attempt like any other, since DNS may
 * change back.
 *
 * <p>Delivery is fair between tenants and receivers: this node has at most {@link WebhookSettings#maxInFlight()}
 * attempts under way, of which at most {@link WebhookSettings#maxPerTarget()} to one receiver and
 * {@link WebhookSettings#maxPerOrganization()} for one organization, and an attempt ends after
 * {@link WebhookSettings#timeout()}. A receiver that keeps failing is left alone for a while by its circuit breaker
 * (see the engine's {@code TargetBreaker}), with its events postponed in the database rather than holding slots.
 *
 * <p>Events of one execution go out one at a time and in order: the store only hands out an execution's earliest
 * pending event, and leases it longer than an attempt can take. The claiming thread is woken when this node commits
 * new events and when an attempt ends (the next event of that execution may now be due); other nodes' events are
 * found by polling ({@code DATAFLOW_WEBHOOK_POLL_MS}). Every node runs one; nothing is lost across restarts, since
 * the events are rows and an abandoned attempt's lease just expires. Delivery is at least once: a receiver
 * de-duplicates on {@code webhook-id}.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    static final int MAX_ATTEMPTS = 15;
    static final Duration MAX_DELAY = Duration.ofMinutes(10);
    /** A target that has not failed for this long starts its count of failures in a row afresh. */
    private static final Duration TARGET_MEMORY = Duration.ofDays(1);
    private static final Duration FORGET_EVERY = Duration.ofHours(1);
    // Both waits together stay under the shutdown phase's 10 s (spring.lifecycle.timeout-per-shutdown-phase).
    private static final Duration CLAIMER_STOP_WAIT = Duration.ofSeconds(2);
    private static final Duration ATTEMPTS_STOP_WAIT = Duration.ofSeconds(5);

    private final WebhookDeliveryStore store;
    private final WakeSignal wake;
    private final WebhookSender sender;
    private final Clock clock;
    private final Duration retryBase;
    private final Duration pollInterval;
    private final Duration lease;
    private final BreakerPolicy breaker;
    private final InFlight inFlight;
    private volatile boolean running;
    private Thread claimer;
    private ExecutorService attempts;
    private Instant forgetAt;

    public WebhookDispatcher(Engine engine, WebhookSender sender, DataflowSettings settings,
            WebhookSettings webhookSettings, Clock clock) {
        this.store = engine.webhookDeliveries();
        this.wake = engine.webhookEvents();
        this.sender = sender;
        this.clock = clock;
        this.retryBase = settings.webhookRetryBase();
        this.pollInterval = settings.webhookPollInterval();
        this.lease = webhookSettings.lease();
        this.breaker = webhookSettings.breaker();
        this.inFlight = new InFlight(webhookSettings);
    }

    @Override
    public synchronized void start() {
        attempts = Executors.newVirtualThreadPerTaskExecutor();
        forgetAt = clock.instant();
        running = true;
        claimer = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::claimLoop);
    }

    /** Stops claiming, then gives attempts under way a few seconds; the ones cut off are retried after their lease. */
    @Override
    public synchronized void stop() {
        running = false;
        wake.signal();
        try {
            claimer.join(CLAIMER_STOP_WAIT.toMillis());
            attempts.shutdown();
            if (!attempts.awaitTermination(ATTEMPTS_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            attempts.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void claimLoop() {
        while (running) {
            try {
                forgetIdleTargets();
                Claim claim = store.claimDue(inFlight.quota(), lease);
                for (Delivery delivery : claim.deliveries()) {
                    inFlight.started(delivery);
                    attempts.execute(() -> attempt(delivery));
                }
                if (!claim.more()) {
                    wake.await(pollInterval);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("claiming webhook deliveries failed; trying again shortly", e);
                LockSupport.parkNanos(pollInterval.toNanos());
            }
        }
    }

    private void attempt(Delivery delivery) {
        try {
            Attempt outcome = sender.send(delivery);
            int attempt = delivery.attempts() + 1;
            Instant retryAt = outcome.delivered() || attempt >= MAX_ATTEMPTS ? null
                    : clock.instant().plus(backoff(retryBase, attempt));
            Optional<Instant> heldBack = store.recordAttempt(delivery, outcome, retryAt, breaker);
            heldBack.ifPresent(until -> {
                log.warn("webhook receiver {} keeps failing ({}); its events wait until {}", delivery.target(),
                        outcome.error(), until);
                wake.wakeAt(until);
            });
            if (retryAt != null) {
                wake.wakeAt(retryAt);
            } else if (!outcome.delivered()) {
                log.warn("gave up on webhook delivery {} of execution {} to {} after {} attempts: {}", delivery.id(),
                        delivery.executionId(), delivery.target(), attempt, outcome.error());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the lease expires and the event is tried again
        } catch (RuntimeException e) {
            log.warn("recording webhook delivery {} failed; it is retried when its lease expires", delivery.id(), e);
        } finally {
            inFlight.finished(delivery);
            wake.signal(); // a slot is free, and the execution's next event may be due
        }
    }

    /** Now and then, drops what the breaker remembers of receivers that have been fine for a long time. */
    private void forgetIdleTargets() {
        Instant now = clock.instant();
        if (now.isBefore(forgetAt)) {
            return;
        }
        forgetAt = now.plus(FORGET_EVERY);
        store.forgetTargetsIdleSince(now.minus(TARGET_MEMORY));
    }

    /** The wait after failed attempt number {@code attempt} (1-based): base, 2 × base, 4 × base, … at most 10 min. */
    static Duration backoff(Duration base, int attempt) {
        Duration delay = base;
        for (int i = 1; i < attempt && delay.compareTo(MAX_DELAY) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
