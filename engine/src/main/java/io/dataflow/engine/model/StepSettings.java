package io.dataflow.engine.model;

import java.time.Duration;

/**
 * How a step of a pinned workflow version runs: its effective retry policy and the limit of one attempt, after the
 * workflow's settings and the execution's {@link StepDefaults} filled in what the task left out.
 */
public record StepSettings(RetryPolicy retry, Duration timeout) {
}
