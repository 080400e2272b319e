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

    /**
     * Takes {@code starts} starts from the organization's bucket, all or none; empty when taken, else how long until
     * they could be. A batch larger than the burst is taken from a full bucket only, which it leaves owing the rest:
     * the starts after it wait until the refill has paid that back, so batches keep to the same average rate as
     * single starts without being refused for ever.
     */
    Optional<Duration> tryStart(String organizationId, int starts) {
        Bucket bucket = buckets.get(organizationId, id -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(Math.min(starts, burst));
        if (!probe.isConsumed()) {
            return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
        if (starts > burst) {
            bucket.consumeIgnoringRateLimits(starts - burst);
        }
        return Optional.empty();
    }

    /** Gives back starts taken for a request that another limit then refused (never above the burst). */
    void giveBack(String organizationId, int starts) {
        Bucket bucket = buckets.getIfPresent(organizationId);
        if (bucket != null) {
            bucket.addTokens(starts);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(1, refillPeriod))
                .withNanosecondPrecision().build();
    }
}
