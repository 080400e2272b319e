package io.dataflow.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: threads hand in items and wait; one thread takes whatever has gathered meanwhile and applies it in
 * one transaction. Under load many items share one transaction and one round trip per statement, which is what
 * lets the engine keep up with the database; an idle node applies each item at once, alone.
 *
 * <p>When a batch fails, each of its items is applied again on its own, so one bad item fails only its own
 * caller. The batch must therefore be all or nothing: one transaction that commits or rolls back as a whole.
 *
 * @param <I> what callers hand in
 * @param <R> what each caller gets back
 */
public final class GroupCommit<I, R> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final long IDLE_CHECK_MS = 50;

    private record Pending<I, R>(I item, CompletableFuture<R> result) {
    }

    private final BlockingQueue<Pending<I, R>> queue = new LinkedBlockingQueue<>();
    private final Function<List<I>, List<R>> apply;
    private final int maxBatch;
    private final Thread thread;
    private final Object lock = new Object();
    private boolean closed;

    /**
     * @param name the committing thread's name
     * @param apply applies a batch in one transaction and returns one result per item, in order
     * @param maxBatch the most items in one transaction
     */
    public GroupCommit(String name, Function<List<I>, List<R>> apply, int maxBatch) {
        this.apply = apply;
        this.maxBatch = maxBatch;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    /**
     * Applies {@code item} with whatever else is waiting and returns its result once committed.
     *
     * @throws RuntimeException what applying the item on its own threw
     * @throws ClosedException when this group commit is closed
     */
    public R submit(I item) throws InterruptedException {
        Pending<I, R> pending = new Pending<>(item, new CompletableFuture<>());
        synchronized (lock) {
            if (closed) {
                throw new ClosedException(thread.getName() + " is closed");
            }
            queue.add(pending);
        }
        try {
            return pending.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** How many items are handed in and wait for a batch. */
    public int waiting() {
        return queue.size();
    }

    /** Nothing more is taken: the node is stopping. */
    public static final class ClosedException extends IllegalStateException {
        ClosedException(String message) {
            super(message);
        }
    }

    /** Applies what was handed in before, then stops the committing thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Pending<I, R>> batch = new ArrayList<>(maxBatch);
        while (true) {
            Pending<I, R> first;
            try {
                first = queue.poll(IDLE_CHECK_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
            }
            if (first == null) {
                synchronized (lock) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            applyBatch(batch);
            batch.clear();
        }
    }

    private void applyBatch(List<Pending<I, R>> batch) {
        try {
            List<R> results = apply.apply(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
        } catch (Throwable e) {
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(e);
                return;
            }
            log.debug("a batch of {} failed; applying its items one by one", batch.size(), e);
            for (Pending<I, R> pending : batch) {
                applyBatch(List.of(pending));
            }
        }
    }
}
