package io.dataflow.engine.tasks;

import io.dataflow.engine.spi.TaskFailure;
import io.dataflow.engine.model.WrittenDuration;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * A duration a sleep or a wait is given ({@link WrittenDuration}), from 0 to {@link #MAX}.
 */
final class SleepDuration {

    /** The longest wait a task may ask for. */
    static final Duration MAX = Duration.ofDays(365);

    private SleepDuration() {
    }

    /**
     * The duration {@code value} of input {@code port} gives, from 0 to {@link #MAX}.
     *
     * @throws TaskFailure (permanent) naming the port, what it got and the forms it takes
     */
    static Duration parse(String port, JsonNode value) throws TaskFailure {
        try {
            return WrittenDuration.parse(value, MAX).orElseThrow(() -> TaskFailure.permanent("input '" + port
                    + "' is longer than the most a task may wait, 365 days, got " + (value.isString()
                    ? "'" + WrittenDuration.shorten(value.asString()) + "'" : value.toString())));
        } catch (IllegalArgumentException e) {
            throw TaskFailure.permanent("input '" + port + "' " + e.getMessage());
        }
    }
}
