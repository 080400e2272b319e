package io.dataflow.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * A count of something an organization holds (unfinished executions, undelivered events), checked against a limit
 * on a hot path without a query each time. The database count is kept for {@link #MAX_AGE}; what this node adds
 * meanwhile is added to it, so the estimate only errs high (things finished since) or by what other nodes added
 * within {@code MAX_AGE}. Only an estimate at the limit is refused, and only after counting again (at most once per
 * {@link #MIN_RECOUNT_INTERVAL}, so callers retrying against a full organization do not each cost a query).
 */
final class OrganizationCounter {

    static final Duration MAX_AGE = Duration.ofSeconds(1);
    static final Duration MIN_RECOUNT_INTERVAL = Duration.ofMillis(100);

    private final ToLongFunction<String> count;
    private final LongSupplier nanoTime;
    private final Cache<String, Snapshot> snapshots = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1)).build();

    /**
     * @param count counts an organization's things in the database
     * @param nanoTime the clock ({@link System#nanoTime} but in tests)
     */
    OrganizationCounter(ToLongFunction<String> count, LongSupplier nanoTime) {
        this.count = count;
        this.nanoTime = nanoTime;
    }

    /** A database count, and what this node added since it was taken. */
    private static final class Snapshot {
        final long counted;
        final long takenAt;
        final AtomicLong added = new AtomicLong();

        Snapshot(long counted, long takenAt) {
            this.counted = counted;
            this.takenAt = takenAt;
        }

        long estimate() {
            return counted + added.get();
        }

        /** Adds {@code n} unless that would pass {@code limit}; atomic, so concurrent callers never pass it together. */
        boolean tryAdd(long limit, int n) {
            while (true) {
                long current = added.get();
                if (counted + current + n > limit) {
                    return false;
                }
                if (added.compareAndSet(current, current + n)) {
                    return true;
                }
            }
        }
    }

    /**
     * Counts one more for the organization unless it already holds {@code limit}.
     *
     * @return whether it was below the limit (and is now counted one higher)
     */
    boolean tryAdd(String organizationId, long limit) {
        return tryAdd(organizationId, limit, 1);
    }

    /**
     * Counts {@code n} more for the organization unless that would take it over {@code limit}: all or none.
     *
     * @return whether they fitted (and are now counted)
     */
    boolean tryAdd(String organizationId, long limit, int n) {
        if (snapshot(organizationId, MAX_AGE).tryAdd(limit, n)) {
            return true;
        }
        return snapshot(organizationId, MIN_RECOUNT_INTERVAL).tryAdd(limit, n);
    }

    /**
     * Counts {@code n} fewer for the organization, for things {@link #tryAdd} counted that were not added after all;
     * never below the database count (a newer count never had them).
     */
    void giveBack(String organizationId, int n) {
        Snapshot current = snapshots.getIfPresent(organizationId);
        if (current != null) {
            current.added.updateAndGet(added -> Math.max(0, added - n));
        }
    }

    /** Whether the organization holds fewer than {@code limit}, counting again first when the estimate says no. */
    boolean below(String organizationId, long limit) {
        if (snapshot(organizationId, MAX_AGE).estimate() < limit) {
            return true;
        }
        return snapshot(organizationId, MIN_RECOUNT_INTERVAL).estimate() < limit;
    }

    /** The organization's latest count as this node knows it (for messages). */
    long estimate(String organizationId) {
        return snapshot(organizationId, MAX_AGE).estimate();
    }

    /**
     * The organization's snapshot, counted again when older than {@code maxAge}. Threads that count at once agree on
     * one snapshot (the first stored), so they never each pass the limit on a count of their own. What a start that
     * was allowed but not yet committed adds can be missing from a new count: the limit may be passed by the starts
     * in flight at that moment.
     */
    private Snapshot snapshot(String organizationId, Duration maxAge) {
        long now = nanoTime.getAsLong();
        Snapshot current = snapshots.getIfPresent(organizationId);
        if (current != null && now - current.takenAt < maxAge.toNanos()) {
            return current;
        }
        Snapshot fresh = new Snapshot(count.applyAsLong(organizationId), now);
        ConcurrentMap<String, Snapshot> map = snapshots.asMap();
        if (current == null) {
            Snapshot first = map.putIfAbsent(organizationId, fresh);
            return first != null ? first : fresh;
        }
        return map.replace(organizationId, current, fresh) ? fresh : map.getOrDefault(organizationId, fresh);
    }
}
