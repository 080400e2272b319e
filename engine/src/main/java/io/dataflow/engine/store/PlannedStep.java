package io.dataflow.engine.store;

import io.dataflow.engine.definition.Plan;
import java.util.List;

/**
 * A step of an execution's plan as the store needs it: to create the runs of the first steps, and to show a step
 * that has no run yet.
 *
 * @param position its place in definition order, from 0, which orders an execution's runs
 * @param first whether it waits for no other step, so its run is created with the execution
 */
public record PlannedStep(String name, String type, int position, int maxAttempts, boolean first) {

    /** The plan's steps, in definition order. */
    public static List<PlannedStep> of(Plan plan) {
        return plan.steps().stream().map(step -> new PlannedStep(step.name(), step.type().name(),
                plan.position(step.name()), step.retry().maxAttempts(), step.dependencies().isEmpty())).toList();
    }
}
