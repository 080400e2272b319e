package io.dataflow.engine.run;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The threads task attempts run on, and the attempts that ran past their timeout and were left running.
 *
 * <p>Attempts of most task types run on platform threads: a task type may compute for a long time without blocking,
 * and a virtual thread that computes holds its carrier, one of the few (as many as cores) that every virtual thread
 * of the process shares: request threads, health checks, the webhook sender. Two such attempts on two cores stopped
 * the server. The operating system shares cores between platform threads fairly, whatever they do. Attempts of
 * {@linkplain io.dataflow.engine.spi.TaskType#pure() pure} types run on virtual threads: those bound their own time
 * and yield their carrier as they compute, and handing work to a virtual thread and back costs a fraction of what it
 * costs with platform threads, which matters for tasks that take microseconds.
 *
 * <p>Java cannot stop a thread that ignores interruption. A timed-out attempt is interrupted and its worker moves
 * on; the thread is <em>abandoned</em>: left to finish, its result dropped. At most {@code maxAbandoned} attempts
 * are abandoned at once. Past that, the worker whose attempt timed out waits for it to end before it takes other
 * work, so threads running task code stay at most {@code workers + maxAbandoned} and a task type that never ends
 * costs the node a worker rather than a core per attempt.
 */
final class AttemptThreads implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptThreads.class);

    private final ThreadPoolExecutor pool;
    private final ExecutorService cooperative = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("dataflow-pure-attempt-", 0).factory());
    private final int maxAbandoned;
    private final AtomicInteger abandoned = new AtomicInteger();

    AttemptThreads(int maxAbandoned) {
        this.maxAbandoned = maxAbandoned;
        // Threads are created as attempts need them and kept a minute; how many run at once is bounded by the
        // dispatcher's worker slots and by maxAbandoned.
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().name("dataflow-attempt-", 0).daemon().factory());
    }

    /**
     * Starts {@code body} on an attempt thread; {@code description} names it in logs, if it comes to that.
     *
     * @param pure whether the task type is pure, and so bounds its time and yields its carrier by itself
     */
    Attempt start(Supplier<String> description, Callable<ObjectNode> body, boolean pure) {
        Attempt attempt = new Attempt(description, body);
        (pure ? cooperative : pool).execute(attempt::runToEnd);
        return attempt;
    }

    /** How many timed-out attempts are still running. */
    int abandoned() {
        return abandoned.get();
    }

    /**
     * Takes no more attempts. Running ones are left to end (their late results are fenced off once their leases were
     * given back); their daemon threads do not keep the process alive.
     */
    @Override
    public void close() {
        pool.shutdown();
        cooperative.shutdown();
    }

    /** One attempt running on its own thread. */
    final class Attempt extends FutureTask<ObjectNode> {

        private static final int RUNNING = 0;
        private static final int ABANDONED = 1;
        private static final int ENDED = 2;

        private final Supplier<String> description;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private final CountDownLatch ended = new CountDownLatch(1);
        private final long startedAt = System.nanoTime();

        private Attempt(Supplier<String> description, Callable<ObjectNode> body) {
            super(body);
            this.description = description;
        }

        private void runToEnd() {
            try {
                run();
            } finally {
                ended.countDown();
                if (state.getAndSet(ENDED) == ABANDONED) {
                    int left = abandoned.decrementAndGet();
                    log.info("{} ended {} ms after it started, after its timeout; {} timed-out attempts still run",
                            description.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), left);
                }
            }
        }

        /**
         * Gives up on this attempt after its timeout: interrupts it and, unless it ends, leaves it running.
         *
         * @return false when too many attempts are abandoned already: the caller must {@linkplain #awaitEnd wait}
         *     for this one to end before taking other work
         */
        boolean abandon() {
            cancel(true);
            if (abandoned.incrementAndGet() > maxAbandoned) {
                abandoned.decrementAndGet();
                log.warn("{} timed out and is still running; {} timed-out attempts already run, so its worker waits"
                        + " for it to end", description.get(), maxAbandoned);
                return false;
            }
            if (!state.compareAndSet(RUNNING, ABANDONED)) {
                abandoned.decrementAndGet();
            }
            return true;
        }

        /** Waits until the attempt's code returned or threw. */
        void awaitEnd() throws InterruptedException {
            ended.await();
        }
    }
}
