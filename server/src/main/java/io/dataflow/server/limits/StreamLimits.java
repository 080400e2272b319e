package io.dataflow.server.limits;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many live streams of executions each organization holds open on this server: at most
 * {@code DATAFLOW_LIMIT_STREAMS} ({@link LimitSettings#streams}, 0 for no limit). An open stream holds a connection
 * and a request thread (a virtual one) and reads its execution again at every change, so one organization's
 * watchers must not take a server from the others. Counted in memory, per server: N servers let an organization
 * hold N times as many.
 */
public final class StreamLimits {

    /** Streams end when their execution ends or after at most half an hour; asking again a little later may fit. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final long max;
    /** Open streams by organization; an organization without any has no entry. */
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public StreamLimits(LimitSettings settings) {
        this.max = settings.streams();
    }

    /** One open stream, counted until it is closed (once, however often it is closed). */
    public final class Slot implements AutoCloseable {
        private final String organizationId;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Slot(String organizationId) {
            this.organizationId = organizationId;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                open.computeIfPresent(organizationId, (id, n) -> n <= 1 ? null : n - 1);
            }
        }
    }

    /**
     * Counts a stream of the organization in, unless it already holds as many as the limit allows.
     *
     * @throws LimitExceededException when it does, for the dialect to answer 429 naming the setting
     */
    public Slot open(String organizationId) {
        boolean[] taken = {false};
        open.compute(organizationId, (id, n) -> {
            int now = n == null ? 0 : n;
            if (max > 0 && now >= max) {
                return n;
            }
            taken[0] = true;
            return now + 1;
        });
        if (!taken[0]) {
            throw new LimitExceededException(new LimitDecision.Refused(LimitSettings.STREAMS, "this organization"
                    + " has " + max + " live streams open on this server, as many as its limit allows ("
                    + LimitSettings.STREAMS + "); close one, or read the execution with GET"
                    + " /api/v1/executions/{executionId} instead", RETRY_AFTER));
        }
        return new Slot(organizationId);
    }
}
