package io.dataflow.server.limits;

import java.time.Duration;

/**
 * What {@link OrganizationLimits} decided about a request: allowed, or refused with the reason. The decision is the
 * same for every API dialect; each renders a refusal in its own shape (the {@code /workflows} API as a 429 problem
 * with {@code Retry-After}).
 */
public sealed interface LimitDecision {

    /** The request may go ahead. */
    LimitDecision ALLOWED = new Allowed();

    /** Throws the refusal, if this is one, for the dialect's error handler to render. */
    default void orThrow() {
        if (this instanceof Refused refused) {
            throw new LimitExceededException(refused);
        }
    }

    /** The request may go ahead. */
    record Allowed() implements LimitDecision {
    }

    /**
     * The request is over a limit and changed nothing.
     *
     * @param limit the setting that sets the limit, such as {@code DATAFLOW_LIMIT_STARTS_PER_SECOND}
     * @param detail what was over the limit and what to do about it, for the caller
     * @param retryAfter how long to wait before trying again; null when waiting alone does not help (a storage quota
     *     is freed only by deleting)
     */
    record Refused(String limit, String detail, Duration retryAfter) implements LimitDecision {

        /** {@link #retryAfter} in whole seconds, as {@code Retry-After} gives it; -1 for none. */
        public long retryAfterSeconds() {
            return retryAfter == null ? -1 : wholeSeconds(retryAfter);
        }

        /** A wait in whole seconds, rounded up and at least 1, so that a client waiting that long is not early. */
        static long wholeSeconds(Duration wait) {
            return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        }
    }
}
