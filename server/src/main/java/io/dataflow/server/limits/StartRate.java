package io.dataflow.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * How fast each organization may start executions on this server: a token bucket per organization (Bucket4j), which
 * holds {@code burst} starts and refills at {@code perSecond}. Buckets live in this process only, so N servers let
 * an organization start N times the rate; a shared bucket would cost a database round trip on every start.
 */
final class StartRate {

    private final Cache<String, Bucket> buckets;
    private final Duration refillPeriod;
    private final long burst;

    /** @param perSecond starts per second, on average; greater than 0 */
    StartRate(double perSecond, long burst) {
        // One token per period: fractional rates (one start a minute is 0.0167) need no rounding.
        this.refillPeriod = Duration.ofNanos(Math.max(1, Math.round(1e9 / perSecond)));
        this.burst = burst;
        // A bucket unused for as long as it takes to refill completely is full, the same as a new one, so it can be
        // dropped then (kept at most a day: a slower limit forgets a little sooner).
        double refillSeconds = Math.min(burst / perSecond, Duration.ofDays(1).toSeconds());
        this.buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(Duration.ofSeconds((long) Math.ceil(refillSeconds)).plusMinutes(1)).build();
    }

    /** Takes one start from the organization's bucket; empty when taken, else how long until one is there. */
    Optional<Duration> tryStart(String organizationId) {
        ConsumptionProbe probe = buckets.get(organizationId, id -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(1, refillPeriod))
                .withNanosecondPrecision().build();
    }
}
