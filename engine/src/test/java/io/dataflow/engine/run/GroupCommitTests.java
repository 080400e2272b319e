package io.dataflow.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTests {

    @Test
    void itemsHandedInWhileABatchIsAppliedShareTheNextBatch() throws Exception {
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        try (GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-commit", items -> {
            batches.add(items);
            if (batches.size() == 1) {
                firstBatchEntered.countDown();
                await(releaseFirstBatch);
            }
            return items.stream().map(i -> i * 10).toList();
        }, 100); ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = callers.submit(() -> commit.submit(0));
            assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<Integer>> waiting = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                int item = i;
                waiting.add(callers.submit(() -> commit.submit(item)));
            }
            awaitQueued(commit, waiting.size());
            releaseFirstBatch.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
            for (int i = 0; i < waiting.size(); i++) {
                assertThat(waiting.get(i).get(5, TimeUnit.SECONDS)).as("result of item " + (i + 1)).isEqualTo((i + 1) * 10);
            }
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).hasSize(20);
    }

    @Test
    void aFailingItemFailsOnlyItsOwnCaller() throws Exception {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommit<String, String> commit = new GroupCommit<>("test-commit", items -> {
            batches.add(items);
            firstBatchEntered.countDown();
            await(release);
            if (items.contains("bad")) {
                throw new IllegalArgumentException("bad item");
            }
            return items.stream().map(String::toUpperCase).toList();
        }, 100); ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> good = callers.submit(() -> commit.submit("good"));
            assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
            Future<String> bad = callers.submit(() -> commit.submit("bad"));
            Future<String> other = callers.submit(() -> commit.submit("other"));
            awaitQueued(commit, 2);
            release.countDown();

            assertThat(good.get(5, TimeUnit.SECONDS)).isEqualTo("GOOD");
            assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("OTHER");
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasRootCauseMessage("bad item");
        }
        assertThat(batches).containsExactly(List.of("good"), batches.get(1), List.of(batches.get(1).get(0)),
                List.of(batches.get(1).get(1)));
        assertThat(batches.get(1)).containsExactlyInAnyOrder("bad", "other");
    }

    @Test
    void closingAppliesWhatWasHandedInAndRefusesMore() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommit<Integer, Integer> commit = new GroupCommit<>("test-commit", items -> {
            entered.countDown();
            await(release);
            return items;
        }, 100);
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> pending = callers.submit(() -> commit.submit(7));
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            Future<?> closing = callers.submit(commit::close);
            release.countDown();
            closing.get(5, TimeUnit.SECONDS);
            assertThat(pending.get(5, TimeUnit.SECONDS)).isEqualTo(7);
        }
        assertThatThrownBy(() -> commit.submit(8)).isInstanceOf(GroupCommit.ClosedException.class);
    }

    /** Waits until the callers are blocked in submit, so their items are queued behind the running batch. */
    private static void awaitQueued(GroupCommit<?, ?> commit, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (commit.waiting() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(commit.waiting()).as("items queued behind the running batch").isEqualTo(count);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
