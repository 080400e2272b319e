package io.dataflow.engine.store;

import java.time.Duration;

/**
 * When webhook delivery stops trying a target for a while: after {@code failures} failed attempts in a row, every
 * pending delivery to it waits {@code cooldown}; then one probe goes out, and each probe that fails doubles the wait,
 * up to {@code maxCooldown}. An answered attempt (2xx) ends it.
 */
public record BreakerPolicy(int failures, Duration cooldown, Duration maxCooldown) {

    public BreakerPolicy {
        if (failures < 1) {
            throw new IllegalArgumentException("the breaker needs at least one failure to open, got " + failures);
        }
        if (!cooldown.isPositive() || maxCooldown.compareTo(cooldown) < 0) {
            throw new IllegalArgumentException("the cooldown must be positive and at most " + maxCooldown);
        }
    }

    /** The wait after the breaker opened for the {@code opened}-th time in a row (1-based). */
    Duration cooldown(int opened) {
        Duration wait = cooldown;
        for (int i = 1; i < opened && wait.compareTo(maxCooldown) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxCooldown) > 0 ? maxCooldown : wait;
    }
}
