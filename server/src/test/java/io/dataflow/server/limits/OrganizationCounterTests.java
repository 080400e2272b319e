package io.dataflow.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The cached per-organization count behind the unfinished-executions and events limits: one database count per
 * second at most while below the limit, what this node added counted in between, and a refusal only after counting
 * again. A settable clock and a map for the database.
 */
class OrganizationCounterTests {

    private final Map<String, Long> database = new HashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final OrganizationCounter counter = new OrganizationCounter(org -> {
        queries.incrementAndGet();
        return database.getOrDefault(org, 0L);
    }, now::get);

    private void advance(java.time.Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void belowTheLimitItCountsInTheDatabaseOncePerSecondAndAddsWhatItAllowed() {
        database.put("a", 5L);

        assertThat(counter.tryAdd("a", 8)).isTrue();
        assertThat(counter.tryAdd("a", 8)).isTrue();
        assertThat(counter.tryAdd("a", 8)).isTrue();

        assertThat(queries).hasValue(1);
        assertThat(counter.estimate("a")).isEqualTo(8);
    }

    @Test
    void atTheLimitItRefusesOnlyAfterCountingAgain() {
        database.put("a", 1L);
        assertThat(counter.tryAdd("a", 2)).isTrue();
        advance(OrganizationCounter.MIN_RECOUNT_INTERVAL);
        database.put("a", 2L);

        assertThat(counter.tryAdd("a", 2)).isFalse();

        assertThat(queries).hasValue(2);
    }

    @Test
    void atTheLimitAFreshCountThatFoundRoomAllows() {
        database.put("a", 1L);
        assertThat(counter.tryAdd("a", 2)).isTrue();
        advance(OrganizationCounter.MIN_RECOUNT_INTERVAL);
        database.put("a", 0L); // both finished meanwhile

        assertThat(counter.tryAdd("a", 2)).isTrue();
        assertThat(counter.estimate("a")).isEqualTo(1);
    }

    @Test
    void callersRetryingAgainstAFullOrganizationCostOneCountPerRecountInterval() {
        database.put("a", 3L);
        assertThat(counter.tryAdd("a", 3)).isFalse();
        int afterFirst = queries.get();

        for (int i = 0; i < 100; i++) {
            assertThat(counter.tryAdd("a", 3)).isFalse();
            assertThat(counter.below("a", 3)).isFalse();
        }
        assertThat(queries).hasValue(afterFirst);

        advance(OrganizationCounter.MIN_RECOUNT_INTERVAL);
        database.put("a", 2L);
        assertThat(counter.below("a", 3)).isTrue();
        assertThat(queries).hasValue(afterFirst + 1);
    }

    @Test
    void aCountOlderThanASecondIsTakenAgainEvenBelowTheLimit() {
        database.put("a", 0L);
        assertThat(counter.below("a", 10)).isTrue();
        database.put("a", 10L);
        assertThat(counter.below("a", 10)).as("stale count").isTrue();

        advance(OrganizationCounter.MAX_AGE);

        assertThat(counter.below("a", 10)).isFalse();
    }

    @Test
    void threadsCountingAtOnceShareOneCountAndNeverPassTheLimitTogether() throws Exception {
        int threads = 8;
        // Every thread's count waits for all of them, so that each counts before any has stored its count.
        CyclicBarrier together = new CyclicBarrier(threads);
        OrganizationCounter racing = new OrganizationCounter(org -> {
            try {
                together.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return 0L;
        }, now::get);
        List<Future<Boolean>> allowed = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                allowed.add(pool.submit(() -> racing.tryAdd("a", 1)));
            }
        }

        int passed = 0;
        for (Future<Boolean> result : allowed) {
            passed += result.get() ? 1 : 0;
        }
        assertThat(passed).isEqualTo(1);
    }

    @Test
    void organizationsAreCountedApart() {
        database.put("a", 2L);

        assertThat(counter.tryAdd("a", 2)).isFalse();
        assertThat(counter.tryAdd("b", 2)).isTrue();
    }
}
