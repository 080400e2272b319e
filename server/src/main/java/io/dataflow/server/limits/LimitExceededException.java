package io.dataflow.server.limits;

/** A request refused by a per-organization limit; each API dialect's error handler renders {@link #refused()}. */
public final class LimitExceededException extends RuntimeException {

    private final LimitDecision.Refused refused;

    public LimitExceededException(LimitDecision.Refused refused) {
        super(refused.detail(), null, false, false);
        this.refused = refused;
    }

    public LimitDecision.Refused refused() {
        return refused;
    }
}
