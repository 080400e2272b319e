package io.dataflow.engine.store;

import io.dataflow.engine.definition.Plan;
import io.dataflow.engine.model.StepDefaults;
import java.util.List;

/**
 * A step of an execution's plan as the store needs it: to create the runs of the first steps, and to show a step
 * that has no run yet.
 *
 * @param position its place in definition order, from 0, which orders an execution's runs
 * @param first whether it waits for no other step, so its run is created with the execution
 */
public record PlannedStep(String name, String type, int position, int maxAttempts, boolean first) {

    /** The plan's steps, in definition order, as they run in an execution started with {@code defaults}. */
    public static List<PlannedStep> of(Plan plan, StepDefaults defaults) {
        return plan.steps().stream().map(step -> new PlannedStep(step.name(), step.type().name(),
                plan.position(step.name()), step.settings(defaults).retry().maxAttempts(),
                step.dependencies().isEmpty())).toList();
    }
}
