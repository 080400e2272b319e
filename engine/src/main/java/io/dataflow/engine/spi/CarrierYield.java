package io.dataflow.engine.spi;

/**
 * Lets long computations on a virtual thread give the processor to the other virtual threads now and then.
 *
 * <p>The JVM does not preempt a virtual thread that computes: it keeps its carrier until it blocks, and the carriers
 * (as many as cores) are shared by every virtual thread of the process, the server's request threads included. Code
 * that may compute for a long time on one (an expression, a regular expression search, a pure task type) calls
 * {@link #check} from its loop; every {@link #SLICE_NANOS} (a millisecond) of its own time it yields, so the others wait at most about that
 * long for a carrier. On a platform thread it does nothing: the operating system shares cores between those.
 *
 * <p>Not thread-safe: one instance per computation, used by the thread running it.
 */
public final class CarrierYield {

    /** The longest a computation keeps the carrier before letting the others run. */
    public static final long SLICE_NANOS = 1_000_000;

    private final boolean virtual = Thread.currentThread().isVirtual();
    private long sliceStart = System.nanoTime();

    /** Yields the carrier when this computation has held it for a slice; {@code now} is {@link System#nanoTime}. */
    public void check(long now) {
        if (virtual && now - sliceStart > SLICE_NANOS) {
            Thread.yield();
            sliceStart = System.nanoTime();
        }
    }
}
